import type { RunOutcome } from './integration-status.js';
import type { RunCounts } from './run-counts.js';
import type { RunError } from './run-import.js';

/** scheduled: by the schedule; manual: "run now"; single: one reference; backfill: a date range. */
export const RUN_KINDS = ['scheduled', 'manual', 'single', 'backfill'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** `interrupted`: the process running it died; the next run resumes from the checkpoint. */
export type RunStatus = 'running' | RunOutcome | 'interrupted';

export interface SourceUsage {
  requests: number;
  throttled: number;
  rateLimitedMs: number;
}

export interface Run {
  id: string;
  workspaceId: string;
  integrationId: string;
  kind: RunKind;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string;
  window: { from: string | null; to: string | null };
  sourceRef: string | null;
  checkpointBefore: string | null;
  checkpointAfter: string | null;
  pages: number;
  counts: RunCounts;
  /** What the run cost at the source. */
  source: SourceUsage;
  error: RunError | null;
  stoppedBy: string | null;
  requestedBy: string | null;
  /** A run after an outage: when the outage began, and the contacts it recovered (imported + updated). */
  catchUp: { since: string; recovered: number } | null;
}
