import type { DecisionOutcome, RunCountsView, RunView } from '../api/types';
import { formatCount } from './duration';

export const RUN_KIND_LABELS: Record<RunView['kind'], string> = {
  scheduled: 'Scheduled',
  manual: 'Manual run',
  single: 'Manual import',
  backfill: 'Backfill',
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
