import type { ContactDraft, CustomFieldValue, NormalisedStatus } from '../../core/contact.js';
import type { MappedRecord } from '../../core/ports.js';
import { zendeskTicketSchema, type ZendeskTicket } from './zendesk-wire.js';

const STATUS_MAP: Record<string, NormalisedStatus> = {
  new: 'open',
  open: 'open',
  pending: 'pending',
  hold: 'pending',
  solved: 'solved',
  closed: 'closed',
  deleted: 'deleted',
};

/** One exported ticket → a contact, or the field that made it unreadable. */
export function mapZendeskTicket(raw: unknown): MappedRecord {
  const parsed = zendeskTicketSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'ticket';
    return { ok: false, sourceRef: readId(raw), field, message: issue.message, rawValue: valueAt(raw, issue.path) };
  }
  const status = STATUS_MAP[parsed.data.status];
  if (!status) {
    return {
      ok: false,
      sourceRef: String(parsed.data.id),
      field: 'status',
      message: `unknown Zendesk status "${parsed.data.status}"`,
      rawValue: parsed.data.status,
    };
  }
  return { ok: true, contact: ticketToContact(parsed.data, status) };
}

function ticketToContact(ticket: ZendeskTicket, status: NormalisedStatus): ContactDraft {
  const customFields: Record<string, CustomFieldValue> = {};
  for (const field of ticket.custom_fields ?? []) customFields[String(field.id)] = customFieldValue(field.value);
  const updatedAt = new Date(ticket.updated_at).toISOString();
  return {
    sourceRef: String(ticket.id),
    channel: ticket.via.channel,
    agent: ticket.assignee_id == null ? null : String(ticket.assignee_id),
    sourceStatus: ticket.status,
    status,
    tags: [...ticket.tags],
    customFields,
    createdAt: new Date(ticket.created_at).toISOString(),
    updatedAt,
    // The ticket has no closed-at of its own; its last update is when it was solved or closed.
    closedAt: status === 'solved' || status === 'closed' ? updatedAt : null,
    // generated_timestamp moves on every change, system updates included (docs/platforms/zendesk.md).
    version: Math.max(ticket.generated_timestamp * 1000, Date.parse(ticket.updated_at)),
    metadata: {
      subject: ticket.subject ?? null,
      requester: ticket.requester_id == null ? null : String(ticket.requester_id),
      priority: ticket.priority ?? null,
      type: ticket.type ?? null,
      group: ticket.group_id == null ? null : String(ticket.group_id),
      organization: ticket.organization_id == null ? null : String(ticket.organization_id),
      brand: ticket.brand_id == null ? null : String(ticket.brand_id),
      satisfaction: ticket.satisfaction_rating?.score ?? null,
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
