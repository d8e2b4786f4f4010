import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import { GenesysSimulator } from './genesys.simulator.js';

const running: GenesysSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(options: ConstructorParameters<typeof GenesysSimulator>[0] = {}) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new GenesysSimulator({ clock, conversations: 12, spanDays: 6, rateLimit: null, ...options });
  running.push(sim);
  const url = await sim.start();
  const token = async (id = sim.credentials.clientId, secret = sim.credentials.clientSecret) =>
    fetch(`${url}/oauth/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
  const bearer = ((await (await token()).json()) as { access_token: string }).access_token;
  const api = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${url}${path}`, { method: init.method ?? 'GET', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { sim, clock, url, token, api };
}

describe('Genesys Cloud simulator', () => {
  it('grants client-credentials tokens and refuses a wrong secret the OAuth way, and a missing token with ErrorBody', async () => {
    const { token, url } = await start();
    const refused = await token(undefined, 'wrong');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client' });
    const bare = await fetch(`${url}/api/v2/organizations/me`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ code: 'authentication.required', status: 401 });
  });

  it('the details query selects by start day, pages by number and counts totalHits', async () => {
    const { sim, api } = await start({ maxPageSize: 5 });
    const body = (pageNumber: number) => ({ interval: '2025-03-07T00:00:00.000Z/2025-03-10T12:00:00.000Z', paging: { pageSize: 100, pageNumber } });
    const first = (await (await api('/api/v2/analytics/conversations/details/query', { method: 'POST', body: body(1) })).json()) as { totalHits: number; conversations: Array<{ conversationStart: string }> };
    const expected = sim.conversations().filter((c) => c.conversationStart >= '2025-03-07');
    expect(first.totalHits).toBe(expected.length);
    expect(first.conversations.length).toBe(Math.min(5, expected.length));
    expect(first.conversations.map((c) => c.conversationStart)).toEqual([...first.conversations.map((c) => c.conversationStart)].sort());
    const tooBig = await api('/api/v2/analytics/conversations/details/query', { method: 'POST', body: { interval: 'yesterday', paging: { pageSize: 101 } } });
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ code: 'invalid.value' });
  });

  it('a job goes QUEUED → PENDING → FULFILLED → EXPIRED on its clock, serves cursor pages, and can be deleted', async () => {
    const { sim, api, clock } = await start({ maxPageSize: 4, jobTiming: { prepareMs: 60_000, keepMs: 600_000 } });
    const availability = (await (await api('/api/v2/analytics/conversations/details/jobs/availability')).json()) as { dataAvailabilityDate: string };
    expect(availability.dataAvailabilityDate).toBe('2025-03-10T08:00:00.000Z');
    const late = await api('/api/v2/analytics/conversations/details/jobs', { method: 'POST', body: { interval: '2025-03-01T00:00:00Z/2025-03-10T12:00:00Z' } });
    expect(late.status).toBe(400);
    const { jobId } = (await (await api('/api/v2/analytics/conversations/details/jobs', { method: 'POST', body: { interval: '2025-03-01T00:00:00Z/2025-03-10T00:00:00Z', startOfDayIntervalMatching: true } })).json()) as { jobId: string };
    const state = async () => ((await (await api(`/api/v2/analytics/conversations/details/jobs/${jobId}`)).json()) as { state: string }).state;
    expect(await state()).toBe('QUEUED');
    clock.advance(40_000);
    expect(await state()).toBe('PENDING');
    clock.advance(20_000);
    expect(await state()).toBe('FULFILLED');
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await (await api(`/api/v2/analytics/conversations/details/jobs/${jobId}/results?pageSize=100${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { conversations: Array<{ conversationId: string }>; cursor?: string };
      ids.push(...page.conversations.map((c) => c.conversationId));
      cursor = page.cursor;
    } while (cursor);
    expect(ids.sort()).toEqual(sim.conversations().filter((c) => c.conversationStart >= '2025-03-01' && c.conversationStart < '2025-03-10').map((c) => c.conversationId).sort());
    clock.advance(600_000);
    expect(await state()).toBe('EXPIRED');
    expect((await api(`/api/v2/analytics/conversations/details/jobs/${jobId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/v2/analytics/conversations/details/jobs/${jobId}`)).status).toBe(404);
  });

  it('answers 429 with Retry-After and ErrorBody when the window is used up, with inin-ratelimit headers before', async () => {
    const { api } = await start({ rateLimit: { requests: 2, windowSeconds: 60 } });
    const ok = await api('/api/v2/users');
    expect(ok.headers.get('inin-ratelimit-allowed')).toBe('2');
    await api('/api/v2/users');
    const throttled = await api('/api/v2/users');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await throttled.json()).toMatchObject({ code: 'too.many.requests.retry.after' });
  });

  it('control routes: mutate creates active conversations and ends them; faults and state', async () => {
    const { sim, url } = await start();
    const created = (await (await fetch(`${url}/_simulator/mutate`, { method: 'POST', body: JSON.stringify({ creates: 2 }) })).json()) as { touched: string[] };
    expect(created.touched.map((id) => sim.conversation(id)!.conversationEnd)).toEqual([undefined, undefined]);
    const ended = (await (await fetch(`${url}/_simulator/mutate`, { method: 'POST', body: JSON.stringify({ ends: 1 }) })).json()) as { touched: string[] };
    expect(sim.conversation(ended.touched[0]!)!.conversationEnd).toBe('2025-03-10T12:00:00Z');
    await fetch(`${url}/_simulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'auth_error', code: 'ip.not.authorized', scope: 'all' }) });
    const state = (await (await fetch(`${url}/_simulator/state`)).json()) as { conversations: number; faults: unknown[] };
    expect(state).toMatchObject({ conversations: 14, faults: [expect.objectContaining({ scope: 'all' })] });
  });
});

describe('Genesys Cloud simulator: live activity', () => {
  it('starts calls and ends them as its clock moves', async () => {
    const clock = new ManualClock('2025-03-10T12:00:00Z');
    const sim = new GenesysSimulator({ clock, conversations: 3, rateLimit: null, live: { epoch: clock.now(), everyMs: 10_000, seed: 5 } });
    expect(sim.conversations()).toHaveLength(3);
    clock.advance(120_000);
    const now = sim.conversations();
    expect(now.length).toBeGreaterThan(3);
    expect(now.filter((c) => c.conversationStart >= '2025-03-10T12:00:00Z').length).toBe(now.length - 3);
  });
});
