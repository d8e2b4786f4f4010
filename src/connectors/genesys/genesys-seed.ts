import { isoSeconds } from '../simulation/iso-seconds.js';
import { seedRecords } from '../simulation/seed-records.js';
import type { SeededRandom } from '../simulation/seeded-random.js';

/** A conversation as the simulator keeps and serves it (the details query's shape). */
export interface GenesysWireConversation {
  conversationId: string;
  conversationStart: string;
  conversationEnd?: string;
  originatingDirection: 'inbound' | 'outbound';
  divisionIds: string[];
  participants: GenesysWireParticipant[];
}

export interface GenesysWireParticipant {
  participantId: string;
  purpose: 'customer' | 'acd' | 'agent' | 'ivr' | 'external';
  userId?: string;
  participantName?: string;
  sessions: Array<{
    sessionId: string;
    mediaType: string;
    direction: 'inbound' | 'outbound';
    ani?: string;
    dnis?: string;
    segments: Array<{ segmentType: string; segmentStart: string; segmentEnd?: string; queueId?: string; wrapUpCode?: string; disconnectType?: string }>;
  }>;
}

export interface SimulatedUser {
  id: string;
  name: string;
  email: string;
}

export interface SimulatedWrapUpCode {
  id: string;
  name: string;
}

export const DIVISION_ID = 'a1b2c3d4-0000-4000-8000-00000000d1v1';
const QUEUES = ['5f0c0a11-0000-4000-8000-000000000q01', '5f0c0a11-0000-4000-8000-000000000q02'];
const MEDIA: ReadonlyArray<readonly [string, number]> = [
  ['voice', 6],
  ['chat', 2],
  ['email', 1],
  ['message', 2],
  ['callback', 1],
];

/** A UUID made from the simulator's random numbers, so a seed always gives the same ids. */
export function seededUuid(random: SeededRandom): string {
  const hex = (n: number) => Array.from({ length: n }, () => random.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + random.int(0, 3)).toString(16)}${hex(3)}-${hex(12)}`;
}

export function defaultUsers(): SimulatedUser[] {
  return [
    { id: '0a9f4c2e-1d5b-4e6a-9c3d-2f8e7b6a5d41', name: 'Amara Okafor', email: 'amara.okafor@acme.example' },
    { id: '1b8e5d3f-2c6a-4f7b-8d4e-3a9f8c7b6e52', name: 'Lucas Moreau', email: 'lucas.moreau@acme.example' },
    { id: '2c7d6e4a-3b7f-4a8c-9e5f-4b0a9d8c7f63', name: 'Yuki Tanaka', email: 'yuki.tanaka@acme.example' },
    { id: '3d6c7f5b-4a8e-4b9d-8f6a-5c1b0e9d8a74', name: 'Priya Raman', email: 'priya.raman@acme.example' },
  ];
}

export function defaultWrapUpCodes(): SimulatedWrapUpCode[] {
  return [
    { id: '7e1a2b3c-0000-4000-8000-0000000000w1', name: 'Resolved' },
    { id: '7e1a2b3c-0000-4000-8000-0000000000w2', name: 'Escalated' },
    { id: '7e1a2b3c-0000-4000-8000-0000000000w3', name: 'Callback requested' },
    { id: '7e1a2b3c-0000-4000-8000-0000000000w4', name: 'Billing question' },
  ];
}

/**
 * One conversation: a customer, the queue (acd) and an agent, all on one media type. Ended ones
 * carry `conversationEnd` and the agent's wrap-up segment with its code; an active one has neither.
 */
export function makeConversation(random: SeededRandom, users: readonly SimulatedUser[], codes: readonly SimulatedWrapUpCode[], startMs: number, endMs: number | null): GenesysWireConversation {
  const mediaType = random.weighted(MEDIA);
  const direction = random.chance(0.8) ? 'inbound' : 'outbound';
  const queueId = random.pick(QUEUES);
  const user = random.pick(users);
  const answeredMs = startMs + random.int(5, 120) * 1000;
  const talkEndMs = endMs === null ? null : Math.max(answeredMs + 1000, endMs - random.int(10, 120) * 1000);
  const seg = (segmentType: string, from: number, to: number | null, extra: Record<string, string> = {}) => ({ segmentType, segmentStart: isoSeconds(from), ...(to === null ? {} : { segmentEnd: isoSeconds(to) }), ...extra });
  const customerEnd = talkEndMs;
  const participants: GenesysWireParticipant[] = [
    {
      participantId: seededUuid(random),
      purpose: 'customer',
      participantName: 'Customer',
      sessions: [{ sessionId: seededUuid(random), mediaType, direction, ...(mediaType === 'voice' ? { ani: 'tel:+15550100', dnis: 'tel:+15550199' } : {}), segments: [seg('interact', startMs, customerEnd, customerEnd === null ? {} : { disconnectType: 'endpoint' })] }],
    },
    {
      participantId: seededUuid(random),
      purpose: 'acd',
      participantName: 'Support',
      sessions: [{ sessionId: seededUuid(random), mediaType, direction, segments: [seg('interact', startMs, answeredMs, { queueId })] }],
    },
    {
      participantId: seededUuid(random),
      purpose: 'agent',
      userId: user.id,
      participantName: user.name,
      sessions: [
        {
          sessionId: seededUuid(random),
          mediaType,
          direction,
          segments: [
            seg('interact', answeredMs, talkEndMs, { queueId }),
            ...(endMs === null || talkEndMs === null ? [] : [seg('wrapup', talkEndMs, endMs, { queueId, wrapUpCode: random.pick(codes).id })]),
          ],
        },
      ],
    },
  ];
  return {
    conversationId: seededUuid(random),
    conversationStart: isoSeconds(startMs),
    ...(endMs === null ? {} : { conversationEnd: isoSeconds(endMs) }),
    originatingDirection: direction,
    divisionIds: [DIVISION_ID],
    participants,
  };
}

/** An organization's history: conversations started over the span, each ended 5 minutes to 48 hours later, before now. */
export function generateConversations(options: { count: number; now: Date; spanDays?: number; seed?: number; users: readonly SimulatedUser[]; codes: readonly SimulatedWrapUpCode[] }): GenesysWireConversation[] {
  return seedRecords({ count: options.count, now: options.now, spanDays: options.spanDays, seed: options.seed }, 60_000, (random, _id, createdMs, updatedMs) =>
    makeConversation(random, options.users, options.codes, createdMs, Math.max(updatedMs, createdMs + 300_000)),
  );
}
