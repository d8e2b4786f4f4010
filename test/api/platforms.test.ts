import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/manual-clock.js';
import { IntercomSimulator } from '../../src/connectors/intercom/intercom.simulator.js';
import { bootstrapWorkspace } from '../../src/services/bootstrap-workspace.js';
import { listWorkspaceIntegrations } from '../../src/services/manage-integrations.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { createTestDatabase, DIALECTS } from '../support/test-database.js';
import { createTestServices } from '../support/test-services.js';

interface PlatformAnswer {
  id: string;
  name: string;
  presentation: {
    noun: { one: string; many: string };
    mark: { letters: string; colour: string };
    summary: string;
    connectionFields: Array<Record<string, unknown>>;
    credentialVariants: Array<{ kind: string | null; label: string; fields: Array<Record<string, unknown>> }>;
    errorFixes: Record<string, string>;
  };
  capabilities: Record<string, boolean>;
  starter: { name: string } | null;
}

/** The platform seam as the web UI reads it: every platform's words, fields and capabilities, and its starter. */
describe.each(DIALECTS)('platforms and the starter integration on %s', (dialect) => {
  let h: ApiHarness;
  let intercom: IntercomSimulator;
  let intercomUrl: string;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
    intercom = new IntercomSimulator({ clock: h.clock, conversations: 5, rateLimit: null, workspaceId: 'wsp1' });
    intercomUrl = await intercom.start();
  });
  afterAll(async () => {
    await intercom?.stop();
    await h?.close();
  });

  const platforms = async (token: string) => {
    const response = await h.request({ method: 'GET', url: '/api/v1/platforms', token });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { platforms: PlatformAnswer[] }).platforms;
  };

  it('answers any signed-in caller — a contact viewer needs names, nouns and marks — with each platform as its folder declares it', async () => {
    const list = await platforms(h.a.tokens.view);
    const byId = new Map(list.map((p) => [p.id, p]));
    const registered = h.services.platforms.list();
    expect(list.map((p) => p.id)).toEqual(registered.map((p) => p.id));
    for (const definition of registered) {
      const p = byId.get(definition.id)!;
      expect(p.name).toBe(definition.displayName);
      expect(p.presentation.noun).toEqual(definition.presentation.noun);
      expect(p.presentation.mark).toEqual(definition.presentation.mark);
      expect(p.presentation.summary).toBe(definition.presentation.summary);
      expect(p.presentation.connectionFields.map((f) => f.key)).toEqual(definition.presentation.connectionFields.map((f) => f.key));
      expect(p.capabilities).toEqual({ ...definition.capabilities, uploads: definition.files !== undefined, push: definition.push !== undefined });
      expect(p.starter).toEqual(definition.starter ? { name: definition.starter.name } : null);
    }
    // Two ways to authenticate on Zendesk, each with its fields; a secret says so, and the CLI's flags stay with the CLI.
    const zendesk = byId.get('zendesk')!;
    expect(zendesk.presentation.credentialVariants.map((v) => v.kind)).toEqual(['api_token', 'oauth']);
    expect(zendesk.presentation.credentialVariants[0]!.fields).toContainEqual(expect.objectContaining({ key: 'token', kind: 'secret', required: true, advanced: false }));
    expect(zendesk.presentation.connectionFields).toContainEqual(expect.objectContaining({ key: 'baseUrl', kind: 'url', required: false, advanced: true }));
    expect(JSON.stringify(list)).not.toContain('--subdomain');
    expect(byId.get('intercom')!.presentation.noun.one).toBe('conversation');
    expect(zendesk.presentation.errorFixes.not_found).toMatch(/subdomain/);
  });

  it('offers the starter of the platform that declares one, and adds it with its own connection', async () => {
    const offered = (await platforms(h.a.tokens.manage)).filter((p) => p.starter);
    expect(offered).toHaveLength(1);
    const [starter] = offered;
    // The starter's simulator runs on the system clock, so it is added at the real time.
    h.clock.set(Date.now());
    const response = await h.request({ method: 'POST', url: '/api/v1/integrations/starter', token: h.a.tokens.manage, payload: { platform: starter!.id } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ name: starter!.starter!.name, platform: starter!.id, settings: { intervalMinutes: 1 } });
    // Named again, it conflicts like any integration would.
    const again = await h.request({ method: 'POST', url: '/api/v1/integrations/starter', token: h.a.tokens.manage, payload: { platform: starter!.id } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual([{ path: 'name', message: 'is already used by another integration' }]);
  });

  it('refuses a starter from a platform that has none, naming the platform field and the one that does', async () => {
    const response = await h.request({ method: 'POST', url: '/api/v1/integrations/starter', token: h.a.tokens.manage, payload: { platform: 'zendesk' } });
    expect(response.statusCode).toBe(400);
    const withStarter = h.services.platforms.list().find((p) => p.starter)!.id;
    expect(response.json().error.details).toEqual([{ path: 'platform', message: `"zendesk" offers no starter integration; use ${withStarter}` }]);
    const viewer = await h.request({ method: 'POST', url: '/api/v1/integrations/starter', token: h.a.tokens.view, payload: { platform: withStarter } });
    expect(viewer.statusCode).toBe(403);
  });

  it('adds an integration whose account the credentials decide (Intercom without a workspace id)', async () => {
    const response = await h.request({
      method: 'POST',
      url: '/api/v1/integrations',
      token: h.a.tokens.manage,
      payload: { platform: 'intercom', name: 'Intercom support', connection: { region: 'us', baseUrl: intercomUrl }, credentials: { accessToken: intercom.accessToken } },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ sourceAccount: 'wsp1', connection: { region: 'us', workspaceId: 'wsp1' } });
  });

  it('bootstraps a new database with the starter integration the registry offers, or none when it is turned off', async () => {
    for (const starter of [true, false]) {
      const database = await createTestDatabase(dialect);
      const clock = new ManualClock(Date.now());
      const services = createTestServices(database, { clock });
      try {
        const boot = await bootstrapWorkspace(services, { starter });
        const declared = services.platforms.list().find((p) => p.starter)!;
        const integrations = await listWorkspaceIntegrations(services, boot.workspace.id);
        if (starter) {
          expect(boot.starter).toMatchObject({ platform: declared.id, name: declared.starter!.name });
          expect(integrations.map((i) => i.platform)).toEqual([declared.id]);
          // A month back: the seeded history shows an exclusion of every kind from the first run.
          expect(integrations[0]!.settings).toMatchObject({ startDate: new Date(clock.now().getTime() - 30 * 86_400_000).toISOString().slice(0, 10), intervalMinutes: declared.starter!.intervalMinutes });
        } else {
          expect(boot.starter).toBeNull();
          expect(integrations).toEqual([]);
        }
      } finally {
        await services.close();
        await database.destroy();
      }
    }
  });
});
