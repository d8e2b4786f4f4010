import type { ContactDraft, CustomFieldValue, NormalisedStatus } from '../../core/contact.js';
import type { MappedRecord } from '../../core/ports.js';
import { intercomConversationSchema, type IntercomConversation } from './intercom-wire.js';

/**
 * Intercom has three states. A snoozed conversation is waiting (on the customer or a reminder) and
 * comes back open by itself, which is what `pending` means in Intake's lifecycle; it keeps its own
 * word as sourceStatus so filters and criteria can still name it.
 */
const STATE_MAP: Record<string, NormalisedStatus> = {
  open: 'open',
  snoozed: 'pending',
  closed: 'closed',
};

/** One conversation from search or show → a contact, or the field that made it unreadable. */
export function mapIntercomConversation(raw: unknown): MappedRecord {
  const parsed = intercomConversationSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'conversation';
    return { ok: false, sourceRef: readId(raw), field, message: issue.message, rawValue: valueAt(raw, issue.path) };
  }
  const status = STATE_MAP[parsed.data.state];
  if (!status) {
    return { ok: false, sourceRef: parsed.data.id, field: 'state', message: `unknown Intercom state "${parsed.data.state}"`, rawValue: parsed.data.state };
  }
  return { ok: true, contact: conversationToContact(parsed.data, status) };
}

function conversationToContact(conversation: IntercomConversation, status: NormalisedStatus): ContactDraft {
  const customFields: Record<string, CustomFieldValue> = {};
  // Keyed by the attribute's name as Intercom sends it, spaces and all ("Order number").
  for (const [name, value] of Object.entries(conversation.custom_attributes ?? {})) customFields[name] = customFieldValue(value);
  const author = conversation.source.author;
  const lastClose = conversation.statistics?.last_close_at;
  return {
    sourceRef: conversation.id,
    channel: conversation.source.type,
    agent: conversation.admin_assignee_id ?? null,
    sourceStatus: conversation.state,
    status,
    tags: (conversation.tags?.tags ?? []).map((tag) => tag.name),
    customFields,
    createdAt: iso(conversation.created_at),
    updatedAt: iso(conversation.updated_at),
    // A reopened conversation keeps its last_close_at from before: only a closed one has closed.
    closedAt: status === 'closed' ? iso(lastClose ?? conversation.updated_at) : null,
    // updated_at moves on every change Intercom makes to the conversation; seconds → ms.
    version: conversation.updated_at * 1000,
    metadata: {
      subject: subjectOf(conversation),
      priority: conversation.priority ?? null,
      team: conversation.team_assignee_id ?? null,
      requester: conversation.contacts?.contacts[0]?.id ?? null,
      author: author?.email ?? author?.name ?? author?.id ?? null,
      authorType: author?.type ?? null,
      snoozedUntil: conversation.snoozed_until ? iso(conversation.snoozed_until) : null,
    },
  };
}

/** The title when the conversation has one, else the first message's subject (emails), without markup. */
function subjectOf(conversation: IntercomConversation): string | null {
  for (const candidate of [conversation.title, conversation.source.subject]) {
    const text = candidate?.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return null;
}

function customFieldValue(value: unknown): CustomFieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return JSON.stringify(value);
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
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
