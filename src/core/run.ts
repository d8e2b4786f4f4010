import type { RunOutcome } from './integration-status.js';
import type { RunCounts } from './run-counts.js';
import type { RunError } from './run-import.js';

/**
 * scheduled: by the schedule; manual: "run now"; single: one reference; backfill: a date range;
 * upload: one uploaded file (its name in `fileName`); push: one batch sent to the push API.
 */
export const RUN_KINDS = ['scheduled', 'manual', 'single', 'backfill', 'upload', 'push'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/**
 * `queued`: asked for, waiting for a process to take it (every run starts so); `running`: a
 * process holds it under its lease; `interrupted`: the process running it died before the run
 * could be taken over (runs from before the queue); the next run resumes from the checkpoint.
 */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = 'queued' | 'running' | RunOutcome | 'interrupted';

/** Whether a run has not ended yet (waiting for a process, or in one). */
export function isOpenRun(run: Pick<Run, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

export interface SourceUsage {
  requests: number;
  throttled: number;
  rateLimitedMs: number;
}

/**
 * Why a run is waiting right now: `budget` — the platform's rate limit is used up for this window;
 * `retry_after` — the platform answered 429 and said when to come back; `backoff` — a transient
 * failure (network, 5xx) is retried after a pause; `report` — the platform is preparing a report
 * the run asked for (report-job platforms) and is asked again when the wait ends.
 */
export const RUN_WAIT_KINDS = ['budget', 'retry_after', 'backoff', 'report'] as const;
export type RunWaitKind = (typeof RUN_WAIT_KINDS)[number];

export interface RunWait {
  kind: RunWaitKind;
  /** When the wait began and when the next request goes out (ISO). */
  since: string;
  until: string;
  /** In words, naming the platform and its limit: "Zendesk allows 10 requests a minute — next request at 08:14:20 UTC". */
  reason: string;
}

export interface Run {
  id: string;
  workspaceId: string;
  integrationId: string;
  kind: RunKind;
  status: RunStatus;
  /** When it was asked for; `startedAt` is when a process first took it (the same while queued). */
  queuedAt: string;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string;
  window: { from: string | null; to: string | null };
  /** The one reference a single import reads; null for every other kind. */
  sourceRef: string | null;
  /** The uploaded file an upload run read; null for every other kind. */
  fileName: string | null;
  checkpointBefore: string | null;
  checkpointAfter: string | null;
  pages: number;
  counts: RunCounts;
  /** What the run cost at the source; kept up to date while it runs. */
  source: SourceUsage;
  /** What the run is waiting for right now; null when it is not waiting (and once it ended). */
  wait: RunWait | null;
  error: RunError | null;
  stoppedBy: string | null;
  requestedBy: string | null;
  /** A run after an outage: when the outage began, and the contacts it recovered (imported + updated). */
  catchUp: { since: string; recovered: number } | null;
  /** A backfill preview: decisions counted, nothing written. */
  dryRun: boolean;
  /** Source time the run has read up to. */
  reachedAt: string | null;
  /** For previews: what a real backfill of the range would cost at the source. */
  estimate: BackfillEstimate | null;
  cancelRequestedAt: string | null;
  /** The process holding the run while it runs (null once it ended or while queued). */
  claimedBy: string | null;
  /** How many times a process took the run (more than once: one stopped and another continued it). */
  claims: number;
}

export interface BackfillEstimate {
  requests: number;
  seconds: number;
  /** The rate limit the estimate assumes, in words ("10 requests per 60 s"). */
  rateLimit: string;
}

/**
 * How far a backfill has got: the source is read in time order from the window's start to now, so
 * the time reached says how much is done. Null for other runs or before the first page.
 */
export function runProgress(run: Run, now: Date): { fraction: number; reachedAt: string | null; etaSeconds: number | null } | null {
  if (run.kind !== 'backfill' || !run.window.from) return null;
  const start = Date.parse(run.window.from);
  const end = Date.parse(run.finishedAt ?? now.toISOString());
  if (run.status === 'queued') return { fraction: fractionOf(run.reachedAt, start, end), reachedAt: run.reachedAt, etaSeconds: null };
  if (run.status !== 'running') return { fraction: run.status === 'succeeded' ? 1 : fractionOf(run.reachedAt, start, end), reachedAt: run.reachedAt, etaSeconds: null };
  const fraction = fractionOf(run.reachedAt, start, end);
  const elapsed = (now.getTime() - Date.parse(run.startedAt)) / 1000;
  return { fraction, reachedAt: run.reachedAt, etaSeconds: fraction > 0.01 ? Math.round((elapsed * (1 - fraction)) / fraction) : null };
}

function fractionOf(reachedAt: string | null, start: number, end: number): number {
  if (!reachedAt || end <= start) return 0;
  return Math.min(1, Math.max(0, (Date.parse(reachedAt) - start) / (end - start)));
}
