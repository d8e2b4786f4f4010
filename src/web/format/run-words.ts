import type { DecisionOutcome, RunCountsView, RunView } from '../api/types';
import { formatCount } from './duration';

export const RUN_KIND_LABELS: Record<RunView['kind'], string> = {
  scheduled: 'Scheduled',
  manual: 'Manual run',
  single: 'Manual import',
  backfill: 'Backfill',
  upload: 'File upload',
  push: 'Pushed batch',
};

export function runKindLabel(run: Pick<RunView, 'kind' | 'dryRun'>): string {
  return run.kind === 'backfill' && run.dryRun ? 'Backfill preview' : RUN_KIND_LABELS[run.kind];
}

/** A run's page title; "Manual run", never "Manual run run". */
export function runTitle(run: Pick<RunView, 'kind' | 'dryRun'>): string {
  const label = runKindLabel(run);
  return run.kind === 'scheduled' ? `${label} run` : label;
}

/** A preview wrote nothing: its counts say what a backfill would do, never what it did. */
export const PREVIEW_OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  imported: 'Would import',
  updated: 'Would update',
  unchanged: 'Unchanged',
  excluded: 'Would exclude',
  failed: 'Would fail',
};

/** "would import 179 · would update 2 · 3 unchanged · would exclude 18" (failures only when some). */
export function previewCountsWords(counts: RunCountsView): string {
  const parts = [`would import ${formatCount(counts.imported)}`, `would update ${formatCount(counts.updated)}`, `${formatCount(counts.unchanged)} unchanged`, `would exclude ${formatCount(counts.excluded)}`];
  if (counts.failed > 0) parts.push(`would fail ${formatCount(counts.failed)}`);
  return parts.join(' · ');
}

export const RUN_STATUS_LABELS: Record<RunView['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partial',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** How long a run took, or has been going. */
export function runDurationMs(run: Pick<RunView, 'startedAt' | 'finishedAt' | 'heartbeatAt'>, now: number): number {
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return end - Date.parse(run.startedAt);
}

/** What a run is waiting for, as the label before its reason. */
export const RUN_WAIT_LABELS: Record<NonNullable<RunView['wait']>['kind'], string> = {
  budget: 'Waiting for the rate limit',
  retry_after: 'Waiting after a 429',
  backoff: 'Waiting to retry',
  report: 'Waiting for a report',
};

const STOPPED_BY_LABELS: Record<string, string> = {
  stop_requested: 'Paused or cancelled (it finished its page first)',
  shutdown: 'Intake stopping (the next start resumes it)',
  process_stopped: 'The process running it stopped',
  integrations_turned_off: 'The Integrations feature was turned off (it finished its page first)',
};

export function stoppedByLabel(stoppedBy: string): string {
  return STOPPED_BY_LABELS[stoppedBy] ?? stoppedBy.replaceAll('_', ' ');
}

/**
 * The first import reads from the start date (there is no checkpoint yet): everything it brings is
 * new, never "caught up". A catch-up is a later run that recovered what an outage held back.
 */
export function isFirstImport(run: Pick<RunView, 'kind' | 'checkpointBefore'>): boolean {
  return (run.kind === 'scheduled' || run.kind === 'manual') && run.checkpointBefore === null;
}
