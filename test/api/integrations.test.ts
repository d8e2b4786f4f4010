import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIntegration } from '../../src/services/run-integration.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

describe.each(DIALECTS)('integrations and contacts API on %s', (dialect) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
  });
  afterAll(() => h.close());

  const base = () => ({ platform: 'zendesk', connection: { subdomain: h.sim.subdomain, baseUrl: h.simUrl }, credentials: h.sim.apiTokenCredentials() });

  it('creates an integration only with valid input and working credentials', async () => {
    const token = h.a.tokens.manage;
    const invalid = await h.request({
      method: 'POST',
      url: '/api/v1/integrations',
      token,
      payload: { platform: 'zendesk', name: '', connection: { subdomain: 'Not valid!' }, credentials: { kind: 'api_token', email: 'nope', token: '' }, settings: { startDate: 'yesterday', filters: [{ field: 'tag', operator: 'contains' }] } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(
      ['connection.subdomain', 'credentials.email', 'credentials.token', 'name', 'settings.filters.0.value', 'settings.startDate'].sort(),
    );
    const unknownPlatform = await h.request({ method: 'POST', url: '/api/v1/integrations', token, payload: { ...base(), platform: 'salesforce', name: 'X' } });
    // The answer lists every registered platform, whatever the registry holds.
    const known = h.services.platforms.list().map((p) => p.id).join(', ');
    expect(unknownPlatform.json().error.details).toEqual([{ path: 'platform', message: `unknown platform "salesforce"; use one of ${known}` }]);
    const badHost = await h.request({ method: 'POST', url: '/api/v1/integrations', token, payload: { ...base(), name: 'X', connection: { subdomain: 'acme', baseUrl: 'https://evil.example.com' } } });
    expect(badHost.json().error.details[0]).toMatchObject({ path: 'connection.baseUrl', message: expect.stringContaining('intake source-hosts allow evil.example.com') });
    const rejected = await h.request({ method: 'POST', url: '/api/v1/integrations', token, payload: { ...base(), name: 'X', credentials: { kind: 'api_token', email: 'a@b.co', token: 'nope' } } });
    expect(rejected.statusCode).toBe(422);
    const taken = await h.request({ method: 'POST', url: '/api/v1/integrations', token, payload: { ...base(), name: 'Acme Support' } });
    expect(taken.statusCode).toBe(409);
    const created = await h.request({ method: 'POST', url: '/api/v1/integrations', token, payload: { ...base(), name: 'Billing queue', settings: { filters: [{ field: 'tag', operator: 'contains', value: 'billing' }], intervalMinutes: 5 } } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Billing queue',
      status: 'active',
      credentials: { set: true, sourceAccount: 'acme' },
      settings: { statusCriteria: ['solved', 'closed'], intervalMinutes: 5, startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      lastDataImportedAt: null,
    });
    expect(created.body).not.toContain('"token"');
  });

  it('updates settings, validates them, and deletes only with the name as confirmation', async () => {
    const token = h.a.tokens.manage;
    const created = (await h.request({ method: 'POST', url: '/api/v1/integrations', token, payload: { ...base(), name: 'Temporary' } })).json();
    const url = `/api/v1/integrations/${created.id}`;
    const updated = await h.request({ method: 'PATCH', url, token, payload: { name: 'Temporary 2', settings: { statusCriteria: ['open', 'solved', 'closed'], filters: [{ field: 'channel', operator: 'is_one_of', value: ['email', 'web'] }] } } });
    expect(updated.json()).toMatchObject({ name: 'Temporary 2', settings: { statusCriteria: ['open', 'solved', 'closed'], filters: [{ field: 'channel', operator: 'is_one_of', value: ['email', 'web'] }], intervalMinutes: 15 } });
    const bad = await h.request({ method: 'PATCH', url, token, payload: { settings: { intervalMinutes: 0 } } });
    expect(bad.json().error.details).toEqual([{ path: 'settings.intervalMinutes', message: 'must be at least 1 minute' }]);
    const unconfirmed = await h.request({ method: 'DELETE', url, token, payload: { confirm: 'Temporary' } });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.details).toEqual([{ path: 'confirm', message: 'must be the integration\'s name, "Temporary 2", to confirm the deletion' }]);
    expect((await h.request({ method: 'DELETE', url, token, payload: { confirm: 'Temporary 2' } })).statusCode).toBe(200);
    expect((await h.request({ method: 'GET', url, token })).statusCode).toBe(404);
  });

  it('runs now, lists runs and reads a run with counts per outcome and reason, checkpoints and decisions', async () => {
    const token = h.a.tokens.manage;
    h.sim.createTicket({ status: 'solved' });
    h.sim.createTicket({ status: 'open' });
    h.clock.advance(61_000);
    const started = await h.request({ method: 'POST', url: `/api/v1/integrations/${h.a.integration.id}/runs`, token });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ kind: 'manual', status: 'running', requestedBy: 'API token "manage_integrations"' });
    await h.scheduler.drain();
    const run = (await h.request({ method: 'GET', url: `/api/v1/runs/${started.json().id}`, token })).json();
    expect(run).toMatchObject({ status: 'succeeded', counts: { seen: 2, imported: 1, excluded: 1, reasons: { status_not_eligible: 1 } } });
    expect(run.checkpointAfter).not.toBe(run.checkpointBefore);
    const runs = (await h.request({ method: 'GET', url: `/api/v1/integrations/${h.a.integration.id}/runs?limit=5`, token })).json().runs;
    expect(runs[0].id).toBe(run.id);
    // Per-record decisions are contact data too: they need View Imported Contacts beside Manage Integrations.
    const refused = await h.request({ method: 'GET', url: `/api/v1/runs/${run.id}/decisions?outcome=excluded`, token });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('View Imported Contacts');
    const excluded = (await h.request({ method: 'GET', url: `/api/v1/runs/${run.id}/decisions?outcome=excluded`, token: h.a.tokens.all })).json();
    expect(excluded.decisions).toHaveLength(1);
    expect(excluded.decisions[0]).toMatchObject({ outcome: 'excluded', reason: 'status_not_eligible', evidence: { expected: 'status is one of solved, closed', actual: 'open' } });
  });

  it('shows the last error with its category, message and time', async () => {
    h.sim.injectFault({ kind: 'server_error', status: 503 });
    const run = await runIntegration(h.services, h.b.integration.id, { kind: 'manual' });
    h.sim.clearFaults();
    expect(run.status).toBe('partial');
    const integration = (await h.request({ method: 'GET', url: `/api/v1/integrations/${h.b.integration.id}`, token: h.b.tokens.manage })).json();
    expect(integration).toMatchObject({ status: 'warning', lastError: { category: 'source_error', message: expect.stringContaining('server error (503)'), at: h.clock.now().toISOString(), runId: run.id, detail: { status: 503 } } });
  });

  it('searches contacts by reference, integration, channel, agent, status, tag and imported date, a page at a time', async () => {
    const token = h.a.tokens.view;
    const all = (await h.request({ method: 'GET', url: '/api/v1/contacts?limit=200', token })).json().contacts as Array<{ id: string; sourceRef: string; channel: string; agent: string | null; tags: string[]; status: string; sourceStatus: string; importedAt: string }>;
    expect(all.length).toBeGreaterThan(10);
    const pages: string[] = [];
    const totals: Array<number | null> = [];
    let cursor: string | null = null;
    do {
      const page: { contacts: Array<{ id: string }>; nextCursor: string | null; total: number | null } = (await h.request({ method: 'GET', url: `/api/v1/contacts?limit=4${cursor ? `&cursor=${cursor}` : ''}`, token })).json();
      pages.push(...page.contacts.map((c) => c.id));
      totals.push(page.total);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.map((c) => c.id));
    // The first page says how many match; the pages after it do not count again.
    expect(totals[0]).toBe(all.length);
    expect(totals.slice(1).every((t) => t === null)).toBe(true);

    const one = all[3]!;
    const byRef = (await h.request({ method: 'GET', url: `/api/v1/contacts?sourceRef=${one.sourceRef}`, token })).json().contacts;
    expect(byRef.map((c: { id: string }) => c.id)).toEqual([one.id]);
    const byChannel = (await h.request({ method: 'GET', url: `/api/v1/contacts?channel=${one.channel}&limit=2`, token })).json();
    expect(byChannel.total).toBe(all.filter((c) => c.channel === one.channel).length);
    const withAgent = all.find((c) => c.agent)!;
    const byAgent = (await h.request({ method: 'GET', url: `/api/v1/contacts?agent=${withAgent.agent}&limit=200`, token })).json().contacts;
    expect(byAgent.length).toBe(all.filter((c) => c.agent === withAgent.agent).length);
    const byStatus = (await h.request({ method: 'GET', url: '/api/v1/contacts?status=closed&limit=200', token })).json().contacts;
    expect(byStatus.length).toBe(all.filter((c) => c.status === 'closed' || c.sourceStatus === 'closed').length);
    const tagged = all.find((c) => c.tags.length > 0)!;
    const byTag = (await h.request({ method: 'GET', url: `/api/v1/contacts?tag=${tagged.tags[0]}&limit=200`, token })).json().contacts;
    expect(byTag.length).toBe(all.filter((c) => c.tags.includes(tagged.tags[0]!)).length);
    const byIntegration = (await h.request({ method: 'GET', url: `/api/v1/contacts?integrationId=${h.a.integration.id}&limit=200`, token })).json().contacts;
    expect(byIntegration.length).toBe(all.length);
    const future = (await h.request({ method: 'GET', url: '/api/v1/contacts?importedFrom=2030-01-01', token })).json().contacts;
    expect(future).toEqual([]);
    const read = await h.request({ method: 'GET', url: `/api/v1/contacts/${one.id}`, token });
    // A viewer cannot list integrations, but sees which one brought the contact.
    expect(read.json()).toMatchObject({ id: one.id, sourceRef: one.sourceRef, integrationName: 'Acme Support' });
    const decisions = (await h.request({ method: 'GET', url: `/api/v1/decisions?sourceRef=${one.sourceRef}`, token })).json().decisions;
    expect(decisions.at(-1)).toMatchObject({ outcome: 'imported', contactId: one.id, integrationName: 'Acme Support' });
    expect((await h.request({ method: 'GET', url: '/api/v1/contacts?cursor=garbage', token })).json().error.details).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });
});
