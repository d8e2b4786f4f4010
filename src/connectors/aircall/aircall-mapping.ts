import type { ContactDraft, NormalisedStatus } from '../../core/contact.js';
import type { MappedRecord } from '../../core/ports.js';
import { aircallCallSchema, type AircallCall, type AircallStatus } from './aircall-wire.js';

/**
 * A call ringing (`initial`) is open; one in progress (`answered`) is pending; a call that ended
 * (`done`) is closed, answered or not — so the default criteria (solved, closed) take finished calls.
 */
const STATUS_MAP: Readonly<Record<AircallStatus, NormalisedStatus>> = { initial: 'open', answered: 'pending', done: 'closed' };

export const AIRCALL_CHANNEL = 'voice';

/**
 * One listed or fetched call → a contact, or the field that made it unreadable.
 *
 * INVARIANT: only the fields named here reach the contact. A call's `recording`, `voicemail`,
 * `asset` and `recording_short_url` are links that expire within minutes; storing one would
 * store a dead (or worse, for its lifetime, a working) link to the conversation's audio.
 */
export function mapAircallCall(raw: unknown): MappedRecord {
  const parsed = aircallCallSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'call';
    return { ok: false, sourceRef: readId(raw), field, message: issue.message, rawValue: valueAt(raw, issue.path) };
  }
  const call = parsed.data;
  const status = STATUS_MAP[call.status as AircallStatus];
  if (!status) {
    return { ok: false, sourceRef: String(call.id), field: 'status', message: `unknown Aircall call status "${call.status}" (known: initial, answered, done)`, rawValue: call.status };
  }
  return { ok: true, contact: callToContact(call, status) };
}

/**
 * When the call last changed, as far as the call itself tells: Aircall has no `updated_at`, but
 * each change it makes after creation carries its own time (answered, ended, a tag's
 * `created_at`, a comment's `posted_at`). A tag removed, or `archived` flipped, carries none: such a
 * change alone reads as unchanged (docs/platforms/aircall.md).
 */
export function callChangedAtSeconds(call: AircallCall): number {
  const times = [call.started_at, call.answered_at ?? 0, call.ended_at ?? 0, ...call.tags.map((t) => t.created_at ?? 0), ...call.comments.map((c) => c.posted_at ?? 0)];
  return Math.max(...times);
}

function callToContact(call: AircallCall, status: NormalisedStatus): ContactDraft {
  const changedMs = callChangedAtSeconds(call) * 1000;
  return {
    sourceRef: String(call.id),
    channel: AIRCALL_CHANNEL,
    agent: call.user ? String(call.user.id) : null,
    sourceStatus: call.status,
    status,
    tags: call.tags.map((t) => t.name),
    customFields: {},
    createdAt: new Date(call.started_at * 1000).toISOString(),
    updatedAt: new Date(changedMs).toISOString(),
    closedAt: status === 'closed' ? new Date((call.ended_at ?? callChangedAtSeconds(call)) * 1000).toISOString() : null,
    version: changedMs,
    metadata: {
      direction: call.direction ?? null,
      durationSeconds: call.duration ?? null,
      missedCallReason: call.missed_call_reason ?? null,
      answered: call.answered_at != null,
      requester: call.contact ? String(call.contact.id) : (call.raw_digits ?? null),
      line: call.number ? (call.number.name ?? call.number.digits ?? String(call.number.id)) : null,
      team: call.teams?.[0]?.name ?? null,
      comments: call.comments.length,
      archived: call.archived ?? false,
    },
  };
}

function readId(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : null;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = raw;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value === undefined ? null : value;
}
