import { createHash } from 'node:crypto';
import { isoSeconds } from '../simulation/iso-seconds.js';
import { seedRecords, type SeedOptions } from '../simulation/seed-records.js';
import type { SeededRandom } from '../simulation/seeded-random.js';

/** A calls-report entry as Talkdesk writes it (the format in force since 2026-05-11), for the simulator. */
export interface TalkdeskWireCall {
  call_id: string;
  callsid: string;
  type: string;
  start_at: string;
  end_at: string;
  talkdesk_phone_number: string;
  talkdesk_phone_display_name: string;
  contact_phone_number: string;
  user_id: string | null;
  user_name: string | null;
  user_email: string | null;
  total_time: number;
  talk_time: number;
  wait_time: number;
  hold_time: number;
  abandon_time: number;
  disposition_code: string | null;
  notes: string | null;
  ring_groups: string;
  is_in_business_hours: boolean;
  is_callback_from_queue: boolean;
  is_transfer: boolean;
  handling_user_id: string | null;
  handling_user_name: string | null;
  handling_user_email: string | null;
  recording_url: string | null;
  csat_score: number | null;
  csat_survey_time: string;
  team_id: string | null;
  team_name: string | null;
  data_status: string;
  text_custom_field_n1: string | null;
  int_custom_field_n1: number | null;
}

/** Agents (32-hex ids, as Talkdesk's), their teams. */
export const TALKDESK_SEED_AGENTS = [
  { id: 'a1f0c3e2b4d5968778695a4b3c2d1e0f', name: 'Ana Ribeiro', email: 'ana.ribeiro@example.com', team: 'Support' },
  { id: 'b2e1d4f3c5a6079889706b5c4d3e2f1a', name: 'Ben Carter', email: 'ben.carter@example.com', team: 'Support' },
  { id: 'c3d2e5a4b6c7180990817c6d5e4f3a2b', name: 'Chloé Martin', email: 'chloe.martin@example.com', team: 'Sales' },
  { id: 'd4c3f6b5c7d8291a01928d7e6f5a4b3c', name: 'Dev Patel', email: 'dev.patel@example.com', team: 'Billing' },
] as const;
const TEAMS: Record<string, string> = { Support: '0054884a5d0e434298375f2e9769c001', Sales: '0054884a5d0e434298375f2e9769c002', Billing: '0054884a5d0e434298375f2e9769c003' };
const DISPOSITIONS = ['Resolved', 'Follow-up needed', 'Refund issued', 'Not interested', 'Escalated'] as const;
const RING_GROUPS = ['agents', 'support', 'billing', 'sales'] as const;

/** A call id as Talkdesk's look: 32 hex digits, derived from a number so seeds repeat. */
export function callId(n: number): string {
  return createHash('md5').update(`talkdesk-call-${n}`).digest('hex');
}

/** One ended call: answered (inbound or outbound) mostly, some missed, abandoned or voicemail. */
export function makeCall(random: SeededRandom, n: number, startMs: number, endMs: number, dataStatus = 'Valid'): TalkdeskWireCall {
  const type = random.weighted([['inbound', 6], ['outbound', 3], ['missed', 1], ['abandoned', 1], ['voicemail', 1]] as const);
  const answered = type === 'inbound' || type === 'outbound';
  const agent = answered ? random.pick(TALKDESK_SEED_AGENTS) : null;
  const total = Math.max(1, Math.round((endMs - startMs) / 1000));
  const wait = answered ? Math.min(total, random.int(0, 40)) : total;
  const hold = answered ? random.int(0, Math.floor((total - wait) / 4)) : 0;
  return {
    call_id: callId(n),
    callsid: `CA${createHash('md5').update(`sid-${n}`).digest('hex')}`,
    type,
    start_at: isoSeconds(startMs),
    end_at: isoSeconds(endMs),
    talkdesk_phone_number: '+12025550100',
    talkdesk_phone_display_name: 'support',
    contact_phone_number: `+1202555${String(1000 + (n % 9000)).padStart(4, '0')}`,
    user_id: agent?.id ?? null,
    user_name: agent?.name ?? null,
    user_email: agent?.email ?? null,
    total_time: total,
    talk_time: answered ? total - wait - hold : 0,
    wait_time: wait,
    hold_time: hold,
    abandon_time: type === 'abandoned' ? total : 0,
    disposition_code: answered ? random.pick(DISPOSITIONS) : null,
    notes: null,
    ring_groups: random.pick(RING_GROUPS),
    is_in_business_hours: random.chance(0.8),
    is_callback_from_queue: false,
    is_transfer: answered && random.chance(0.1),
    handling_user_id: agent?.id ?? null,
    handling_user_name: agent?.name ?? null,
    handling_user_email: agent?.email ?? null,
    recording_url: answered ? `https://api.talkdeskapp.com/calls/${callId(n)}/recordings` : null,
    csat_score: null,
    csat_survey_time: '',
    team_id: agent ? TEAMS[agent.team]! : null,
    team_name: agent?.team ?? null,
    data_status: dataStatus,
    text_custom_field_n1: random.chance(0.3) ? random.pick(['priority', 'renewal', 'new customer']) : null,
    int_custom_field_n1: null,
  };
}

/** An account's call history, deterministic for a seed: calls spread over `spanDays`, each a few seconds to 15 minutes long. */
export function generateCalls(options: SeedOptions, settleMs: number): TalkdeskWireCall[] {
  return seedRecords(options, settleMs, (random, n, startMs) => {
    const endMs = Math.min(options.now.getTime() - settleMs, startMs + random.int(15, 900) * 1000);
    return makeCall(random, n, Math.min(startMs, endMs - 1000), endMs);
  });
}
