import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/api/route-access.js';
import { setFeatureFlag } from '../../src/storage/workspace.repository.js';
import { createApiHarness, type ApiHarness, type Tenant } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';
import { requiredPermissions } from '../../src/api/route-access.js';
import { runIntegration } from '../../src/services/run-integration.js';

const CONTACT_MARK = 'contactmark7c1';
const RULE_MARK = 'rulemark3f9';

/**
 * Every route of the route table, called as: nobody, a token without the permission, a token with
 * it, a token of another workspace, and with the workspace's Integrations flag off. Generated from
 * the table the app builds as routes register, so a new route cannot escape it.
 */
describe.each(DIALECTS)('permission matrix on %s', (dialect) => {
  let h: ApiHarness;
  let routes: RouteEntry[];
  /** A conversation whose own data carries CONTACT_MARK, excluded by a rule that carries RULE_MARK, then imported by hand. */
  let marked: { ref: string; runId: string };
  beforeAll(async () => {
    h = await createApiHarness(dialect);
    routes = h.app.routeTable.filter((r) => !r.url.startsWith('/docs'));
    const patched = await h.request({ method: 'PATCH', url: `/api/v1/integrations/${h.a.integration.id}`, token: h.a.tokens.all, payload: { settings: { filters: [{ field: 'tag', operator: 'contains', value: RULE_MARK }] } } });
    expect(patched.statusCode, patched.body).toBe(200);
    const ticket = h.sim.createTicket({ status: 'solved', tags: [CONTACT_MARK], subject: `${CONTACT_MARK} subject` });
    h.clock.advance(61_000);
    const run = await runIntegration(h.services, h.a.integration.id, { kind: 'manual' });
    expect(run.counts.excluded).toBe(1);
    const imported = await h.request({ method: 'POST', url: `/api/v1/integrations/${h.a.integration.id}/imports`, token: h.a.tokens.all, payload: { sourceRef: String(ticket.id) } });
    expect(imported.statusCode, imported.body).toBe(201);
    marked = { ref: String(ticket.id), runId: run.id };
  });
  afterAll(() => h.close());

  /** A concrete id of the tenant for the route's `:id`, made fresh where the call destroys it. */
  async function idFor(route: RouteEntry, t: Tenant, token: string): Promise<string> {
    if (route.url.startsWith('/api/v1/integrations/:id')) return t.integration.id;
    if (route.url.startsWith('/api/v1/runs/:id') && t === h.a && marked) return marked.runId;
    if (route.url.startsWith('/api/v1/runs/:id')) {
      return (await h.services.db.selectFrom('runs').select('id').where('workspace_id', '=', t.workspace.id).executeTakeFirstOrThrow()).id;
    }
    if (route.url.startsWith('/api/v1/contacts/:id')) {
      return (await h.services.db.selectFrom('contacts').select('id').where('workspace_id', '=', t.workspace.id).executeTakeFirstOrThrow()).id;
    }
    if (route.url.startsWith('/api/v1/users/:id')) {
      const created = await h.request({ method: 'POST', url: '/api/v1/users', token: t.tokens.all, payload: { email: `u${Math.random().toString(36).slice(2)}@x.example`, name: 'U', role: 'contact_viewer' } });
      return created.json().user.id;
    }
    if (route.url.startsWith('/api/v1/api-tokens/:id')) {
      const created = await h.request({ method: 'POST', url: '/api/v1/api-tokens', token: t.tokens.all, payload: { name: 'throwaway', permissions: ['view_contacts'] } });
      return created.json().apiToken.id;
    }
    if (route.url.startsWith('/api/v1/notifications/subscriptions/:id')) {
      const created = await h.request({ method: 'POST', url: '/api/v1/notifications/subscriptions', token: t.tokens.all, payload: { channel: 'email', target: `s${Math.random().toString(36).slice(2)}@x.example` } });
      return created.json().subscription.id;
    }
    void token;
    throw new Error(`The permission matrix has no id for ${route.method} ${route.url}: add one here.`);
  }

  /** A body the route would accept from a caller allowed to call it (or null for none). */
  function bodyFor(route: RouteEntry, t: Tenant): unknown {
    const key = `${route.method} ${route.url}`;
    const bodies: Record<string, unknown> = {
      'POST /api/v1/auth/login': { email: t.adminEmail, password: 'wrong password' },
      'POST /api/v1/auth/links/redeem': { token: 'l_unknown', password: 'a long enough password' },
      'POST /api/v1/users': { email: `n${Math.random().toString(36).slice(2)}@x.example`, name: 'N', role: 'contact_viewer' },
      'PATCH /api/v1/users/:id': { role: 'qa_lead' },
      'POST /api/v1/api-tokens': { name: 'script', permissions: ['view_contacts'] },
      'PATCH /api/v1/workspace': { name: t.workspace.name },
      'POST /api/v1/integrations': { platform: 'zendesk', name: 'Another', connection: { subdomain: h.sim.subdomain, baseUrl: h.simUrl }, credentials: { kind: 'api_token', email: 'x@y.z', token: 'wrong' } },
      'PATCH /api/v1/integrations/:id': { settings: { intervalMinutes: 30 } },
      'DELETE /api/v1/integrations/:id': { confirm: 'not the name' },
      'POST /api/v1/integrations/:id/pause': { note: 'matrix' },
      'POST /api/v1/integrations/:id/reconnect': { credentials: { kind: 'api_token', email: 'x@y.z', token: 'wrong' } },
      'POST /api/v1/integrations/:id/imports': { sourceRef: '999999' },
      'POST /api/v1/integrations/:id/backfills': { from: '2025-03-01', preview: true },
      'POST /api/v1/support-reports': { integrationId: t.integration.id, from: '2025-03-01', sourceRefs: marked ? [marked.ref] : [] },
    };
    return bodies[key] ?? (route.method === 'POST' || route.method === 'PATCH' || route.method === 'DELETE' ? {} : undefined);
  }

  async function call(route: RouteEntry, t: Tenant, token: string | undefined, idTenant: Tenant = t) {
    const url = route.url.includes(':id') ? route.url.replace(':id', await idFor(route, idTenant, idTenant.tokens.all)) : route.url;
    const query = route.url === '/api/v1/decisions' || route.url === '/api/v1/diagnoses' ? `?sourceRef=${marked?.ref ?? 1}` : '';
    const payload = bodyFor(route, t);
    return h.request({ method: route.method as 'GET', url: url + query, token, ...(payload === undefined ? {} : { payload: payload as object }) });
  }

  /** A token that lacks one of the route's permissions (each permission of a route that needs several is tried). */
  const withoutPermission = (route: RouteEntry, t: Tenant): string[] => {
    const needs = requiredPermissions(route.access);
    const tokens: string[] = [];
    if (needs.includes('manage_integrations')) tokens.push(t.tokens.view);
    if (needs.includes('view_contacts') || needs.includes('manage_workspace')) tokens.push(t.tokens.manage);
    return tokens;
  };
  const withPermission = (route: RouteEntry, t: Tenant) => {
    const needs = requiredPermissions(route.access);
    return needs.length === 1 && needs[0] === 'manage_integrations' ? t.tokens.manage : needs.length === 1 && needs[0] === 'view_contacts' ? t.tokens.view : t.tokens.all;
  };

  it('covers a route table that declares access for every route', () => {
    expect(routes.length).toBeGreaterThan(25);
    for (const route of routes) expect(route.access.require, `${route.method} ${route.url}`).toBeDefined();
  });

  it('refuses every non-public route without credentials (401)', async () => {
    for (const route of routes.filter((r) => r.access.require !== 'public')) {
      const response = await call(route, h.a, undefined);
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });

  it('refuses a token without the permission (403 naming the permission)', async () => {
    for (const route of routes) {
      for (const token of withoutPermission(route, h.a)) {
        const response = await call(route, h.a, token);
        expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBe(403);
        expect(response.json().error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/needs the (Manage Integrations|View Imported Contacts|Manage Workspace)( and the (Manage Integrations|View Imported Contacts))? permission/) });
      }
    }
  });

  it('lets a token with the permission through', async () => {
    for (const route of routes.filter((r) => r.access.require !== 'public' && !r.access.sessionOnly)) {
      const response = await call(route, h.a, withPermission(route, h.a));
      expect([401, 403], `${route.method} ${route.url}: ${response.statusCode} ${response.body}`).not.toContain(response.statusCode);
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBeLessThan(500);
    }
    await h.request({ method: 'POST', url: `/api/v1/integrations/${h.a.integration.id}/resume`, token: h.a.tokens.manage });
  });

  it("shows each caller only its own side: a conversation's data needs View Imported Contacts, an integration's rules Manage Integrations", async () => {
    const blind = { [h.a.tokens.manage]: CONTACT_MARK, [h.a.tokens.view]: RULE_MARK, [h.a.tokens.none]: CONTACT_MARK };
    let answered = 0;
    for (const route of routes.filter((r) => r.access.require !== 'public' && !r.access.sessionOnly && r.method !== 'DELETE')) {
      for (const [token, mark] of Object.entries(blind)) {
        const response = await call(route, h.a, token);
        if (response.statusCode >= 300) continue;
        answered += 1;
        expect(response.body, `${route.method} ${route.url} shows "${mark}" to a caller that may not see it`).not.toContain(mark);
      }
    }
    expect(answered).toBeGreaterThan(20);
    // The routes the probe named, field by field.
    const manualImport = await h.request({ method: 'POST', url: `/api/v1/integrations/${h.a.integration.id}/imports`, token: h.a.tokens.manage, payload: { sourceRef: marked.ref } });
    expect(manualImport.statusCode).toBe(201);
    expect(manualImport.json()).toMatchObject({ contact: null, decision: { sourceRef: marked.ref, outcome: 'unchanged' } });
    const asAll = await h.request({ method: 'POST', url: `/api/v1/integrations/${h.a.integration.id}/imports`, token: h.a.tokens.all, payload: { sourceRef: marked.ref } });
    expect(asAll.json().contact).toMatchObject({ sourceRef: marked.ref, tags: [CONTACT_MARK] });
    const report = (await h.request({ method: 'POST', url: '/api/v1/support-reports', token: h.a.tokens.manage, payload: { integrationId: h.a.integration.id, from: '2025-03-01', sourceRefs: [marked.ref] } })).json();
    expect(report.report.diagnoses[0]).toMatchObject({ sourceRef: marked.ref, cause: 'imported', contact: null });
    expect(report.report.diagnoses[0].decisions.find((d: { outcome: string }) => d.outcome === 'excluded').evidence).toEqual({ reason: 'filter', expected: `tag contains "${RULE_MARK}"`, condition: { field: 'tag', operator: 'contains', value: RULE_MARK }, conditionIndex: 0 });
    const decisions = await h.request({ method: 'GET', url: `/api/v1/runs/${marked.runId}/decisions`, token: h.a.tokens.manage });
    expect(decisions.statusCode).toBe(403);
    const fields = (await h.request({ method: 'GET', url: `/api/v1/integrations/${h.a.integration.id}/custom-fields`, token: h.a.tokens.manage })).json().customFields;
    expect(Object.values(fields).flat()).toEqual([]);
    const viewerDecision = (await h.request({ method: 'GET', url: `/api/v1/decisions?sourceRef=${marked.ref}`, token: h.a.tokens.view })).json().decisions.find((d: { outcome: string }) => d.outcome === 'excluded');
    expect(viewerDecision.evidence).toMatchObject({ reason: 'filter', actual: [CONTACT_MARK] });
    expect(viewerDecision.evidence.expected).toBeUndefined();
  });

  it("never shows one workspace's resources to another: 404 by id, absent from lists", async () => {
    for (const route of routes.filter((r) => r.access.require !== 'public' && !r.access.sessionOnly)) {
      if (route.url.includes(':id')) {
        const response = await call(route, h.b, withPermission(route, h.b), h.a);
        expect(response.statusCode, `${route.method} ${route.url} across workspaces: ${response.body}`).toBe(404);
      } else if (route.method === 'GET') {
        const response = await call(route, h.b, withPermission(route, h.b));
        expect(response.body, `${route.method} ${route.url}`).not.toContain(h.a.integration.id);
        expect(response.body).not.toContain(h.a.workspace.id);
      }
    }
  });

  it('answers feature_disabled on every integration and contact route while the flag is off', async () => {
    await setFeatureFlag(h.services.db, h.a.workspace.id, 'integrations', false);
    try {
      for (const route of routes) {
        if (route.access.feature !== 'integrations') continue;
        const response = await call(route, h.a, withPermission(route, h.a), h.a);
        expect(response?.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(response!.json().error).toMatchObject({ code: 'feature_disabled', message: expect.stringContaining('workspace admin can turn it on') });
      }
    } finally {
      await setFeatureFlag(h.services.db, h.a.workspace.id, 'integrations', true);
    }
  });
});
