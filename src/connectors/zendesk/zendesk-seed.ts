import { SeededRandom } from '../simulation/seeded-random.js';
import type { ZendeskTicket } from './zendesk-wire.js';

/** Realistic variety for simulated tickets; ids are those a real account would have. */
export const SEED_AGENTS = [360011, 360012, 360013, 360014, 360015, 360016, 360017, 360018, 360019, 360020, 360021, 360022] as const;
export const SEED_CHANNELS = [
  ['email', 40],
  ['web', 20],
  ['chat', 14],
  ['voice', 10],
  ['native_messaging', 10],
  ['api', 4],
  ['sms', 2],
] as const;
export const SEED_TAGS = ['billing', 'refund', 'vip', 'bug', 'shipping', 'onboarding', 'complaint', 'feedback', 'urgent', 'renewal', 'cancellation', 'password_reset'] as const;
export const SEED_STATUSES = [
  ['closed', 44],
  ['solved', 30],
  ['open', 9],
  ['pending', 6],
  ['hold', 3],
  ['new', 4],
  ['deleted', 4],
] as const;
/** Custom ticket fields by id: plan (drop-down), region (drop-down), escalated (checkbox). */
export const SEED_CUSTOM_FIELDS = { plan: 360001, region: 360002, escalated: 360003 } as const;
const PLANS = ['gold', 'silver', 'bronze', null] as const;
const REGIONS = ['emea', 'amer', 'apac'] as const;
const SUBJECTS = [
  'Refund for order',
  'Cannot log in to my account',
  'Package arrived damaged',
  'Question about my invoice',
  'Change delivery address',
  'App crashes on start',
  'Upgrade my plan',
  'Cancel my subscription',
  'Wrong item received',
  'Password reset link expired',
  'Feedback on your support',
  'Where is my order?',
];

export interface SeedOptions {
  count: number;
  /** The first ticket id; ids then follow creation order. */
  firstId?: number;
  /** Tickets are created over the `spanDays` before this time, and last changed before it. */
  now: Date;
  spanDays?: number;
  seed?: number;
}

/** Builds `count` tickets as the export would return them, in generated_timestamp order. */
export function generateTickets(options: SeedOptions): ZendeskTicket[] {
  const random = new SeededRandom(options.seed ?? 1);
  const spanMs = (options.spanDays ?? 30) * 86_400_000;
  // Everything is at least two minutes old, so the export's one-minute exclusion does not hide it.
  const latest = options.now.getTime() - 120_000;
  const first = latest - spanMs;
  const tickets: ZendeskTicket[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const createdMs = Math.floor(first + (spanMs * i) / Math.max(1, options.count) + random.next() * 60_000);
    const updatedMs = Math.min(latest, createdMs + random.int(5, 48 * 60) * 60_000);
    const ticket = makeTicket(random, (options.firstId ?? 1) + i, createdMs, updatedMs);
    // Some solved tickets were reopened by the customer's reply: open again, and tagged so by a trigger.
    if ((ticket.status === 'solved' || ticket.status === 'closed') && random.chance(0.05)) {
      ticket.status = 'open';
      ticket.tags = [...ticket.tags, 'reopened'];
    }
    tickets.push(ticket);
  }
  return tickets.sort((a, b) => a.generated_timestamp - b.generated_timestamp || a.id - b.id);
}

/** One random ticket created and last updated at the given times. */
export function makeTicket(random: SeededRandom, id: number, createdMs: number, updatedMs: number, status?: string): ZendeskTicket {
  const chosenStatus = status ?? random.weighted(SEED_STATUSES);
  const channel = random.weighted(SEED_CHANNELS);
  const assigned = chosenStatus !== 'new' && random.chance(0.95);
  return {
    id,
    url: `https://example.zendesk.com/api/v2/tickets/${id}.json`,
    external_id: null,
    via: { channel, source: { from: {}, to: {}, rel: null } },
    created_at: iso(createdMs),
    updated_at: iso(updatedMs),
    generated_timestamp: Math.floor(updatedMs / 1000),
    type: random.pick(['question', 'incident', 'problem', 'task', null] as const),
    subject: `${random.pick(SUBJECTS)} #${id}`,
    description: 'Simulated ticket body.',
    priority: random.pick(['low', 'normal', 'normal', 'high', 'urgent'] as const),
    status: chosenStatus,
    requester_id: 900000 + random.int(1, 50_000),
    submitter_id: 900000 + random.int(1, 50_000),
    assignee_id: assigned ? random.pick(SEED_AGENTS) : null,
    organization_id: random.chance(0.6) ? 500 + random.int(1, 40) : null,
    group_id: 7000 + random.int(1, 5),
    brand_id: 100,
    tags: random.sample(SEED_TAGS, random.int(0, 3)),
    custom_fields: [
      { id: SEED_CUSTOM_FIELDS.plan, value: random.pick(PLANS) },
      { id: SEED_CUSTOM_FIELDS.region, value: random.pick(REGIONS) },
      { id: SEED_CUSTOM_FIELDS.escalated, value: random.chance(0.1) },
    ],
    satisfaction_rating: { score: random.pick(['unoffered', 'offered', 'good', 'bad'] as const) },
    is_public: true,
    support_type: 'agent',
  };
}

export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
