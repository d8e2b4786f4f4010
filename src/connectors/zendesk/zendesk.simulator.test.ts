import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import { ZendeskSimulator } from './zendesk.simulator.js';

const running: ZendeskSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start() {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new ZendeskSimulator({
    clock,
    tickets: 20,
    rateLimit: null,
    users: [
      { id: 1001, email: 'admin@acme.example', role: 'admin', token: 'admin-token' },
      { id: 1002, email: 'second@acme.example', role: 'admin', token: 'second-token' },
    ],
  });
  running.push(sim);
  const url = await sim.start();
  const call = async (method: string, path: string, body?: unknown, token = 'admin-token') => {
    const headers: Record<string, string> = { authorization: `Basic ${Buffer.from(`admin@acme.example/token:${token}`).toString('base64')}` };
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(`${url}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
  };
  const exportPage = () => call('GET', `/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(clock.now().getTime() / 1000) - 90 * 86_400}`);
  return { sim, clock, call, exportPage };
}

describe('Zendesk simulator: its control routes under /_simulator/', () => {
  it('says its state: the subdomain, how many tickets, the stats, the faults waiting and its time', async () => {
    const { call, exportPage } = await start();
    await exportPage();
    const state = await call('GET', '/_simulator/state');
    expect(state.status).toBe(200);
    expect(state.body).toEqual({ subdomain: 'acme', tickets: 20, stats: { requests: 2, exportRequests: 1, throttled: 0, byStatus: { 200: 1 } }, faults: [], now: '2025-03-10T12:00:00.000Z' });
  });

  it('changes tickets on POST mutate, and answers the ids it touched', async () => {
    const { sim, call } = await start();
    const mutated = await call('POST', '/_simulator/mutate', { creates: 2, updates: 1 });
    expect(mutated.status).toBe(200);
    expect(mutated.body.touched).toHaveLength(3);
    expect(sim.store.size).toBe(22);
  });

  it('injects a fault for the export by default (or for every call with scope all) and clears them on DELETE', async () => {
    const { call, exportPage } = await start();
    const injected = await call('POST', '/_simulator/faults', { kind: 'server_error', status: 502, count: 1 });
    expect(injected.body).toEqual({ faults: [{ fault: { kind: 'server_error', status: 502, count: 1 }, scope: 'export', remaining: 1 }] });
    expect((await call('GET', '/api/v2/tickets/1.json')).status).toBe(200);
    expect(await exportPage()).toMatchObject({ status: 502, body: { error: 'ServiceUnavailable' } });
    expect((await exportPage()).status).toBe(200);

    await call('POST', '/_simulator/faults', { kind: 'html_page', scope: 'all' });
    expect((await call('GET', '/api/v2/tickets/1.json')).text).toContain('Zendesk is under maintenance');
    expect(await call('DELETE', '/_simulator/faults')).toMatchObject({ status: 200, body: { faults: [] } });
    expect((await call('GET', '/api/v2/tickets/1.json')).status).toBe(200);
  });

  it('revokes one token named in the body, or every one', async () => {
    const { call } = await start();
    expect(await call('POST', '/_simulator/revoke', { token: 'second-token' })).toMatchObject({ status: 200, body: { revoked: true } });
    expect((await call('GET', '/api/v2/users/me.json')).status).toBe(200);
    await call('POST', '/_simulator/revoke');
    expect((await call('GET', '/api/v2/users/me.json')).status).toBe(401);
  });

  it('refuses a body that is not JSON and a route it does not have', async () => {
    const { call } = await start();
    expect(await call('POST', '/_simulator/faults', '{not json')).toMatchObject({ status: 400, body: { error: 'the control body must be JSON' } });
    expect(await call('GET', '/_simulator/nothing')).toMatchObject({ status: 404, body: { error: 'unknown simulator control route' } });
  });
});
