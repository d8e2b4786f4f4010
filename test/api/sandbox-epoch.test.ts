import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_EPOCH_MAX_DAYS_BACK } from '../../src/connectors/sandbox/sandbox-connection.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

// The sandbox's simulator runs on the system clock, so its epoch is chosen against it here too.
const daysBack = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe.each(DIALECTS)('a sandbox with an old epoch cannot stall the service (%s)', (dialect) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
  });
  afterAll(() => h.close());

  const createSandbox = (name: string, epoch: string) =>
    h.request({ method: 'POST', url: '/api/v1/integrations', token: h.a.tokens.manage, payload: { platform: 'sandbox', name, connection: { epoch } } });

  it('refuses an epoch beyond the bound, naming connection.epoch and the allowed range', async () => {
    for (const epoch of [daysBack(60), '2000-01-01T00:00:00Z']) {
      const response = await createSandbox('Old sandbox', epoch);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details).toEqual([
        { path: 'connection.epoch', message: expect.stringMatching(/^must be at most 7 days back and not in the future: between \S+ and \S+ \(/) },
      ]);
    }
  });

  it('keeps /healthz answering while the oldest allowed sandbox is created and replays its week', async () => {
    // Over real sockets, as a load balancer polls: an in-process inject never waits on the loop.
    const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let creating = true;
    const created = fetch(`${url}/api/v1/integrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.a.tokens.manage}`, 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'sandbox', name: 'A week of sandbox', connection: { epoch: daysBack(SANDBOX_EPOCH_MAX_DAYS_BACK - 1 / 1440) } }),
    }).finally(() => (creating = false));
    const health: number[] = [];
    while (creating) health.push((await fetch(`${url}/healthz`)).status);
    delay.disable();

    expect((await created).status).toBe(201);
    // Health was asked again and again while the week was replayed, and every answer came, healthy.
    expect(health.length).toBeGreaterThan(1);
    expect(health.every((status) => status === 200)).toBe(true);
    // The issue's own bound: nothing held the event loop for a second.
    expect(delay.max / 1e6).toBeLessThan(1000);
  });
});
