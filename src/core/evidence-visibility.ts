import type { Permission } from './permissions.js';

/**
 * What a reader may see of the two kinds of data Intake keeps about a conversation:
 * - `settings`: the integration's rules (filter conditions, start date, status criteria) — Manage
 *   Integrations;
 * - `contacts`: what the conversation itself holds (field values, tags, subject, requester, the
 *   record eligibility judged, before → after of an update) — View Imported Contacts.
 * A reader with one permission sees the outcome and the reason, and only their own side's facts.
 */
export interface Visibility {
  settings: boolean;
  contacts: boolean;
}

export const FULL_VISIBILITY: Visibility = Object.freeze({ settings: true, contacts: true });

export function visibilityFor(permissions: readonly Permission[]): Visibility {
  return { settings: permissions.includes('manage_integrations'), contacts: permissions.includes('view_contacts') };
}

/** Evidence keys that state the rule that was applied. */
const SETTINGS_KEYS = ['expected', 'condition', 'conditionIndex'] as const;
/** Evidence keys that carry the conversation's own values. */
const CONTACT_KEYS = ['actual', 'record', 'rawValue'] as const;

/**
 * A decision's evidence as this reader may see it — at the top level and inside
 * `scheduleWouldExclude` of a manual import. Without View Imported Contacts an update's
 * `changedFields` keeps the names of the fields that changed, not their values.
 */
export function evidenceVisibleTo(evidence: Record<string, unknown>, visibility: Visibility): Record<string, unknown> {
  if (visibility.settings && visibility.contacts) return evidence;
  const visible: Record<string, unknown> = { ...evidence };
  if (!visibility.settings) for (const key of SETTINGS_KEYS) delete visible[key];
  if (!visibility.contacts) {
    for (const key of CONTACT_KEYS) delete visible[key];
    const changes = visible.changedFields;
    if (changes && typeof changes === 'object' && !Array.isArray(changes)) {
      visible.changedFields = Object.fromEntries(Object.keys(changes).map((field) => [field, {}]));
    }
  }
  const nested = visible.scheduleWouldExclude;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    visible.scheduleWouldExclude = evidenceVisibleTo(nested as Record<string, unknown>, visibility);
  }
  return visible;
}

/** The evidence a diagnosis shows: never the raw source record, and each side only to its readers. */
export function diagnosisEvidence(evidence: Record<string, unknown>, visibility: Visibility): Record<string, unknown> {
  const { record: _record, ...rest } = evidence;
  return evidenceVisibleTo(rest, visibility);
}
