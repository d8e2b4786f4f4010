import type { DiagnosisActionView, DiagnosisCause, DiagnosisView } from '../api/types';
import { backfillRange } from './diagnosis-ranges';
import type { ActionKind } from './use-diagnosis-actions';

const NOT_MISSING = new Set<DiagnosisCause>(['imported', 'imported_elsewhere']);
/** The source does not have it, or cannot be asked until the integration is fixed. */
const NO_MANUAL_IMPORT = new Set<DiagnosisCause>(['unknown_reference', 'deleted_at_source', 'integration_failing']);
/** Causes a re-read with today's settings can fix (a still-open ticket would be excluded again). */
const BACKFILL_HELPS = new Set<DiagnosisCause>(['excluded_by_filter', 'before_start_date', 'would_import', 'not_seen_yet', 'undetermined', 'record_failed']);

function make(diagnosis: DiagnosisView, kind: ActionKind, label: string): DiagnosisActionView {
  return { kind, label, integrationId: diagnosis.integration?.id ?? null, contactId: null, from: null, to: null };
}

/**
 * The buttons under a verdict: the server's suggested action first, then what the guide offers
 * for a missing contact — reconnect or resume where a step asks for it, a manual import, a backfill,
 * the integration itself, and a support report. Each kind once, and only what the platform can do;
 * `wait` is advice, not a button.
 */
export function diagnosisActionList(
  diagnosis: DiagnosisView,
  offered: (kind: ActionKind) => boolean = () => true,
): { primary: DiagnosisActionView | null; more: DiagnosisActionView[]; advice: DiagnosisActionView | null } {
  const main = diagnosis.action;
  const primary = main && main.kind !== 'wait' && offered(main.kind) ? main : null;
  const list: DiagnosisActionView[] = [];
  const seen = new Set<ActionKind>(primary ? [primary.kind] : []);
  const add = (action: DiagnosisActionView | null) => {
    if (!action || action.kind === 'wait' || seen.has(action.kind) || !offered(action.kind)) return;
    seen.add(action.kind);
    list.push(action);
  };
  for (const step of diagnosis.steps) if (step.action?.kind === 'reconnect' || step.action?.kind === 'resume') add(step.action);
  if (diagnosis.integration) {
    const missing = !diagnosis.contact && !NOT_MISSING.has(diagnosis.cause);
    if (missing && !NO_MANUAL_IMPORT.has(diagnosis.cause)) add(make(diagnosis, 'manual_import', 'Import this conversation now'));
    if (missing && BACKFILL_HELPS.has(diagnosis.cause)) add(make(diagnosis, 'backfill', backfillRange(diagnosis) ? 'Backfill its day' : 'Start a backfill'));
    add(make(diagnosis, 'open_integration', 'Open the integration'));
    add(make(diagnosis, 'support_report', 'Create a support report'));
  }
  return { primary, more: list, advice: main?.kind === 'wait' ? main : null };
}
