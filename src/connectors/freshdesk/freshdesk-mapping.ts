import type { ContactDraft, CustomFieldValue, NormalisedStatus } from '../../core/contact.js';
import type { MappedRecord } from '../../core/ports.js';
import { FRESHDESK_PRIORITIES, FRESHDESK_SOURCES, freshdeskTicketSchema, type FreshdeskTicket } from './freshdesk-wire.js';

const STATUS_MAP: Readonly<Record<number, NormalisedStatus>> = { 2: 'open', 3: 'pending', 4: 'solved', 5: 'closed' };

/**
 * Statuses above 5 are an admin's own ("Waiting on third party"). Freshdesk does not say what
 * they mean, so they fold onto `pending`: work not finished, not eligible under the default
 * criteria (solved, closed) until the ticket is resolved or closed.
 */
const CUSTOM_STATUS: NormalisedStatus = 'pending';

/** Which list a ticket came from: the default one, the trash (`filter=deleted`) or spam. */
export type FreshdeskPass = 'tickets' | 'deleted' | 'spam';

/** One listed or fetched ticket → a contact, or the field that made it unreadable. */
export function mapFreshdeskTicket(raw: unknown, pass: FreshdeskPass = 'tickets'): MappedRecord {
  const parsed = freshdeskTicketSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'ticket';
    return { ok: false, sourceRef: readId(raw), field, message: issue.message, rawValue: valueAt(raw, issue.path) };
  }
  const ticket = parsed.data;
  const deleted = pass === 'deleted' || ticket.deleted === true;
  const spam = !deleted && (pass === 'spam' || ticket.spam === true);
  const status = deleted || spam ? 'deleted' : ticket.status > 5 ? CUSTOM_STATUS : STATUS_MAP[ticket.status];
  if (!status) {
    return { ok: false, sourceRef: String(ticket.id), field: 'status', message: `unknown Freshdesk status ${ticket.status}`, rawValue: ticket.status };
  }
  return { ok: true, contact: ticketToContact(ticket, status, deleted ? 'deleted' : spam ? 'spam' : String(ticket.status)) };
}

function ticketToContact(ticket: FreshdeskTicket, status: NormalisedStatus, sourceStatus: string): ContactDraft {
  const customFields: Record<string, CustomFieldValue> = {};
  for (const [name, value] of Object.entries(ticket.custom_fields)) customFields[name] = customFieldValue(value);
  const updatedMs = Date.parse(ticket.updated_at);
  const updatedAt = new Date(updatedMs).toISOString();
  const finished = status === 'solved' || status === 'closed';
  const closedAt = ticket.stats?.closed_at ?? ticket.stats?.resolved_at;
  return {
    sourceRef: String(ticket.id),
    channel: FRESHDESK_SOURCES[ticket.source] ?? String(ticket.source),
    agent: ticket.responder_id == null ? null : String(ticket.responder_id),
    sourceStatus,
    status,
    tags: [...ticket.tags],
    customFields,
    createdAt: new Date(ticket.created_at).toISOString(),
    updatedAt,
    closedAt: finished ? new Date(closedAt ?? updatedMs).toISOString() : null,
    // Freshdesk's timestamps have whole seconds, so the extra millisecond never reaches the next
    // real change: it only makes the trashed (or spam) copy of a ticket newer than the same
    // second's live copy, so a known contact is refreshed to deleted.
    version: updatedMs + (status === 'deleted' ? 1 : 0),
    metadata: {
      subject: ticket.subject ?? null,
      requester: ticket.requester_id == null ? null : String(ticket.requester_id),
      priority: ticket.priority == null ? null : (FRESHDESK_PRIORITIES[ticket.priority] ?? String(ticket.priority)),
      type: ticket.type ?? null,
      group: ticket.group_id == null ? null : String(ticket.group_id),
      company: ticket.company_id == null ? null : String(ticket.company_id),
    },
  };
}

function customFieldValue(value: unknown): CustomFieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(String);
  return JSON.stringify(value);
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
