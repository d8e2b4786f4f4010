/**
 * What a decision's evidence may show to someone who cannot see integration settings (View
 * Imported Contacts alone): the actual value and the reason, never the rule that was applied —
 * not at the top level, nor inside `scheduleWouldExclude` of a manual import.
 */
const SETTINGS_KEYS = ['expected', 'condition', 'conditionIndex'] as const;

export function evidenceVisibleTo(evidence: Record<string, unknown>, canSeeSettings: boolean): Record<string, unknown> {
  if (canSeeSettings) return evidence;
  const visible: Record<string, unknown> = { ...evidence };
  for (const key of SETTINGS_KEYS) delete visible[key];
  const nested = visible.scheduleWouldExclude;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    visible.scheduleWouldExclude = evidenceVisibleTo(nested as Record<string, unknown>, false);
  }
  return visible;
}

/** The evidence a diagnosis shows: without the raw source record, and settings only to those allowed. */
export function diagnosisEvidence(evidence: Record<string, unknown>, canSeeSettings: boolean): Record<string, unknown> {
  const { record: _record, ...rest } = evidence;
  return evidenceVisibleTo(rest, canSeeSettings);
}
