import { randomBytes } from 'node:crypto';
import { seedRecords, type SeedOptions } from '../simulation/seed-records.js';
import type { SeededRandom } from '../simulation/seeded-random.js';
import type { AircallStatus } from './aircall-wire.js';

/** A call as the simulator holds and serves it (Aircall's Call object, the fields a list returns). */
export interface AircallWireCall {
  id: number;
  direct_link: string;
  direction: 'inbound' | 'outbound';
  status: AircallStatus;
  missed_call_reason: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  duration: number;
  /** Links that expire (about ten minutes here): never stored by Intake. */
  voicemail: string | null;
  recording: string | null;
  recording_short_url: string | null;
  asset: string | null;
  raw_digits: string;
  user: AircallUser | null;
  contact: { id: number; direct_link: string; first_name: string; last_name: string } | null;
  archived: boolean;
  assigned_to: AircallUser | null;
  transferred_by: null;
  transferred_to: null;
  teams: Array<{ id: number; direct_link: string; name: string; created_at: string }>;
  number: { id: number; direct_link: string; name: string; digits: string; country: string; time_zone: string };
  cost: string;
  country_code_a2: string;
  comments: Array<{ id: number; content: string; posted_at: number; posted_by: AircallUser | null }>;
  tags: Array<{ id: number; name: string; created_at: number; tagged_by: AircallUser | null }>;
  [key: string]: unknown;
}

export interface AircallUser {
  id: number;
  direct_link: string;
  name: string;
  email: string;
  available: boolean;
  availability_status: 'available' | 'custom' | 'unavailable';
}

const API = 'https://api.aircall.io/v1';

export const SEED_USERS: readonly AircallUser[] = [
  [1501201, 'Ana Souza'],
  [1501202, 'Ben Carter'],
  [1501203, 'Chiara Rossi'],
  [1501204, 'Daniel Okafor'],
  [1501205, 'Emma Lambert'],
  [1501206, 'Farid Haddad'],
].map(([id, name]) => ({
  id: id as number,
  direct_link: `${API}/users/${id}`,
  name: name as string,
  email: `${(name as string).split(' ')[0]!.toLowerCase()}@acme-calls.example`,
  available: true,
  availability_status: 'available' as const,
}));

export const SEED_CALL_TAGS = [
  [77101, 'sales'],
  [77102, 'support'],
  [77103, 'billing'],
  [77104, 'callback'],
  [77105, 'vip'],
  [77106, 'complaint'],
] as const;

const TEAMS = [
  [4101, 'Support Tier 1'],
  [4102, 'Sales'],
] as const;

const LINES = [
  { id: 90101, name: 'Support line', digits: '+33 1 76 44 00 01', country: 'FR', time_zone: 'Europe/Paris' },
  { id: 90102, name: 'Sales US', digits: '+1 415-555-0142', country: 'US', time_zone: 'America/Los_Angeles' },
] as const;

const COMMENTS = ['Customer asked for a callback tomorrow.', 'Escalated to billing.', 'Resolved on the call.', 'Left a voicemail, will retry.'] as const;

const MISSED_REASONS = [
  ['no_available_agent', 3],
  ['agents_did_not_answer', 3],
  ['short_abandoned', 2],
  ['abandoned_in_ivr', 1],
  ['out_of_opening_hours', 2],
] as const;

const FIRST_ID = 1_840_000_000;

/** `count` calls over the span before `now`, all ended; deterministic for a seed. */
export function generateCalls(options: Omit<SeedOptions, 'firstId'>): AircallWireCall[] {
  // Three hours before now at the latest: every seeded call has ended, and been tagged and commented, by then.
  return seedRecords({ ...options, firstId: FIRST_ID }, 3 * 3_600_000, (random, id, createdMs) => makeCall(random, id, Math.floor(createdMs / 1000), 'done'));
}

export function callIdOf(n: number): number {
  return FIRST_ID + n;
}

/** An expiring, signed-looking media link, as Aircall sends recordings and voicemails. */
function mediaLink(kind: 'recording' | 'voicemail', id: number, at: number): string {
  return `https://aircall-media.s3.amazonaws.com/calls/${id}/${kind}.mp3?X-Amz-Date=${at}&X-Amz-Expires=600&X-Amz-Signature=${randomBytes(16).toString('hex')}`;
}

/**
 * One call started at `started` (unix seconds) and, for `answered` and `done`, the states it
 * went through up to `status`. An inbound call nobody took has no user and a missed-call reason.
 */
export function makeCall(random: SeededRandom, id: number, started: number, status: AircallStatus): AircallWireCall {
  const direction = random.chance(0.7) ? ('inbound' as const) : ('outbound' as const);
  const missed = status === 'done' && direction === 'inbound' && random.chance(0.2);
  const user = missed || status === 'initial' ? null : random.pick(SEED_USERS);
  const answeredAt = status !== 'initial' && !missed ? started + random.int(3, 25) : null;
  const endedAt = status === 'done' ? (answeredAt ?? started) + (missed ? random.int(5, 40) : random.int(30, 1200)) : null;
  const line = random.pick(LINES);
  const team = direction === 'inbound' && random.chance(0.6) ? random.pick(TEAMS) : null;
  const voicemail = missed && random.chance(0.5);
  const tags = status === 'done' ? random.sample(SEED_CALL_TAGS, random.int(0, 2)).map(([tagId, name]) => ({ id: tagId, name, created_at: endedAt! + random.int(10, 600), tagged_by: user })) : [];
  return {
    id,
    direct_link: `${API}/calls/${id}`,
    direction,
    status,
    missed_call_reason: missed ? random.weighted(MISSED_REASONS) : null,
    started_at: started,
    answered_at: answeredAt,
    ended_at: endedAt,
    duration: endedAt === null ? 0 : endedAt - started,
    voicemail: voicemail ? mediaLink('voicemail', id, endedAt!) : null,
    recording: answeredAt !== null && status === 'done' ? mediaLink('recording', id, endedAt!) : null,
    recording_short_url: answeredAt !== null && status === 'done' ? `https://short.aircall.io/r/${id.toString(36)}` : null,
    asset: answeredAt !== null && status === 'done' ? `https://assets.aircall.io/calls/${id}/recording` : null,
    raw_digits: random.chance(0.05) ? 'anonymous' : `+33 6 ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`,
    user,
    contact: random.chance(0.4) ? { id: 7_300_000 + random.int(1, 9999), direct_link: `${API}/contacts/x`, first_name: 'Sam', last_name: 'Client' } : null,
    archived: false,
    assigned_to: user,
    transferred_by: null,
    transferred_to: null,
    teams: team ? [{ id: team[0], direct_link: `${API}/teams/${team[0]}`, name: team[1], created_at: '2024-05-01T09:00:00.000Z' }] : [],
    number: { ...line, direct_link: `${API}/numbers/${line.id}` },
    cost: '0.0',
    country_code_a2: line.country,
    comments: status === 'done' && random.chance(0.3) ? [{ id: id * 10 + 1, content: random.pick(COMMENTS), posted_at: endedAt! + random.int(30, 900), posted_by: user }] : [],
    tags,
  };
}

/** The call moved on to `status` at `at` (unix seconds), as Aircall moves it: answered, then ended. */
export function advanceCall(random: SeededRandom, call: AircallWireCall, status: AircallStatus, at: number): AircallWireCall {
  if (status === 'answered' && call.status === 'initial') {
    const user = random.pick(SEED_USERS);
    return { ...call, status, answered_at: Math.max(at, call.started_at), user, assigned_to: user };
  }
  if (status === 'done' && call.status !== 'done') {
    const ended = Math.max(at, call.answered_at ?? call.started_at);
    const answered = call.answered_at !== null;
    return {
      ...call,
      status,
      ended_at: ended,
      duration: ended - call.started_at,
      missed_call_reason: answered ? null : call.direction === 'inbound' ? 'agents_did_not_answer' : null,
      recording: answered ? mediaLink('recording', call.id, ended) : null,
      recording_short_url: answered ? `https://short.aircall.io/r/${call.id.toString(36)}` : null,
      asset: answered ? `https://assets.aircall.io/calls/${call.id}/recording` : null,
    };
  }
  return call;
}
