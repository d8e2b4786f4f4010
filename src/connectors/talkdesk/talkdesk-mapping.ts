import type { ContactDraft, CustomFieldValue, NormalisedStatus } from '../../core/contact.js';
import type { MappedRecord } from '../../core/ports.js';
import { currentCallShape, talkdeskCallSchema, type TalkdeskCall } from './talkdesk-wire.js';

/** `data_status` of a call whose figures Talkdesk has finished computing (the docs' example says "Valid"). */
const VALID = 'Valid';
const CUSTOM_FIELD = /^(text|int|float|timestamp)_custom_field_n\d+$/;

/**
 * One calls-report entry → a contact, or the field that made it unreadable.
 *
 * A call has no status of its own: a call whose data Talkdesk still computes (`data_status` other
 * than "Valid") is `pending`, every other ended call `closed`. The report has no change time
 * either, so the version is the latest time the entry carries (its end, or a CSAT survey answered
 * later), plus one millisecond once the data is valid: a later copy of a call is never older.
 */
export function mapTalkdeskCall(raw: unknown): MappedRecord {
  const shaped = currentCallShape(raw);
  const parsed = talkdeskCallSchema.safeParse(shaped);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, sourceRef: readId(shaped), field: issue.path.join('.') || 'entry', message: issue.message, rawValue: valueAt(shaped, issue.path) };
  }
  return { ok: true, contact: callToContact(parsed.data, shaped as Record<string, unknown>) };
}

function callToContact(call: TalkdeskCall, raw: Record<string, unknown>): ContactDraft {
  const dataStatus = typeof raw.data_status === 'string' && raw.data_status !== '' ? raw.data_status : VALID;
  const status: NormalisedStatus = dataStatus === VALID ? 'closed' : 'pending';
  const changedMs = Math.max(call.end_at, call.csat_survey_time ?? 0);
  const customFields: Record<string, CustomFieldValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (CUSTOM_FIELD.test(key) && value !== null && value !== undefined && value !== '') customFields[key] = typeof value === 'object' ? JSON.stringify(value) : (value as CustomFieldValue);
  }
  return {
    sourceRef: call.call_id,
    channel: 'voice',
    // The agent who handled the call (after a transfer), else the one it rang or who placed it.
    agent: call.handling_user_id || call.user_id || null,
    sourceStatus: dataStatus,
    status,
    tags: (call.ring_groups ?? '').split(',').map((g) => g.trim()).filter(Boolean),
    customFields,
    createdAt: new Date(call.start_at).toISOString(),
    updatedAt: new Date(changedMs).toISOString(),
    closedAt: status === 'closed' ? new Date(call.end_at).toISOString() : null,
    version: changedMs + (status === 'closed' ? 1 : 0),
    metadata: {
      type: call.type,
      direction: call.type.startsWith('outbound') ? 'outbound' : 'inbound',
      durationSeconds: call.total_time ?? null,
      talkSeconds: call.talk_time ?? null,
      waitSeconds: call.wait_time ?? null,
      holdSeconds: call.hold_time ?? null,
      disposition: call.disposition_code ?? null,
      team: call.team_name ?? call.team_id ?? null,
      transferred: call.is_transfer ?? null,
      csatScore: call.csat_score ?? null,
      phoneLine: call.talkdesk_phone_display_name ?? null,
    },
  };
}

function readId(raw: unknown): string | null {
  const id = (raw as { call_id?: unknown } | null)?.call_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = raw;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value === undefined ? null : value;
}
