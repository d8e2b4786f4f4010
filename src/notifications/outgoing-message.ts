import { createHash } from 'node:crypto';
import type { NotificationEvent } from '../core/notification-event.js';

/** What one send carries: one event, a digest of several, or a test. */
export interface OutgoingMessage {
  kind: 'event' | 'digest' | 'test';
  /** The idempotency key: the event's id, or for a digest one derived from its events' ids. */
  id: string;
  events: NotificationEvent[];
}

export function singleMessage(event: NotificationEvent): OutgoingMessage {
  return { kind: event.type === 'test' ? 'test' : 'event', id: event.id, events: [event] };
}

export function digestMessage(events: NotificationEvent[]): OutgoingMessage {
  const ids = events.map((e) => e.id).sort();
  const id = `digest_${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32)}`;
  return { kind: 'digest', id, events };
}

/** A link into the web UI, absolute when the service's address is known. */
export function link(baseUrl: string | null, path: string): string {
  return baseUrl ? `${baseUrl.replace(/\/$/, '')}${path}` : path;
}

export interface WebhookEventBody {
  id: string;
  type: string;
  occurredAt: string;
  workspaceId: string;
  integration: { id: string; name: string; platform: string } | null;
  incident: { id: string; kind: string; state: 'open' | 'resolved' } | null;
  title: string;
  message: string;
  category: string | null;
  fix: string | null;
  links: { event: string; integration: string | null };
  detail: Record<string, unknown>;
}

function eventBody(event: NotificationEvent, baseUrl: string | null): WebhookEventBody {
  const p = event.payload;
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    workspaceId: event.workspaceId,
    integration: p.integration,
    incident: p.incident ? { id: p.incident.id, kind: p.incident.kind, state: p.incident.state } : null,
    title: p.title,
    message: p.message,
    category: p.category,
    fix: p.fix,
    links: { event: link(baseUrl, p.path), integration: p.integration ? link(baseUrl, `/integrations/${p.integration.id}`) : null },
    detail: p.detail,
  };
}

/** Intake's webhook body: one event as it is, or a digest listing its events. */
export function intakeWebhookBody(message: OutgoingMessage, baseUrl: string | null): Record<string, unknown> {
  const first = message.events[0]!;
  if (message.kind !== 'digest') return { ...eventBody(first, baseUrl) };
  const integrations = new Set(message.events.map((e) => e.integrationId).filter(Boolean));
  return {
    id: message.id,
    type: 'digest',
    occurredAt: message.events[message.events.length - 1]!.occurredAt,
    workspaceId: first.workspaceId,
    title: `${message.events.length} changes across ${integrations.size} integrations`,
    message: message.events.map((e) => `• ${e.payload.title}`).join('\n'),
    events: message.events.map((e) => eventBody(e, baseUrl)),
  };
}

/** Slack's incoming-webhook body: text Slack shows as it is, with a link into Intake. */
export function slackWebhookBody(message: OutgoingMessage, baseUrl: string | null): Record<string, unknown> {
  const line = (e: NotificationEvent) => {
    const url = link(baseUrl, e.payload.path);
    const title = url.startsWith('http') ? `<${url}|${e.payload.title}>` : e.payload.title;
    return `*${title}*\n${e.payload.message}${e.payload.fix ? `\n_What to do:_ ${e.payload.fix}` : ''}`;
  };
  const text =
    message.kind === 'digest'
      ? `*Intake: ${message.events.length} changes*\n\n${message.events.map(line).join('\n\n')}`
      : line(message.events[0]!);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 2900) } }] };
}

export interface EmailContent {
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
}

/**
 * An email: one per event, threaded per incident and subscription — the message that opened the
 * incident is the thread's root; every later one (the resolution too) replies to it.
 */
export function emailContent(message: OutgoingMessage, subscription: { id: string; name: string }, domain: string, baseUrl: string | null): EmailContent {
  const subscriptionId = subscription.id;
  const block = (e: NotificationEvent) =>
    [e.payload.title, '', e.payload.message, ...(e.payload.fix ? ['', `What to do: ${e.payload.fix}`] : []), '', `Open in Intake: ${link(baseUrl, e.payload.path)}`].join('\n');
  const footer = `\n\n— Intake. You get this because of the notification subscription "${subscription.name}"; change it in Account › Notifications.`;
  if (message.kind === 'digest') {
    const integrations = new Set(message.events.map((e) => e.integrationId).filter(Boolean));
    return {
      subject: `[Intake] ${message.events.length} changes across ${integrations.size} integrations`,
      text: message.events.map(block).join('\n\n----\n\n') + footer,
      messageId: `<${message.id}.${subscriptionId}@${domain}>`,
      inReplyTo: null,
      references: [],
    };
  }
  const event = message.events[0]!;
  const incident = event.payload.incident;
  const root = incident ? `<incident.${incident.id}.${subscriptionId}@${domain}>` : null;
  const own = `<${event.id}.${subscriptionId}@${domain}>`;
  if (!incident) return { subject: `[Intake] ${event.payload.title}`, text: block(event) + footer, messageId: own, inReplyTo: null, references: [] };
  return {
    subject: `${incident.first ? '' : 'Re: '}[Intake] ${incident.title}`,
    text: block(event) + footer,
    messageId: incident.first ? root! : own,
    inReplyTo: incident.first ? null : root,
    references: incident.first ? [] : [root!],
  };
}
