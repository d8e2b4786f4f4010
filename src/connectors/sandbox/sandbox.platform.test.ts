import { describe, expect, it } from 'vitest';
import { systemClock } from '../../core/system-clock.js';
import { InMemoryRateBudgets } from '../rate-budget.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import { SourceHttpClient } from '../source-http-client.js';
import { createSandboxPlatform } from './sandbox.platform.js';

describe('sandboxes kept running in one process', () => {
  it('are capped: the least recently used stops, and is rebuilt when read again', async () => {
    const platform = createSandboxPlatform();
    const http = new SourceHttpClient({ clock: systemClock, budgets: new InMemoryRateBudgets(systemClock), hostPolicy: new SourceHostPolicy([]) });
    const epoch = new Date().toISOString();
    const verify = (seed: number) => platform.createConnector({ connection: { epoch, seed }, credentials: {}, http, clock: systemClock }).verifyCredentials();
    try {
      for (let seed = 1; seed <= 12; seed += 1) await verify(seed);
      expect(platform.running()).toBe(8);
      // Seed 1 was stopped long ago; reading it again starts it anew.
      await expect(verify(1)).resolves.toMatchObject({ sourceAccount: 'sandbox' });
      expect(platform.running()).toBe(8);
    } finally {
      await platform.close();
    }
  });
});

describe('the sandbox directory', () => {
  it("offers the simulated help desk's agents and custom fields by name, as the Zendesk connector reads them", async () => {
    const platform = createSandboxPlatform();
    const http = new SourceHttpClient({ clock: systemClock, budgets: new InMemoryRateBudgets(systemClock), hostPolicy: new SourceHostPolicy([]) });
    try {
      expect(platform.capabilities.directory).toBe(true);
      const connector = platform.createConnector({ connection: { epoch: new Date().toISOString(), seed: 3 }, credentials: {}, http, clock: systemClock });
      expect(await connector.listAgents!()).toContainEqual(expect.objectContaining({ id: '360011', name: 'Ann Lee' }));
      expect((await connector.listCustomFields!()).map((f) => f.name)).toEqual(['Plan', 'Region', 'Escalated']);
    } finally {
      await platform.close();
    }
  });
});
