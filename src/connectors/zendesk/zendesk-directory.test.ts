import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import { InMemoryRateBudgets } from '../rate-budget.js';
import { SourceHttpClient } from '../source-http-client.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import { createZendeskConnector } from './zendesk.connector.js';
import { zendeskPlatform } from './zendesk.platform.js';
import { SEED_CUSTOM_FIELDS } from './zendesk-seed.js';
import { ZendeskSimulator } from './zendesk.simulator.js';

const simulators: ZendeskSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new ZendeskSimulator({ clock, tickets: 200, rateLimit: null });
  simulators.push(sim);
  const url = await sim.start();
  const http = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy([new URL(url).host]), backoffBaseMs: 1 });
  const connector = createZendeskConnector({ connection: { subdomain: sim.subdomain, baseUrl: url }, credentials: sim.apiTokenCredentials(), http, clock });
  return { sim, connector, url };
}

describe('Zendesk directory: agents and custom fields by name', () => {
  it('declares the directory capability', () => {
    expect(zendeskPlatform.capabilities.directory).toBe(true);
  });

  it('lists the agents and admins tickets are assigned to, by name with their email, and no end users', async () => {
    const { connector, sim } = await setup();
    const agents = await connector.listAgents!();
    expect(agents).toContainEqual({ id: '360011', name: 'Ann Lee', detail: 'ann.lee@acme.example' });
    expect(agents).toContainEqual({ id: '1001', name: 'admin', detail: 'admin@acme.example' });
    expect(agents.map((a) => a.name)).not.toContain('Pat Customer');
    // Every assignee on the tickets is someone the directory names.
    const assignees = new Set(sim.tickets().flatMap((t) => (t.assignee_id ? [String(t.assignee_id)] : [])));
    expect(assignees.size).toBeGreaterThan(5);
    for (const id of assignees) expect(agents.map((a) => a.id)).toContain(id);
  });

  it('follows cursor pages (page[size]=100, has_more, page[after]) to the last agent', async () => {
    const { connector, sim } = await setup();
    for (let i = 0; i < 230; i += 1) sim.directory.addPerson({ id: 500_000 + i, name: `Temp Agent ${i}`, email: `temp${i}@acme.example` });
    const before = sim.stats.requests;
    const agents = await connector.listAgents!();
    expect(agents).toHaveLength(1 + 12 + 230);
    expect(new Set(agents.map((a) => a.id)).size).toBe(agents.length);
    expect(sim.stats.requests - before).toBe(3);
  });

  it('leaves out deleted agents, and follows a rename', async () => {
    const { connector, sim } = await setup();
    sim.directory.renamePerson(360011, 'Ann Smith');
    sim.directory.deletePerson(360012);
    const agents = await connector.listAgents!();
    expect(agents.find((a) => a.id === '360011')?.name).toBe('Ann Smith');
    expect(agents.find((a) => a.id === '360012')).toBeUndefined();
  });

  it('lists the custom ticket fields (not the system ones): the id tickets carry → the title', async () => {
    const { connector, sim } = await setup();
    const fields = await connector.listCustomFields!();
    expect(fields).toEqual([
      { id: String(SEED_CUSTOM_FIELDS.plan), name: 'Plan', detail: 'tagger' },
      { id: String(SEED_CUSTOM_FIELDS.region), name: 'Region', detail: 'tagger' },
      { id: String(SEED_CUSTOM_FIELDS.escalated), name: 'Escalated', detail: 'checkbox' },
    ]);
    const carried = new Set(sim.tickets().flatMap((t) => (t.custom_fields ?? []).map((f) => String(f.id))));
    expect([...carried].sort()).toEqual(fields.map((f) => f.id).sort());
    sim.directory.deleteField(SEED_CUSTOM_FIELDS.region);
    expect((await connector.listCustomFields!()).map((f) => f.name)).toEqual(['Plan', 'Escalated']);
  });

  it('answers the endpoints as Zendesk documents them: cursor meta with page[size], offset pages without, role filters', async () => {
    const { url, sim } = await setup();
    const auth = `Basic ${Buffer.from(`${sim.admin.email}/token:${sim.admin.token}`).toString('base64')}`;
    const get = async (path: string) => (await fetch(`${url}${path}`, { headers: { authorization: auth } })).json() as Promise<Record<string, unknown>>;
    const cursor = await get('/api/v2/users.json?role[]=agent&role[]=admin&page[size]=5');
    expect(cursor).toMatchObject({ meta: { has_more: true, after_cursor: expect.any(String) }, links: { next: expect.stringContaining('page%5Bafter%5D=') } });
    expect((cursor.users as unknown[]).length).toBe(5);
    const offset = await get('/api/v2/users.json?role=end-user');
    expect(offset).toMatchObject({ count: 2, next_page: null });
    const unauthenticated = await fetch(`${url}/api/v2/ticket_fields.json`);
    expect(unauthenticated.status).toBe(401);
    const badCursor = await fetch(`${url}/api/v2/users.json?page[size]=5&page[after]=nonsense`, { headers: { authorization: auth } });
    expect(badCursor.status).toBe(400);
  });
});
