import { TRACKED_CONTACT_FIELDS, type ContactDraft, type TrackedContactField } from './contact.js';

export type FieldChange = { before: unknown; after: unknown };
export type ChangedFields = Partial<Record<TrackedContactField, FieldChange>>;

/** Which tracked fields differ between the stored contact and a newer version from the source. */
export function changedFields(before: ContactDraft, after: ContactDraft): ChangedFields {
  const changes: ChangedFields = {};
  for (const field of TRACKED_CONTACT_FIELDS) {
    if (!sameValue(before[field], after[field])) {
      changes[field] = { before: before[field], after: after[field] };
    }
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Key order must not count as a change: JSON from a database may come back reordered. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
