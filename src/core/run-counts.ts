import type { DecisionDraft, DecisionReason, Outcome } from './decision.js';

export interface RunCounts {
  seen: number;
  imported: number;
  updated: number;
  unchanged: number;
  excluded: number;
  failed: number;
  reasons: Partial<Record<DecisionReason, number>>;
}

export function emptyCounts(): RunCounts {
  return { seen: 0, imported: 0, updated: 0, unchanged: 0, excluded: 0, failed: 0, reasons: {} };
}

/** New totals with the page's decisions added; the input is left untouched. */
export function addDecisions(counts: RunCounts, decisions: readonly DecisionDraft[]): RunCounts {
  const next: RunCounts = { ...counts, reasons: { ...counts.reasons } };
  for (const decision of decisions) {
    next.seen += 1;
    next[decision.outcome satisfies Outcome] += 1;
    if (decision.reason) next.reasons[decision.reason] = (next.reasons[decision.reason] ?? 0) + 1;
  }
  return next;
}
