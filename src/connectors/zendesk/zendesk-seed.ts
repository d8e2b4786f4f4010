import { isoSeconds } from '../simulation/iso-seconds.js';
import { seedRecords, type SeedOptions } from '../simulation/seed-records.js';
import { SEED_SUBJECTS, SEED_TAGS } from '../simulation/seed-ticket-words.js';
import type { SeededRandom } from '../simulation/seeded-random.js';
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

/** Builds `count` tickets as the export would return them, in generated_timestamp order. */
export function generateTickets(options: SeedOptions): ZendeskTicket[] {
  // Everything is at least two minutes old, so the export's one-minute exclusion does not hide it.
  const tickets = seedRecords(options, 120_000, (random, id, createdMs, updatedMs) => {
    const ticket = makeTicket(random, id, createdMs, updatedMs);
    // Some solved tickets were reopened by the customer's reply: open again, and tagged so by a trigger.
    if ((ticket.status === 'solved' || ticket.status === 'closed') && random.chance(0.05)) {
      ticket.status = 'open';
      ticket.tags = [...ticket.tags, 'reopened'];
    }
    return ticket;
  });
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
    created_at: isoSeconds(createdMs),
    updated_at: isoSeconds(updatedMs),
    generated_timestamp: Math.floor(updatedMs / 1000),
    type: random.pick(['question', 'incident', 'problem', 'task', null] as const),
    subject: `${random.pick(SEED_SUBJECTS)} #${id}`,
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
