import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import type { Caller } from '../../src/accounts/caller.js';
import { buildApp, type App } from '../../src/api/build-app.js';
import { FreshdeskSimulator } from '../../src/connectors/freshdesk/freshdesk.simulator.js';
import { IntercomSimulator } from '../../src/connectors/intercom/intercom.simulator.js';
import { SEED_CUSTOM_FIELDS } from '../../src/connectors/zendesk/zendesk-seed.js';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import { ROLE_PERMISSIONS, type Permission } from '../../src/core/permissions.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { runIntegration } from '../../src/services/run-integration.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

/** What each platform's simulator seeds: an agent and a custom field to name, and how contacts carry them. */
interface Source {
  platform: string;
  connection: Record<string, unknown>;
  credentials: Record<string, unknown>;
  agent: { id: string; name: string };
  /** The name a filter uses, the key contacts carry, and a value to match. */
  field: { name: string; key: string; value: string };
  stop(): Promise<void>;
}

async function zendesk(clock: ManualClock): Promise<Source & { sim: ZendeskSimulator }> {
  const sim = new ZendeskSimulator({ clock, tickets: 120, rateLimit: null, spanDays: 20 });
  const url = await sim.start();
  return { sim, platform: 'zendesk', connection: { subdomain: sim.subdomain, baseUrl: url }, credentials: sim.apiTokenCredentials(), agent: { id: '360011', name: 'Ann Lee' }, field: { name: 'Plan', key: String(SEED_CUSTOM_FIELDS.plan), value: 'gold' }, stop: () => sim.stop() };
}

async function freshdesk(clock: ManualClock): Promise<Source> {
  const sim = new FreshdeskSimulator({ clock, tickets: 150, rateLimit: null, spanDays: 20 });
  const url = await sim.start();
  return { platform: 'freshdesk', connection: { domain: sim.domain, baseUrl: url }, credentials: sim.credentials(), agent: { id: '67000011', name: 'Ann Lee' }, field: { name: 'Plan', key: 'cf_plan', value: 'gold' }, stop: () => sim.stop() };
}

async function intercom(clock: ManualClock): Promise<Source> {
  const sim = new IntercomSimulator({ clock, conversations: 150, rateLimit: null, spanDays: 20 });
  const url = await sim.start();
  return {
    platform: 'intercom',
    connection: { region: sim.region, workspaceId: sim.workspaceId, baseUrl: url },
    credentials: { accessToken: sim.accessToken },
    agent: { id: '991267401', name: 'Ann Lee' },
    // Intercom's attribute names are what admins see: the filter names it in other letter case.
    field: { name: 'customer TIER', key: 'Customer tier', value: 'Gold' },
    stop: () => sim.stop(),
  };
}

describe.each(DIALECTS)('agents and custom fields by name, on %s', (dialect) => {
  let database: TestDatabase;
  let services: TestServices;
  let app: App;
  let clock: ManualClock;
  let workspaceId: string;
  const tokens: Record<'all' | 'manage' | 'view' | 'none', string> = { all: '', manage: '', view: '', none: '' };
  const sources: Source[] = [];

  beforeAll(async () => {
    clock = new ManualClock('2025-03-10T12:00:00Z');
    database = await createTestDatabase(dialect);
    services = createTestServices(database, { clock });
    app = await buildApp({ services, launcher: new Scheduler(services, { maxConcurrent: 1 }), publicUrl: 'http://intake.test', loginAttemptsPerMinute: 1000 });
    workspaceId = (await insertWorkspace(services.db, { name: 'Acme', featureFlags: { integrations: true }, now: clock.now() })).id;
    const caller: Caller = { kind: 'user', workspaceId, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'admin@acme.example' };
    const token = async (permissions: Permission[]) => (await createApiToken(services, caller, { name: permissions.join('+') || 'none', permissions })).token;
    tokens.all = await token(['manage_integrations', 'view_contacts', 'manage_workspace']);
    tokens.manage = await token(['manage_integrations']);
    tokens.view = await token(['view_contacts']);
    tokens.none = await token(['manage_workspace']);
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.stop()));
    await app.close();
    await services.close();
    await database.destroy();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, token = tokens.all) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  /** Adds an integration filtering by the agent's and the custom field's names, imports, and returns what was decided. */
  async function importByName(source: Source, name: string) {
    sources.push(source);
    const added = await call('POST', '/api/v1/integrations', {
      platform: source.platform,
      name,
      connection: source.connection,
      credentials: source.credentials,
      settings: {
        startDate: '2025-01-01',
        statusCriteria: ['open', 'pending', 'solved', 'closed'],
        filters: [
          { field: 'agent', operator: 'is', value: source.agent.name },
          { field: `custom_field.${source.field.name}`, operator: 'is', value: source.field.value },
        ],
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    const integration = added.json();
    const run = await runIntegration(services, integration.id, { kind: 'manual' });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const contacts = (await call('GET', `/api/v1/contacts?integrationId=${integration.id}&limit=200`)).json().contacts as Array<{ agent: string | null; customFields: Record<string, unknown> }>;
    const excluded = (await call('GET', `/api/v1/runs/${run.id}/decisions?outcome=excluded&reason=filter&limit=500`)).json().decisions as Array<{ evidence: { expected: string; actual: unknown; conditionIndex: number } }>;
    return { integration, contacts, excluded };
  }

  /** Every imported contact has the named agent and field value; every filter exclusion failed one of them, quoted by name. */
  function expectFilteredByName(source: Source, result: Awaited<ReturnType<typeof importByName>>) {
    expect(result.integration.settings.filters).toEqual([
      { field: 'agent', operator: 'is', value: source.agent.id, valueLabels: [source.agent.name] },
      { field: `custom_field.${source.field.key}`, operator: 'is', value: source.field.value, label: expect.any(String) },
    ]);
    expect(result.contacts.length).toBeGreaterThan(0);
    for (const contact of result.contacts) {
      expect(contact.agent).toBe(source.agent.id);
      expect(String(contact.customFields[source.field.key]).toLowerCase()).toBe(source.field.value.toLowerCase());
    }
    const byAgent = result.excluded.filter((d) => d.evidence.conditionIndex === 0);
    const byField = result.excluded.filter((d) => d.evidence.conditionIndex === 1);
    expect(byAgent.length).toBeGreaterThan(0);
    expect(byField.length).toBeGreaterThan(0);
    for (const decision of byAgent) {
      expect(decision.evidence.actual).not.toBe(source.agent.id);
      expect(decision.evidence.expected).toBe(`agent is ${source.agent.name} (${source.agent.id})`);
    }
    for (const decision of byField) expect(String(decision.evidence.actual).toLowerCase()).not.toBe(source.field.value.toLowerCase());
  }

  it('Zendesk: imports only the named agent and custom field value, saving their ids', async () => {
    const source = await zendesk(clock);
    const result = await importByName(source, 'Zendesk by name');
    expectFilteredByName(source, result);
    expect(result.integration.settings.filters[1].label).toBe('Plan');
    expect(result.excluded[0]!.evidence).toBeDefined();
  });

  it('Freshdesk: imports only the named agent and custom field value, saving their ids', async () => {
    const source = await freshdesk(clock);
    expectFilteredByName(source, await importByName(source, 'Freshdesk by name'));
  });

  it('Intercom: imports only the named admin and custom attribute value, saving their ids', async () => {
    const source = await intercom(clock);
    expectFilteredByName(source, await importByName(source, 'Intercom by name'));
  });

  it("finds imported contacts by the agent's name (each integration's own id for it, any case) or by the id, for a contact viewer", async () => {
    const search = async (agent: string) =>
      (await call('GET', `/api/v1/contacts?agent=${encodeURIComponent(agent)}&limit=200`, undefined, tokens.view)).json().contacts as Array<{ agent: string; platform: string }>;
    const byName = await search('ann LEE');
    // The three integrations above imported only Ann Lee's conversations, each under its platform's id for her.
    expect(new Set(byName.map((c) => `${c.platform}:${c.agent}`))).toEqual(new Set(['zendesk:360011', 'freshdesk:67000011', 'intercom:991267401']));
    const byId = await search('67000011');
    expect(byId.length).toBeGreaterThan(0);
    expect(byId.every((c) => c.platform === 'freshdesk')).toBe(true);
    expect(await search('Bo Chen')).toEqual([]);
    expect(await search('Nobody At All')).toEqual([]);
  });

  describe('on Zendesk', () => {
    let source: Source & { sim: ZendeskSimulator };
    let id: string;
    beforeAll(async () => {
      source = await zendesk(clock);
      sources.push(source);
      const added = await call('POST', '/api/v1/integrations', { platform: 'zendesk', name: 'Zendesk names', connection: source.connection, credentials: source.credentials, settings: { startDate: '2025-01-01' } });
      expect(added.statusCode, added.body).toBe(201);
      id = added.json().id;
    });

    it('refuses an unknown name with a 400 naming the condition and close matches, and a shared name naming both ids', async () => {
      const unknown = await call('PATCH', `/api/v1/integrations/${id}`, { settings: { filters: [{ field: 'tag', operator: 'contains', value: 'vip' }, { field: 'agent', operator: 'is', value: 'Ann Le' }] } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.details).toEqual([
        { path: 'settings.filters.1.value', message: 'agent is "Ann Le": Zendesk lists no agent called "Ann Le"; close matches: Ann Lee (360011). Use the name as Zendesk shows it, or the id' },
      ]);
      const field = await call('PATCH', `/api/v1/integrations/${id}`, { settings: { filters: [{ field: 'custom_field.Regoin', operator: 'exists' }] } });
      expect(field.json().error.details[0]).toMatchObject({ path: 'settings.filters.0.field', message: expect.stringContaining('close matches: Region (360002)') });
      source.sim.directory.addPerson({ id: 360099, name: 'Ann Lee', email: 'ann.lee2@acme.example' });
      expect((await call('POST', `/api/v1/integrations/${id}/directory/refresh`)).statusCode).toBe(200);
      const shared = await call('PATCH', `/api/v1/integrations/${id}`, { settings: { filters: [{ field: 'agent', operator: 'is_one_of', value: ['Bo Chen', 'ann lee'] }] } });
      expect(shared.statusCode).toBe(400);
      expect(shared.json().error.details[0].message).toContain('"ann lee" is the name of 2 agents in Zendesk: 360011 (ann.lee@acme.example) and 360099 (ann.lee2@acme.example); give the id of the one you mean');
      // The id settles it.
      const byId = await call('PATCH', `/api/v1/integrations/${id}`, { settings: { filters: [{ field: 'agent', operator: 'is_one_of', value: ['Bo Chen', '360011'] }] } });
      expect(byId.statusCode, byId.body).toBe(200);
      expect(byId.json().settings.filters).toEqual([{ field: 'agent', operator: 'is_one_of', value: ['360012', '360011'], valueLabels: ['Bo Chen', 'Ann Lee'] }]);
    });

    it('keeps the filter working after the agent is renamed at the source', async () => {
      const saved = await call('PATCH', `/api/v1/integrations/${id}`, { settings: { filters: [{ field: 'agent', operator: 'is', value: 'Carla Díaz' }] } });
      expect(saved.json().settings.filters[0]).toMatchObject({ value: '360013' });
      source.sim.directory.renamePerson(360013, 'Carla Ruiz');
      const refreshed = await call('POST', `/api/v1/integrations/${id}/directory/refresh`);
      expect(refreshed.statusCode, refreshed.body).toBe(200);
      expect(refreshed.json().agents).toContainEqual(expect.objectContaining({ id: '360013', name: 'Carla Ruiz', goneAt: null }));
      const ticket = source.sim.createTicket({ status: 'solved', assignee_id: 360013, created_at: '2025-03-09T10:00:00Z' });
      clock.advance(61_000);
      await runIntegration(services, id, { kind: 'manual' });
      const found = (await call('GET', `/api/v1/contacts?sourceRef=${ticket.id}&integrationId=${id}`)).json().contacts;
      expect(found).toHaveLength(1);
      expect(found[0].agent).toBe('360013');
      // Sending the condition back under the new name is the same condition.
      const again = await call('PATCH', `/api/v1/integrations/${id}`, { settings: { filters: [{ field: 'agent', operator: 'is', value: 'Carla Ruiz' }] } });
      expect(again.json().settings.filters).toEqual(saved.json().settings.filters);
    });

    it('flags a filter on a custom field Zendesk no longer lists, on the integration and in the list', async () => {
      const saved = await call('PATCH', `/api/v1/integrations/${id}`, { settings: { filters: [{ field: 'custom_field.Plan', operator: 'is', value: 'gold' }] } });
      expect(saved.json().settingsProblems).toEqual([]);
      source.sim.directory.deleteField(SEED_CUSTOM_FIELDS.plan);
      await call('POST', `/api/v1/integrations/${id}/directory/refresh`);
      const integration = (await call('GET', `/api/v1/integrations/${id}`)).json();
      expect(integration.settingsProblems).toEqual([
        {
          kind: 'custom_field_gone',
          conditionIndex: 0,
          id: String(SEED_CUSTOM_FIELDS.plan),
          since: clock.now().toISOString(),
          message: `Filter condition 1 (custom_field.Plan (${SEED_CUSTOM_FIELDS.plan}) is "gold") uses a custom field Zendesk no longer lists (gone since ${clock.now().toISOString().slice(0, 10)}): contacts no longer carry it, so the condition no longer filters as intended. Edit or remove it in Settings.`,
        },
      ]);
      const listed = (await call('GET', '/api/v1/integrations')).json().integrations.find((i: { id: string }) => i.id === id);
      expect(listed.settingsProblems).toHaveLength(1);
      // Removing the condition clears it.
      const cleared = await call('PATCH', `/api/v1/integrations/${id}`, { settings: { filters: [] } });
      expect(cleared.json().settingsProblems).toEqual([]);
    });

    it('shows agents to contact viewers and custom fields only to those who manage integrations', async () => {
      const viewer = (await call('GET', `/api/v1/integrations/${id}/directory`, undefined, tokens.view)).json();
      expect(viewer.agents).toContainEqual(expect.objectContaining({ id: '360011', name: 'Ann Lee', detail: 'ann.lee@acme.example' }));
      expect(viewer.customFields).toBeNull();
      const manager = (await call('GET', `/api/v1/integrations/${id}/directory`, undefined, tokens.manage)).json();
      expect(manager.customFields.map((f: { name: string }) => f.name)).toContain('Region');
      expect(manager).toMatchObject({ supported: true, platformName: 'Zendesk', refreshedAt: expect.any(String), error: null });
      const none = await call('GET', `/api/v1/integrations/${id}/directory`, undefined, tokens.none);
      expect(none.statusCode).toBe(403);
      expect(none.json().error.message).toMatch(/needs the Manage Integrations or the View Imported Contacts permission/);
      expect((await call('POST', `/api/v1/integrations/${id}/directory/refresh`, undefined, tokens.view)).statusCode).toBe(403);
    });

    it('refreshes the directory after a successful scheduled run once a day, not on every run', async () => {
      const scheduler = new Scheduler(services, { maxConcurrent: 1 });
      const listRequests = () => source.sim.stats.requests;
      await services.db.deleteFrom('directory_refreshes').where('integration_id', '=', id).execute();
      await services.db.updateTable('integrations').set({ next_run_at: clock.now().toISOString() }).execute();
      await services.db.updateTable('integrations').set({ next_run_at: null }).where('id', '!=', id).execute();
      let before = listRequests();
      await scheduler.runOnce();
      const first = (await call('GET', `/api/v1/integrations/${id}/directory`)).json();
      expect(first.refreshedAt).toBe(clock.now().toISOString());
      expect(listRequests() - before).toBeGreaterThan(1);
      clock.advance(60 * 60_000);
      await services.db.updateTable('integrations').set({ next_run_at: clock.now().toISOString() }).where('id', '=', id).execute();
      before = listRequests();
      await scheduler.runOnce();
      // The run read the export only: the directory is less than a day old.
      expect(listRequests() - before).toBe(1);
      clock.advance(24 * 60 * 60_000);
      await services.db.updateTable('integrations').set({ next_run_at: clock.now().toISOString() }).where('id', '=', id).execute();
      await scheduler.runOnce();
      expect((await call('GET', `/api/v1/integrations/${id}/directory`)).json().refreshedAt).toBe(clock.now().toISOString());
      await scheduler.stop();
    });

    it('names the agent in the diagnosis of a ticket a filter on the agent excluded', async () => {
      await call('PATCH', `/api/v1/integrations/${id}`, { settings: { filters: [{ field: 'agent', operator: 'is', value: '360011' }] } });
      const ticket = source.sim.createTicket({ status: 'solved', assignee_id: 360014, created_at: '2025-03-09T11:00:00Z' });
      clock.advance(61_000);
      await runIntegration(services, id, { kind: 'manual' });
      const answer = (await call('GET', `/api/v1/diagnoses?sourceRef=${ticket.id}&integrationId=${id}`)).json();
      const diagnosis = answer.diagnoses[0];
      expect(diagnosis.cause).toBe('excluded_by_filter');
      expect(diagnosis.verdict).toContain('by the filter `agent is Ann Lee (360011)` (it had agent David Okafor (360014))');
      const step = diagnosis.steps.find((s: { key: string }) => s.key === 'eligibility');
      expect(step.summary).toContain('expected agent is Ann Lee (360011), was agent David Okafor (360014)');
      // A contact viewer sees the value, not which field the rule checked.
      const viewer = (await call('GET', `/api/v1/diagnoses?sourceRef=${ticket.id}&integrationId=${id}`, undefined, tokens.view)).json().diagnoses[0];
      const viewerStep = viewer.steps.find((s: { key: string }) => s.key === 'eligibility');
      expect(viewerStep.summary).toContain('was "360014"');
      expect(JSON.stringify(viewer)).not.toContain('Ann Lee');
    });
  });
});
