import type { SeedOptions } from '../simulation/seed-records.js';
import { SeededRandom } from '../simulation/seeded-random.js';

/** A conversation as the simulator holds and serves it (the 2.11 conversation model). */
export interface SimConversation {
  type: 'conversation';
  id: string;
  title: string | null;
  created_at: number;
  updated_at: number;
  waiting_since: number | null;
  snoozed_until: number | null;
  open: boolean;
  state: 'open' | 'closed' | 'snoozed';
  read: boolean;
  priority: 'priority' | 'not_priority';
  admin_assignee_id: number | null;
  team_assignee_id: string | null;
  tags: { type: 'tag.list'; tags: Array<{ type: 'tag'; id: string; name: string; applied_at: number; applied_by: { type: 'admin'; id: string } }> };
  conversation_rating: null;
  source: {
    type: string;
    id: string;
    delivered_as: string;
    subject: string;
    body: string;
    author: { type: 'user' | 'lead'; id: string; name: string; email: string };
    attachments: [];
    url: string | null;
    redacted: boolean;
  };
  contacts: { type: 'contact.list'; contacts: Array<{ type: 'contact'; id: string; external_id: string | null }> };
  teammates: { type: 'admin.list'; admins: Array<{ type: 'admin'; id: string }> };
  custom_attributes: Record<string, string | number | boolean | null>;
  first_contact_reply: { created_at: number; type: string; url: string | null } | null;
  sla_applied: null;
  statistics: Record<string, number | string | null> & { type: 'conversation_statistics'; last_close_at: number | null };
  linked_objects: { type: 'list'; data: []; total_count: 0; has_more: false };
  ai_agent_participated: boolean;
  [key: string]: unknown;
}

export interface SimAdmin {
  id: string;
  name: string;
  email: string;
}

/** Teammates of the simulated workspace; ids as Intercom issues them (strings in /admins, numbers on conversations). */
export const SEED_ADMINS: readonly SimAdmin[] = [
  ['991267401', 'Ann Lee'],
  ['991267402', 'Bruno Diaz'],
  ['991267403', 'Chloé Martin'],
  ['991267404', 'Dev Patel'],
  ['991267405', 'Eva Novak'],
  ['991267406', 'Femi Adeyemi'],
  ['991267407', 'Grace Kim'],
  ['991267408', 'Hugo Silva'],
].map(([id, name]) => ({ id: id!, name: name!, email: `${name!.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}@acme-support.example` }));

export const SEED_TEAMS = ['5017691', '5017692', '5017693'] as const;
export const SEED_TAGS = [
  ['881', 'vip'],
  ['882', 'billing'],
  ['883', 'refund'],
  ['884', 'bug'],
  ['885', 'shipping'],
  ['886', 'feedback'],
  ['887', 'onboarding'],
  ['888', 'churn risk'],
] as const;
export const SEED_SOURCES = [
  ['conversation', 40],
  ['email', 30],
  ['whatsapp', 8],
  ['phone_call', 7],
  ['instagram', 5],
  ['facebook', 4],
  ['sms', 4],
  ['twitter', 2],
] as const;
export const SEED_STATES = [
  ['closed', 62],
  ['open', 24],
  ['snoozed', 14],
] as const;

/** Conversation data attributes; the custom ones have spaces in their names, as real workspaces do. */
export const SEED_ATTRIBUTES = [
  { id: 12701, name: 'Order number', data_type: 'string', custom: true },
  { id: 12702, name: 'Customer tier', data_type: 'string', custom: true, options: ['Gold', 'Silver', 'Bronze'] },
  { id: 12703, name: 'Refund amount', data_type: 'float', custom: true },
  { id: 12704, name: 'Escalated to engineering', data_type: 'boolean', custom: true },
  { id: 12705, name: 'Language', data_type: 'string', custom: true, options: ['English', 'French', 'German', 'Spanish'] },
  { id: 12706, name: 'Legacy queue', data_type: 'string', custom: true, archived: true },
] as const;

const SUBJECTS = ['Refund for order', 'Cannot log in', 'Parcel arrived damaged', 'Question about my invoice', 'Change delivery address', 'App crashes on start', 'Upgrade my plan', 'Cancel my subscription'];
const FIRST_ID = 215_468_000_000_000;

export function conversationId(n: number): string {
  return String(FIRST_ID + n);
}

/** `count` conversations, deterministic for a seed; the newest was changed at least five minutes ago. */
export function generateConversations(options: Omit<SeedOptions, 'firstId'>): SimConversation[] {
  const random = new SeededRandom(options.seed ?? 1);
  const spanSeconds = (options.spanDays ?? 30) * 86_400;
  const latest = Math.floor(options.now.getTime() / 1000) - 300;
  const first = latest - spanSeconds;
  const out: SimConversation[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const created = Math.floor(first + (spanSeconds * i) / Math.max(1, options.count) + random.int(0, 59));
    const updated = Math.min(latest, created + random.int(2, 36 * 60) * 60);
    out.push(makeConversation(random, i + 1, created, updated));
  }
  return out;
}

/** One conversation created and last changed at the given unix times. */
export function makeConversation(random: SeededRandom, n: number, created: number, updated: number, state?: SimConversation['state']): SimConversation {
  const chosen = state ?? random.weighted(SEED_STATES);
  const source = random.weighted(SEED_SOURCES);
  const admin = chosen === 'open' && random.chance(0.2) ? null : random.pick(SEED_ADMINS);
  const contact = `6${String(random.int(1_000_000, 9_999_999))}a1b2c3d4e5f6`;
  const subject = `${random.pick(SUBJECTS)} #${n}`;
  const tags = random.sample(SEED_TAGS, random.int(0, 3)).map(([id, name]) => ({ type: 'tag' as const, id, name, applied_at: created + 60, applied_by: { type: 'admin' as const, id: admin?.id ?? SEED_ADMINS[0]!.id } }));
  const closed = chosen === 'closed' ? updated : null;
  return {
    type: 'conversation',
    id: conversationId(n),
    title: source === 'email' ? null : random.chance(0.3) ? subject : null,
    created_at: created,
    updated_at: updated,
    waiting_since: chosen === 'open' ? updated : null,
    snoozed_until: chosen === 'snoozed' ? updated + random.int(1, 72) * 3600 : null,
    open: chosen !== 'closed',
    state: chosen,
    read: random.chance(0.8),
    priority: random.chance(0.15) ? 'priority' : 'not_priority',
    admin_assignee_id: admin ? Number(admin.id) : null,
    team_assignee_id: random.chance(0.7) ? random.pick(SEED_TEAMS) : null,
    tags: { type: 'tag.list', tags },
    conversation_rating: null,
    source: {
      type: source,
      id: String(400_000_000 + n),
      delivered_as: 'customer_initiated',
      subject: source === 'email' ? `<p>${subject}</p>` : '',
      body: '<p>Hello, I need some help with my order.</p>',
      author: { type: random.chance(0.8) ? 'user' : 'lead', id: contact, name: `Customer ${n}`, email: `customer${n}@example.com` },
      attachments: [],
      url: null,
      redacted: false,
    },
    contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: contact, external_id: random.chance(0.5) ? `cus_${n}` : null }] },
    teammates: { type: 'admin.list', admins: admin ? [{ type: 'admin', id: admin.id }] : [] },
    custom_attributes: {
      'Order number': random.chance(0.7) ? `ORD-${100_000 + n}` : null,
      'Customer tier': random.pick(['Gold', 'Silver', 'Bronze', null] as const),
      'Refund amount': random.chance(0.2) ? random.int(5, 300) + 0.5 : null,
      'Escalated to engineering': random.chance(0.1),
      Language: random.pick(['English', 'English', 'French', 'German', 'Spanish'] as const),
    },
    first_contact_reply: { created_at: created, type: source, url: null },
    sla_applied: null,
    statistics: {
      type: 'conversation_statistics',
      time_to_assignment: admin ? 30 : null,
      time_to_admin_reply: 300,
      first_contact_reply_at: created,
      first_admin_reply_at: created + 300,
      first_close_at: closed,
      last_close_at: closed,
      last_closed_by_id: closed ? (admin?.id ?? null) : null,
      count_reopens: 0,
      count_assignments: admin ? 1 : 0,
      count_conversation_parts: random.int(2, 12),
    },
    linked_objects: { type: 'list', data: [], total_count: 0, has_more: false },
    ai_agent_participated: random.chance(0.25),
  };
}
