import { isoSeconds } from '../simulation/iso-seconds.js';
import { seedRecords, type SeedOptions } from '../simulation/seed-records.js';
import { SEED_SUBJECTS, SEED_TAGS } from '../simulation/seed-ticket-words.js';
import type { SeededRandom } from '../simulation/seeded-random.js';

/** A ticket as Freshdesk's API v2 sends it (with `include=stats`), for the simulator. */
export interface FreshdeskWireTicket {
  id: number;
  subject: string;
  status: number;
  priority: number;
  source: number;
  type: string | null;
  requester_id: number;
  responder_id: number | null;
  group_id: number | null;
  company_id: number | null;
  product_id: number | null;
  email_config_id: number | null;
  to_emails: string[] | null;
  cc_emails: string[];
  fwd_emails: string[];
  reply_cc_emails: string[];
  fr_escalated: boolean;
  is_escalated: boolean;
  spam: boolean;
  /** Only on tickets in the trash. */
  deleted?: boolean;
  tags: string[];
  custom_fields: Record<string, string | number | boolean | null>;
  created_at: string;
  updated_at: string;
  due_by: string;
  fr_due_by: string;
  stats: {
    agent_responded_at: string | null;
    requester_responded_at: string | null;
    first_responded_at: string | null;
    status_updated_at: string | null;
    reopened_at: string | null;
    resolved_at: string | null;
    closed_at: string | null;
    pending_since: string | null;
  };
}

/** Agents tickets are assigned to, with the group each works in. Ids look like a real account's. */
export const SEED_AGENTS = [
  { id: 67000011, name: 'Ann Lee', groupId: 67000101 },
  { id: 67000012, name: 'Bruno Costa', groupId: 67000101 },
  { id: 67000013, name: 'Chen Wei', groupId: 67000102 },
  { id: 67000014, name: 'Dana Kowalski', groupId: 67000102 },
  { id: 67000015, name: 'Emeka Obi', groupId: 67000103 },
  { id: 67000016, name: 'Fatima Zahra', groupId: 67000103 },
  { id: 67000017, name: 'Gustav Berg', groupId: 67000101 },
  { id: 67000018, name: 'Hana Sato', groupId: 67000104 },
  { id: 67000019, name: 'Ivan Petrov', groupId: 67000104 },
  { id: 67000020, name: 'Julia Romero', groupId: 67000102 },
] as const;
export const SEED_GROUPS = [67000101, 67000102, 67000103, 67000104] as const;
/** Source codes by weight: email, portal, phone, chat, feedback widget, outbound email, Twitter, Facebook, WhatsApp. */
export const SEED_SOURCES = [
  [1, 38],
  [2, 16],
  [3, 12],
  [7, 14],
  [9, 4],
  [10, 6],
  [5, 2],
  [6, 2],
  [13, 6],
] as const;
/** 2 Open, 3 Pending, 4 Resolved, 5 Closed, 6 a custom status ("Waiting on third party"). */
export const SEED_STATUSES = [
  [5, 44],
  [4, 30],
  [2, 10],
  [3, 9],
  [6, 4],
] as const;
/** The custom ticket fields: name → label and type, as the ticket_fields endpoint lists them. */
export const SEED_CUSTOM_FIELDS = [
  { id: 67000301, name: 'cf_plan', label: 'Plan', type: 'custom_dropdown', choices: ['gold', 'silver', 'bronze'] },
  { id: 67000302, name: 'cf_region', label: 'Region', type: 'custom_dropdown', choices: ['EMEA', 'AMER', 'APAC'] },
  { id: 67000303, name: 'cf_order_reference', label: 'Order reference', type: 'custom_text', choices: [] },
  { id: 67000304, name: 'cf_escalated', label: 'Escalated', type: 'custom_checkbox', choices: [] },
] as const;
const TYPES = ['Question', 'Incident', 'Problem', 'Feature Request', 'Refund', null] as const;

/** Builds `count` tickets, some spam and some in the trash, in (updated_at, id) order. */
export function generateTickets(options: SeedOptions): FreshdeskWireTicket[] {
  const tickets = seedRecords(options, 60_000, (random, id, createdMs, updatedMs) => {
    const ticket = makeTicket(random, id, createdMs, updatedMs);
    const fate = random.next();
    if (fate < 0.02) ticket.spam = true;
    else if (fate < 0.05) ticket.deleted = true;
    return ticket;
  });
  return tickets.sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id);
}

/** One random ticket created and last updated at the given times. */
export function makeTicket(random: SeededRandom, id: number, createdMs: number, updatedMs: number, status?: number): FreshdeskWireTicket {
  const chosen = status ?? random.weighted(SEED_STATUSES);
  const agent = chosen !== 2 || random.chance(0.6) ? random.pick(SEED_AGENTS) : null;
  const respondedMs = Math.min(updatedMs, createdMs + random.int(2, 240) * 60_000);
  const finished = chosen === 4 || chosen === 5;
  return {
    id,
    subject: `${random.pick(SEED_SUBJECTS)} #${id}`,
    status: chosen,
    priority: random.weighted([[1, 30], [2, 40], [3, 20], [4, 10]] as const),
    source: random.weighted(SEED_SOURCES),
    type: random.pick(TYPES),
    requester_id: 68000000 + random.int(1, 50_000),
    responder_id: agent?.id ?? null,
    group_id: agent?.groupId ?? (random.chance(0.5) ? random.pick(SEED_GROUPS) : null),
    company_id: random.chance(0.6) ? 69000000 + random.int(1, 40) : null,
    product_id: null,
    email_config_id: null,
    to_emails: null,
    cc_emails: [],
    fwd_emails: [],
    reply_cc_emails: [],
    fr_escalated: random.chance(0.05),
    is_escalated: random.chance(0.05),
    spam: false,
    tags: random.sample(SEED_TAGS, random.int(0, 3)),
    custom_fields: {
      cf_plan: random.pick([...SEED_CUSTOM_FIELDS[0].choices, null]),
      cf_region: random.pick(SEED_CUSTOM_FIELDS[1].choices),
      cf_order_reference: random.chance(0.5) ? `A-${random.int(1000, 99999)}` : null,
      cf_escalated: random.chance(0.1),
    },
    created_at: isoSeconds(createdMs),
    updated_at: isoSeconds(updatedMs),
    due_by: isoSeconds(createdMs + 3 * 86_400_000),
    fr_due_by: isoSeconds(createdMs + 86_400_000),
    stats: {
      agent_responded_at: agent ? isoSeconds(respondedMs) : null,
      requester_responded_at: null,
      first_responded_at: agent ? isoSeconds(respondedMs) : null,
      status_updated_at: isoSeconds(updatedMs),
      reopened_at: null,
      resolved_at: finished ? isoSeconds(updatedMs) : null,
      closed_at: chosen === 5 ? isoSeconds(updatedMs) : null,
      pending_since: chosen === 3 ? isoSeconds(updatedMs) : null,
    },
  };
}

/** Freshdesk's timestamps: whole seconds, `Z`. */
export { isoSeconds as iso };
