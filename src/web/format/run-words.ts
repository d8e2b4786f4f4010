import type { RunView } from '../api/types';

export const RUN_KIND_LABELS: Record<RunView['kind'], string> = {
  scheduled: 'Scheduled',
  manual: 'Manual run',
  single: 'Manual import',
  backfill: 'Backfill',
};

export function runKindLabel(run: Pick<RunView, 'kind' | 'dryRun'>): string {
  return run.kind === 'backfill' && run.dryRun ? 'Backfill preview' : RUN_KIND_LABELS[run.kind];
}

export const RUN_STATUS_LABELS: Record<RunView['status'], string> = {
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
