import type { Run } from '../core/run.js';
import type { HistoryEntry } from '../storage/integration-history.repository.js';
import type { StatusEvent } from '../storage/status-event.repository.js';
import type { DiagnosisResult } from './diagnose-reference.js';
import type { HealthBucket } from './integration-health.js';

/** A run as a support report lists it. */
export type ReportRun = Pick<Run, 'id' | 'kind' | 'dryRun' | 'status' | 'startedAt' | 'finishedAt' | 'window' | 'counts' | 'source' | 'error' | 'pages'>;

/** What a support report holds, whether it is sent as JSON or rendered as Markdown. */
export interface SupportReport {
  generatedAt: string;
  generatedBy: string;
  range: { from: string; to: string };
  integration: {
    id: string;
    name: string;
    platform: string;
    sourceAccount: string;
    status: string;
    lastError: unknown;
    lastRanAt: string | null;
    lastDataImportedAt: string | null;
    checkpointReachedAt: string | null;
    connection: Record<string, unknown>;
    credentials: { set: boolean; updatedAt: string | null };
    settings: Record<string, unknown>;
  };
  statusHistory: StatusEvent[];
  settingsChanges: HistoryEntry[];
  /** Runs that imported (previews are in `previews`), newest first; at most RUNS_SHOWN of them. */
  runs: ReportRun[];
  /** More runs started in the range than the report lists. */
  runsTruncated: boolean;
  /** Backfill previews: they wrote nothing, so their counts say what a backfill would have done. */
  previews: ReportRun[];
  diagnoses: DiagnosisResult[];
  volume: HealthBucket[];
}
