import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import { AircallSimulator, type AircallSimulatorOptions } from './aircall.simulator.js';

const simulators: AircallSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(options: AircallSimulatorOptions = {}) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new AircallSimulator({ clock, calls: 30, spanDays: 2, ...options });
  simulators.push(sim);
  const url = await sim.start();
  const { apiId, apiToken } = sim.credentials();
  const auth = `Basic ${Buffer.from(`${apiId}:${apiToken}`).toString('base64')}`;
  const get = async (path: string, authorization = auth) => {
    const response = await fetch(`${url}${path}`, { headers: { authorization } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  };
  return { sim, clock, url, get };
}

describe('Aircall simulator speaks the Public API v1', () => {
  it('answers /v1/ping and /v1/company to a valid API key, and 401 {error, troubleshoot} to anything else', async () => {
    const { get } = await setup();
    expect(await get('/v1/ping')).toMatchObject({ status: 200, body: { ping: 'pong' } });
    expect(await get('/v1/company')).toMatchObject({ status: 200, body: { company: { name: 'Acme Calls' } } });
    const refused = await get('/v1/ping', `Basic ${Buffer.from('id:wrong').toString('base64')}`);
    expect(refused).toMatchObject({ status: 401, body: { error: 'Unauthorized', troubleshoot: expect.any(String) } });
  });

  it('lists calls by creation time with meta (count, total, current_page, per_page, next_page_link), at most 50 a page', async () => {
    const { get, sim, url } = await setup({ calls: 120 });
    const first = await get('/v1/calls?from=0&per_page=100');
    const meta = first.body.meta as Record<string, unknown>;
    expect(meta).toEqual({ count: 50, total: 120, current_page: 1, per_page: 50, next_page_link: `${url}/v1/calls?from=0&per_page=50&page=2`, previous_page_link: null });
    const last = await get('/v1/calls?from=0&per_page=50&page=3');
    expect(last.body.meta).toMatchObject({ count: 20, next_page_link: null });
    const all = sim.calls();
    const from = all[10]!.started_at;
    const to = all[19]!.started_at;
    const range = await get(`/v1/calls?from=${from}&to=${to}&order=desc`);
    expect((range.body.calls as Array<{ id: number }>).map((c) => c.id)).toEqual(all.slice(10, 20).reverse().map((c) => c.id));
  });

  it('returns no more than its ceiling however it is paged, and says nothing: meta.total keeps the true count', async () => {
    const { get } = await setup({ calls: 30, maxItems: 20 });
    const second = await get('/v1/calls?from=0&per_page=10&page=2');
    expect(second.body.meta).toMatchObject({ count: 10, total: 30, next_page_link: null });
    const third = await get('/v1/calls?from=0&per_page=10&page=3');
    expect(third).toMatchObject({ status: 200, body: { calls: [], meta: { count: 0, total: 30 } } });
  });

  it('refuses bad parameters with 400 and names them', async () => {
    const { get } = await setup();
    expect(await get('/v1/calls?from=yesterday')).toMatchObject({ status: 400, body: { error: 'Invalid parameters', troubleshoot: expect.stringContaining('from must be an integer') } });
    expect(await get('/v1/calls?from=20&to=10')).toMatchObject({ status: 400, body: { troubleshoot: 'from must be before to' } });
  });

  it('sends X-AircallApi-Limit/Remaining/Reset (a unix time) on every answer, and 429 past the limit', async () => {
    const { get, clock } = await setup({ rateLimit: { requests: 2, windowSeconds: 60 } });
    const ok = await get('/v1/ping');
    expect(ok.headers.get('x-aircallapi-limit')).toBe('2');
    expect(ok.headers.get('x-aircallapi-remaining')).toBe('1');
    expect(Number(ok.headers.get('x-aircallapi-reset'))).toBe((Math.floor(clock.now().getTime() / 60_000) + 1) * 60);
    await get('/v1/ping');
    const limited = await get('/v1/ping');
    expect(limited).toMatchObject({ status: 429, body: { error: 'Too Many Requests' } });
    expect(limited.headers.get('x-aircallapi-remaining')).toBe('0');
    expect(limited.headers.get('retry-after')).toBeNull();
  });

  it('shows one call, with its expiring recording link, and 404s an unknown one', async () => {
    const { get, sim } = await setup();
    const call = sim.calls().find((c) => c.recording)!;
    const shown = await get(`/v1/calls/${call.id}`);
    expect(shown).toMatchObject({ status: 200, body: { call: { id: call.id, recording: expect.stringContaining('X-Amz-Expires=') } } });
    expect(await get('/v1/calls/1')).toMatchObject({ status: 404, body: { error: 'Not found' } });
  });

  it('moves calls on after creation: answered, ended, tagged and commented, creation time unchanged', async () => {
    const { sim, clock } = await setup();
    const call = sim.createCall('initial');
    clock.advance(30_000);
    expect(sim.advanceCall(call.id, 'answered')).toMatchObject({ status: 'answered', user: expect.any(Object), started_at: call.started_at });
    clock.advance(120_000);
    const ended = sim.advanceCall(call.id, 'done');
    expect(ended).toMatchObject({ status: 'done', ended_at: call.started_at + 150, duration: 150, missed_call_reason: null });
    expect(sim.tagCall(call.id, { id: 1, name: 'vip' }).tags).toEqual([expect.objectContaining({ name: 'vip' })]);
    expect(sim.commentCall(call.id).comments).toHaveLength(1);
  });
});

describe('Aircall simulator, live', () => {
  it('keeps calls ringing, being answered, ending and being tagged, the same way for the same seed', async () => {
    const run = async () => {
      const clock = new ManualClock('2025-03-10T12:00:00Z');
      const sim = new AircallSimulator({ clock, calls: 10, seed: 3, rateLimit: null, live: { epoch: clock.now(), everyMs: 10_000, seed: 3 } });
      clock.advance(3_600_000);
      return sim.calls();
    };
    const calls = await run();
    expect(calls.length).toBeGreaterThan(10);
    const statuses = new Set(calls.slice(10).map((c) => c.status));
    expect(statuses.has('done')).toBe(true);
    expect(calls.some((c) => c.tags.some((t) => t.created_at > (c.ended_at ?? Infinity)))).toBe(true);
    expect((await run()).map((c) => `${c.id}:${c.status}:${c.tags.length}:${c.comments.length}`)).toEqual(calls.map((c) => `${c.id}:${c.status}:${c.tags.length}:${c.comments.length}`));
  });
});
