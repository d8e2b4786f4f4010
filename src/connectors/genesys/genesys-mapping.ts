import type { ContactDraft } from '../../core/contact.js';
import type { MappedRecord } from '../../core/ports.js';
import { genesysConversationSchema, type GenesysConversation } from './genesys-wire.js';

/** What Genesys calls a conversation that has not ended yet (no `conversationEnd`), and one that has. */
export const ACTIVE = 'active';
export const ENDED = 'ended';

/**
 * One conversation from the details query or a job's results → a contact, or the field that made
 * it unreadable. `wrapUpNames` turns wrap-up code ids into the names that become tags.
 *
 * - channel: the `mediaType` of the agent's session (else the first session's);
 * - agent: the `userId` of the last agent participant (the one who finished the conversation);
 * - status: `active` (open) until `conversationEnd` appears, then `ended` (closed);
 * - version: the latest time in the record (its end, or any segment's), which moves when Genesys
 *   adds a segment, ends one, or ends the conversation.
 */
export function mapGenesysConversation(raw: unknown, wrapUpNames: ReadonlyMap<string, string>): MappedRecord {
  const parsed = genesysConversationSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'conversation';
    return { ok: false, sourceRef: readId(raw), field, message: issue.message, rawValue: valueAt(raw, issue.path) };
  }
  return { ok: true, contact: conversationToContact(parsed.data, wrapUpNames) };
}

function conversationToContact(conversation: GenesysConversation, wrapUpNames: ReadonlyMap<string, string>): ContactDraft {
  const agents = conversation.participants.filter((p) => p.purpose === 'agent');
  const handler = [...agents].reverse().find((p) => p.userId);
  const sessions = conversation.participants.flatMap((p) => p.sessions);
  const agentSession = agents.flatMap((p) => p.sessions)[0];
  const segments = sessions.flatMap((s) => s.segments);
  const wrapUpCodes = [...new Set(segments.flatMap((s) => (s.wrapUpCode ? [s.wrapUpCode] : [])))];
  const queue = segments.find((s) => s.queueId)?.queueId ?? null;
  const times = [conversation.conversationStart, conversation.conversationEnd, ...segments.flatMap((s) => [s.segmentStart, s.segmentEnd])].flatMap((t) => (t ? [Date.parse(t)] : []));
  const latest = Math.max(...times);
  const ended = conversation.conversationEnd !== undefined;
  const wrapUpMs = segments.filter((s) => s.segmentType === 'wrapup' && s.segmentEnd).reduce((sum, s) => sum + (Date.parse(s.segmentEnd!) - Date.parse(s.segmentStart)), 0);
  return {
    sourceRef: conversation.conversationId,
    channel: agentSession?.mediaType ?? sessions[0]?.mediaType ?? null,
    agent: handler?.userId ?? null,
    sourceStatus: ended ? ENDED : ACTIVE,
    status: ended ? 'closed' : 'open',
    // Tags by name; a code the directory does not know (deleted since) keeps its id.
    tags: wrapUpCodes.map((code) => wrapUpNames.get(code) ?? code),
    customFields: {},
    createdAt: iso(conversation.conversationStart),
    updatedAt: new Date(latest).toISOString(),
    closedAt: ended ? iso(conversation.conversationEnd!) : null,
    version: latest,
    metadata: {
      direction: conversation.originatingDirection ?? null,
      durationSeconds: ended ? Math.round((Date.parse(conversation.conversationEnd!) - Date.parse(conversation.conversationStart)) / 1000) : null,
      queue,
      wrapUpSeconds: Math.round(wrapUpMs / 1000),
      agents: new Set(agents.flatMap((p) => (p.userId ? [p.userId] : []))).size,
      externalTag: conversation.externalTag ?? null,
    },
  };
}

function iso(time: string): string {
  return new Date(time).toISOString();
}

function readId(raw: unknown): string | null {
  const id = (raw as { conversationId?: unknown } | null)?.conversationId;
  return typeof id === 'string' && id !== '' ? id : null;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = raw;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value === undefined ? null : value;
}
