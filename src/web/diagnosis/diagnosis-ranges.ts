import type { DiagnosisView } from '../api/types';

const DAY = 86_400_000;

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** When the conversation was created, as far as the diagnosis knows (contact, or the newest decision). */
function createdAt(diagnosis: DiagnosisView): string | null {
  return diagnosis.contact?.createdAt ?? diagnosis.decisions[0]?.sourceUpdatedAt ?? null;
}

/**
 * The range to backfill for this reference: the one the server suggests, else the day the
 * conversation was created (`to` is exclusive, as the API takes it).
 */
export function backfillRange(diagnosis: DiagnosisView): { from: string; to: string } | null {
  const suggested = [diagnosis.action, ...diagnosis.steps.map((s) => s.action)].find((a) => a?.from && a.to);
  if (suggested?.from && suggested.to) return { from: suggested.from, to: suggested.to };
  const created = createdAt(diagnosis);
  if (!created || Number.isNaN(Date.parse(created))) return null;
  const start = Date.parse(created.slice(0, 10));
  return { from: dayOf(start), to: dayOf(start + DAY) };
}

/** The range a support report covers: a week before the contact or its last decision, up to now. */
export function supportReportFrom(diagnosis: DiagnosisView, now = Date.now()): string {
  const anchor = [diagnosis.contact?.createdAt, diagnosis.decisions[0]?.decidedAt].map((t) => (t ? Date.parse(t) : NaN)).filter((t) => !Number.isNaN(t));
  const start = Math.min(now, ...anchor) - 7 * DAY;
  return dayOf(start);
}
