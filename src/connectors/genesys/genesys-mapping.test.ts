import { describe, expect, it } from 'vitest';
import { mapGenesysConversation } from './genesys-mapping.js';
import { genesysProfile } from './genesys-profile.js';

const active = {
  conversationId: '7f1c2a9e-0000-4000-8000-000000000001',
  conversationStart: '2025-03-01T09:00:00.000Z',
  originatingDirection: 'inbound',
  participants: [
    { purpose: 'customer', sessions: [{ mediaType: 'voice', segments: [{ segmentType: 'interact', segmentStart: '2025-03-01T09:00:00.000Z' }] }] },
    { purpose: 'agent', userId: 'u-1', sessions: [{ mediaType: 'voice', segments: [{ segmentType: 'interact', segmentStart: '2025-03-01T09:01:00.000Z', queueId: 'q-9' }] }] },
  ],
};

describe('Genesys Cloud mapping', () => {
  it('an active conversation (no conversationEnd) is open, not closed, versioned by its latest segment time', () => {
    expect(mapGenesysConversation(active, new Map())).toMatchObject({
      ok: true,
      contact: { status: 'open', sourceStatus: 'active', closedAt: null, channel: 'voice', agent: 'u-1', version: Date.parse('2025-03-01T09:01:00.000Z'), metadata: { queue: 'q-9', durationSeconds: null } },
    });
  });

  it('an ended one is closed; wrap-up codes become tags by name, an unknown code keeps its id; a transfer names the last agent', () => {
    const ended = {
      ...active,
      conversationEnd: '2025-03-01T09:10:00.000Z',
      participants: [
        ...active.participants,
        { purpose: 'agent', userId: 'u-2', sessions: [{ mediaType: 'voice', segments: [{ segmentType: 'wrapup', segmentStart: '2025-03-01T09:08:00.000Z', segmentEnd: '2025-03-01T09:10:00.000Z', wrapUpCode: 'w-1' }, { segmentType: 'wrapup', segmentStart: '2025-03-01T09:08:00.000Z', segmentEnd: '2025-03-01T09:09:00.000Z', wrapUpCode: 'w-gone' }] }] },
      ],
    };
    expect(mapGenesysConversation(ended, new Map([['w-1', 'Resolved']]))).toMatchObject({
      ok: true,
      contact: { status: 'closed', sourceStatus: 'ended', closedAt: '2025-03-01T09:10:00.000Z', agent: 'u-2', tags: ['Resolved', 'w-gone'], metadata: { durationSeconds: 600, wrapUpSeconds: 180, agents: 2 } },
    });
  });

  it('a conversation without its start is a failed record naming the field', () => {
    const { conversationStart: _gone, ...broken } = active;
    expect(mapGenesysConversation(broken, new Map())).toMatchObject({ ok: false, sourceRef: active.conversationId, field: 'conversationStart' });
  });
});

describe('Genesys Cloud profile', () => {
  const profile = genesysProfile('eu-west-1');
  const now = new Date('2025-03-10T12:00:00Z');

  it('reads inin-ratelimit-* (count used of allowed, reset in seconds) and Retry-After', () => {
    const headers = new Headers({ 'inin-ratelimit-allowed': '300', 'inin-ratelimit-count': '295', 'inin-ratelimit-reset': '20', 'retry-after': '7' });
    expect(profile.readRateLimit(headers, now)).toEqual({ limit: 300, remaining: 5, resetAt: new Date('2025-03-10T12:00:20Z') });
    expect(profile.retryAt(headers, now)).toEqual(new Date('2025-03-10T12:00:07Z'));
    expect(profile.readRateLimit(new Headers(), now)).toBeNull();
  });

  it('classifies the login host\'s invalid_client and an ErrorBody code, keeping the correlation id', () => {
    const refused = profile.classifyError({ status: 401, body: { error: 'invalid_client', description: 'client not found' }, headers: new Headers(), detail: { path: '/oauth/token' } });
    expect(refused).toMatchObject({ category: 'auth_revoked', detail: { platformCode: 'invalid_client', platformMessage: 'client not found' } });
    expect(refused.message).toMatch(/another region than eu-west-1/);
    const forbidden = profile.classifyError({ status: 403, body: { code: 'missing.permissions', message: 'You are missing…', contextId: 'ctx-1' }, headers: new Headers(), detail: {} });
    expect(forbidden).toMatchObject({ category: 'forbidden', detail: { requestId: 'ctx-1' } });
    expect(forbidden.message).toMatch(/analytics:conversationDetail:view.*\(Genesys Cloud correlation id ctx-1\)$/);
  });
});
