import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/manual-clock.js';
import { InMemoryRateBudgets } from './rate-budget.js';
import { SourceHttpClient, type SourceResponse, type SourceWait } from './source-http-client.js';
import { SourceHostPolicy } from './source-host-policy.js';
import { zendeskProfile } from './zendesk/zendesk-profile.js';
import { ZendeskSimulator } from './zendesk/zendesk.simulator.js';

const sims: ZendeskSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function setup(options: { timeoutMs?: number; maxAttempts?: number } = {}) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new ZendeskSimulator({ clock, tickets: 10, rateLimit: null });
  sims.push(sim);
  const url = await sim.start();
  const client = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy(['127.0.0.1']), backoffBaseMs: 1, ...options });
  const { email, token } = sim.apiTokenCredentials();
  const get = (): Promise<SourceResponse> =>
    client.request(zendeskProfile('acme', 'api_token'), {
      url: new URL(`/api/v2/incremental/tickets/cursor.json?start_time=0`, url),
      headers: { authorization: `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}` },
      budgetKey: 'test',
    });
  return { sim, get, clock, url };
}

describe('the shared source client', () => {
  it('says while it waits to retry a server error, until when and why, and when the wait is over', async () => {
    const { sim, clock, url } = await setup();
    const waits: Array<SourceWait | null> = [];
    const client = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy(['127.0.0.1']), backoffBaseMs: 4000, random: () => 1, observer: { onWait: (w) => waits.push(w) } });
    sim.injectFault({ kind: 'server_error', status: 503, count: 1 });
    const { email, token } = sim.apiTokenCredentials();
    const response = await client.request(zendeskProfile('acme', 'api_token'), {
      url: new URL(`/api/v2/incremental/tickets/cursor.json?start_time=0`, url),
      headers: { authorization: `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}` },
      budgetKey: 'test',
    });
    expect(response.status).toBe(200);
    expect(waits).toEqual([
      { kind: 'backoff', since: new Date('2025-03-10T12:00:00Z'), until: new Date('2025-03-10T12:00:04Z'), reason: 'Zendesk had a server error (503) — retry 1 of 3 at 12:00:04 UTC' },
      null,
    ]);
  });

  it("shows a connector's own wait (a report being prepared) like its own, and skips one too short to notice", async () => {
    const clock = new ManualClock('2025-03-10T12:00:00Z');
    const waits: Array<SourceWait | null> = [];
    const client = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy([]), observer: { onWait: (w) => waits.push(w) } });
    await client.pause({ kind: 'report', until: new Date('2025-03-10T12:02:00Z'), reason: 'Genesys prepares the report — asked again at 12:02:00 UTC' });
    expect(clock.now().toISOString()).toBe('2025-03-10T12:02:00.000Z');
    expect(waits).toEqual([{ kind: 'report', since: new Date('2025-03-10T12:00:00Z'), until: new Date('2025-03-10T12:02:00Z'), reason: 'Genesys prepares the report — asked again at 12:02:00 UTC' }, null]);
    await client.pause({ kind: 'report', until: new Date('2025-03-10T12:02:00.100Z'), reason: 'a moment' });
    expect(waits).toHaveLength(2);
  });

  it('retries a 5xx burst with backoff and then succeeds', async () => {
    const { sim, get } = await setup();
    sim.injectFault({ kind: 'server_error', status: 503, count: 2 });
    const response = await get();
    expect(response.status).toBe(200);
    expect(sim.stats.byStatus).toMatchObject({ 503: 2, 200: 1 });
  });

  it('gives up after the bounded attempts with a transient source_error', async () => {
    const { sim, get } = await setup({ maxAttempts: 3 });
    sim.injectFault({ kind: 'server_error', status: 500 });
    await expect(get()).rejects.toMatchObject({ category: 'source_error', transient: true, detail: { status: 500 } });
    expect(sim.stats.byStatus[500]).toBe(3);
  });

  it('retries a connection reset mid-body', async () => {
    const { sim, get } = await setup();
    sim.injectFault({ kind: 'reset_mid_body', count: 1 });
    expect((await get()).status).toBe(200);
  });

  it('classifies a response slower than the timeout as unreachable', async () => {
    const { sim, get } = await setup({ timeoutMs: 100, maxAttempts: 2 });
    sim.injectFault({ kind: 'slow', delayMs: 400 });
    await expect(get()).rejects.toMatchObject({ category: 'unreachable', detail: { network: 'timeout' } });
  });

  it('classifies a refused connection as unreachable', async () => {
    const clock = new ManualClock();
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    const client = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy(['127.0.0.1']), backoffBaseMs: 1, maxAttempts: 2 });
    await expect(client.request(zendeskProfile('acme', 'api_token'), { url: new URL(`http://127.0.0.1:${port}/x`), budgetKey: 'k' })).rejects.toMatchObject({
      category: 'unreachable',
      message: expect.stringContaining('connection refused'),
    });
  });

  it.each([
    ['html_page', /HTML page instead of JSON/],
    ['malformed_json', /not valid JSON/],
    ['truncated_json', /not valid JSON/],
  ] as const)('calls a %s answer api_changed', async (kind, message) => {
    const { sim, get } = await setup();
    sim.injectFault({ kind, count: 1 });
    await expect(get()).rejects.toMatchObject({ category: 'api_changed', transient: false, message: expect.stringMatching(message) });
  });

  it('names an unknown account not_found', async () => {
    const { sim, get } = await setup();
    sim.injectFault({ kind: 'unknown_account' });
    await expect(get()).rejects.toMatchObject({ category: 'not_found', message: expect.stringContaining('"acme" was not found') });
  });
});
