import type { IntegrationSettings } from './integration-settings.js';
import type { Health, IntegrationStatus } from './integration-status.js';
import type { RunErrorCategory } from './run-import.js';
import type { Run } from './run.js';
import type { SettingsProblem } from './settings-problems.js';

/** The last error an integration met, as shown beside its status. */
export interface LastError {
  category: RunErrorCategory;
  message: string;
  at: string;
  runId: string;
  resumeAt: string | null;
  /** Raw evidence for support: HTTP status, platform error code, request id. */
  detail: Record<string, unknown>;
}

export interface PauseInfo {
  at: string;
  by: string;
  note: string | null;
}

/** After a settings change: contacts excluded before that today's settings would import. */
export interface BackfillHint {
  message: string;
  count: number;
  reasons: Record<string, number>;
  seenSince: string;
  /** Suggested backfill range, by creation date (YYYY-MM-DD). */
  from: string;
  to: string;
}

/** One configured connection from a workspace to one account on a platform. Holds no secret. */
export interface Integration {
  id: string;
  workspaceId: string;
  platform: string;
  name: string;
  sourceAccount: string;
  /** The platform's non-secret connection settings (subdomain, base URL, auth kind). */
  connection: Record<string, unknown>;
  credentialsSet: boolean;
  credentialsUpdatedAt: string | null;
  settings: IntegrationSettings;
  checkpoint: string | null;
  /** What users see: `paused` while paused, else the health of the last runs. */
  status: IntegrationStatus;
  health: Health;
  healthSince: string;
  outageRuns: number;
  outageSince: string | null;
  lastError: LastError | null;
  lastRanAt: string | null;
  lastDataImportedAt: string | null;
  nextRunAt: string | null;
  pause: PauseInfo | null;
  runningSince: string | null;
  /** The scheduled or manual run in flight (its counts, source usage and wait), while one runs. */
  activeRun: Run | null;
  /** Set after an outage ended: the next run catches up from then. */
  catchUpSince: string | null;
  /** Every change at the source up to this time has been read (null before the first page). */
  checkpointReachedAt: string | null;
  backfillHint: BackfillHint | null;
  /** Filter conditions the platform's directory shows to be stale (a custom field gone, an agent no longer listed). */
  settingsProblems: SettingsProblem[];
  createdAt: string;
  updatedAt: string;
}
