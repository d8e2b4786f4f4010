import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import { FreshdeskSimulator } from './freshdesk.simulator.js';

const running: FreshdeskSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start() {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new FreshdeskSimulator({ clock, tickets: 20, rateLimit: null });
  const second = sim.addAgent({ name: 'Second Admin', email: 'second@acme.example', apiKey: 'second-key', ticketScope: 1, groupIds: [] });
  running.push(sim);
  const url = await sim.start();
  const call = async (method: string, path: string, body?: unknown, apiKey = sim.admin.apiKey!) => {
    const init: RequestInit = { method, headers: { authorization: `Basic ${Buffer.from(`${apiKey}:X`).toString('base64')}` } };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(`${url}${path}`, init);
    const text = await response.text();
    return { status: response.status, text, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
  };
  const list = () => call('GET', '/api/v2/tickets?updated_since=2024-01-01T00:00:00Z');
  return { sim, second, call, list };
}

describe('Freshdesk simulator: its control routes under /_simulator/', () => {
  it('says its state: the domain, how many tickets, the stats, the faults waiting and its time', async () => {
    const { call, list } = await start();
    await list();
    const state = await call('GET', '/_simulator/state');
    expect(state.status).toBe(200);
    expect(state.body).toEqual({ domain: 'acme', tickets: 20, stats: { requests: 2, listRequests: 1, throttled: 0, creditsUsed: 0, byStatus: { 200: 1 } }, faults: [], now: '2025-03-10T12:00:00.000Z' });
  });

  it('changes tickets on POST mutate, spam included, and answers the ids it touched', async () => {
    const { sim, call } = await start();
    const mutated = await call('POST', '/_simulator/mutate', { creates: 2, spam: 1 });
    expect(mutated.status).toBe(200);
    expect(mutated.body.touched).toHaveLength(3);
    expect(sim.tickets().filter((t) => t.spam).length).toBeGreaterThan(0);
  });

  it('injects a fault for the ticket list by default (or for every call with scope all) and clears them on DELETE', async () => {
    const { call, list } = await start();
    const injected = await call('POST', '/_simulator/faults', { kind: 'server_error', status: 502, count: 1 });
    expect(injected.body).toEqual({ faults: [{ fault: { kind: 'server_error', status: 502, count: 1 }, scope: 'list', remaining: 1 }] });
    expect((await call('GET', '/api/v2/tickets/1')).status).toBe(200);
    expect(await list()).toMatchObject({ status: 502, body: { code: 'internal_error' } });
    expect((await list()).status).toBe(200);

    await call('POST', '/_simulator/faults', { kind: 'html_page', scope: 'all' });
    expect((await call('GET', '/api/v2/tickets/1')).text).toContain('Freshdesk is under maintenance');
    expect(await call('DELETE', '/_simulator/faults')).toMatchObject({ status: 200, body: { faults: [] } });
    expect((await call('GET', '/api/v2/tickets/1')).status).toBe(200);
  });

  it('revokes one API key named in the body, or every one', async () => {
    const { call } = await start();
    expect(await call('POST', '/_simulator/revoke', { apiKey: 'second-key' })).toMatchObject({ status: 200, body: { revoked: true } });
    expect((await call('GET', '/api/v2/agents/me', undefined, 'second-key')).status).toBe(401);
    expect((await call('GET', '/api/v2/agents/me')).status).toBe(200);
    await call('POST', '/_simulator/revoke');
    expect((await call('GET', '/api/v2/agents/me')).status).toBe(401);
  });

  it('refuses a body that is not JSON and a route it does not have', async () => {
    const { call } = await start();
    expect(await call('POST', '/_simulator/mutate', '{not json')).toMatchObject({ status: 400, body: { error: 'the control body must be JSON' } });
    expect(await call('GET', '/_simulator/nothing')).toMatchObject({ status: 404, body: { error: 'unknown simulator control route' } });
  });
});
