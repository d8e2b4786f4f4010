import type { ExclusionReason } from './eligibility.js';

export const OUTCOMES = ['imported', 'updated', 'unchanged', 'excluded', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** `invalid_record`: the record could not be read or mapped (outcome `failed`). */
export type DecisionReason = ExclusionReason | 'invalid_record';

/** What a run decided about one source record, before the store gives it an id. */
export interface DecisionDraft {
  sourceRef: string;
  outcome: Outcome;
  reason: DecisionReason | null;
  /** The facts behind the decision: failing check, expected and actual values, changed fields… */
  evidence: Record<string, unknown>;
  sourceVersion: number | null;
  sourceUpdatedAt: string | null;
}

/** A decision as the ledger keeps it. */
export interface Decision extends DecisionDraft {
  id: string;
  runId: string;
  integrationId: string;
  contactId: string | null;
  decidedAt: string;
}
