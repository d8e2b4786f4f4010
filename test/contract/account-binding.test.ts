import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContractSimulator, PlatformDefinition } from '../../src/connectors/platform.js';
import { createPlatformRegistry } from '../../src/connectors/registry.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { ValidationError } from '../../src/services/service-errors.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

const registry = createPlatformRegistry();
afterAll(() => registry.close());

/** Platforms whose connection cannot name the account: the credentials decide it (Intercom's token its workspace). */
const BINDING = registry.list().filter((p) => p.bindAccount && p.contract);

describe.each(DIALECTS)('an account the credentials decide, on %s', (dialect) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
  });
  afterAll(() => h.close());

  describe.each(BINDING.map((p) => [p.id, p] as [string, PlatformDefinition]))('%s', (_id, platform) => {
    const started: ContractSimulator[] = [];
    const start = async (account?: string) => {
      const sim = await platform.contract!.start({ clock: h.clock, contacts: 8, pageSize: 5, rateLimit: null, ...(account ? { account } : {}) });
      started.push(sim);
      return sim;
    };
    afterEach(async () => {
      await Promise.all(started.splice(0).map((s) => s.stop()));
    });

    const add = (sim: ContractSimulator, name: string) =>
      h.request({ method: 'POST', url: '/api/v1/integrations', token: h.a.tokens.manage, payload: { platform: platform.id, name, connection: sim.connection, credentials: sim.credentials, settings: { startDate: '2024-01-01' } } });

    it('is added with the account its credentials prove, and a run imports under that account', async () => {
      const sim = await start();
      // The connection as an admin gives it names no account.
      expect(platform.sourceAccount(platform.connectionSchema.parse(sim.connection))).toBe('');
      const created = await add(sim, `${platform.displayName} bound`);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ credentials: { set: true, sourceAccount: sim.sourceAccount } });
      const id = created.json().id as string;

      const run = await h.request({ method: 'POST', url: `/api/v1/integrations/${id}/runs`, token: h.a.tokens.manage });
      expect(run.statusCode).toBe(202);
      await h.scheduler.drain();
      const finished = (await h.request({ method: 'GET', url: `/api/v1/runs/${run.json().id}`, token: h.a.tokens.manage })).json();
      expect(finished).toMatchObject({ status: 'succeeded', counts: { seen: sim.sourceRefs().length } });
      const contacts = (await h.request({ method: 'GET', url: `/api/v1/contacts?integrationId=${id}`, token: h.a.tokens.view })).json();
      expect(contacts.contacts.length).toBe(finished.counts.imported);
      expect(contacts.contacts.every((c: { sourceAccount: string }) => c.sourceAccount === sim.sourceAccount)).toBe(true);
    });

    it('is not saved untested when nothing else names its account', async () => {
      const sim = await start();
      const input = { platform: platform.id, name: `${platform.displayName} untested`, connection: sim.connection, credentials: sim.credentials };
      const refused = await addIntegration(h.services, h.a.workspace.id, input, 'test', { verify: false }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).details).toEqual([{ path: 'connection', message: expect.stringContaining('keep the test on, or name the account in the connection') }]);
    });

    it('refuses, on reconnect, credentials of another account: wrong_source_account, naming both', async () => {
      const sim = await start();
      const created = (await add(sim, `${platform.displayName} reconnected`)).json();
      const other = await start('other-account');
      const url = `/api/v1/integrations/${created.id}/reconnect`;
      const refused = await h.request({ method: 'POST', url, token: h.a.tokens.manage, payload: { connection: other.connection, credentials: other.credentials } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'wrong_source_account' });
      expect(refused.json().error.message).toContain(`account "${other.sourceAccount}", but this integration imports from "${sim.sourceAccount}"`);
      const after = (await h.request({ method: 'GET', url: `/api/v1/integrations/${created.id}`, token: h.a.tokens.manage })).json();
      expect(after).toMatchObject({ credentials: { sourceAccount: sim.sourceAccount }, connection: platform.bindAccount!(platform.connectionSchema.parse(sim.connection), { sourceAccount: sim.sourceAccount, principal: '' }) });

      // The same account's credentials, given without the account, are taken and stay bound to it.
      const same = await h.request({ method: 'POST', url, token: h.a.tokens.manage, payload: { connection: sim.connection, credentials: sim.credentials } });
      expect(same.statusCode).toBe(200);
      expect(same.json()).toMatchObject({ credentials: { sourceAccount: sim.sourceAccount }, connection: after.connection });
    });
  });
});
