import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/api/route-access.js';
import { setFeatureFlag } from '../../src/storage/workspace.repository.js';
import { createApiHarness, type ApiHarness, type Tenant } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

/**
 * Every route of the route table, called as: nobody, a token without the permission, a token with
 * it, a token of another workspace, and with the workspace's Integrations flag off. Generated from
 * the table the app builds as routes register, so a new route cannot escape it.
 */
describe.each(DIALECTS)('permission matrix on %s', (dialect) => {
  let h: ApiHarness;
  let routes: RouteEntry[];
  beforeAll(async () => {
    h = await createApiHarness(dialect);
    routes = h.app.routeTable.filter((r) => !r.url.startsWith('/docs'));
  });
  afterAll(() => h.close());

  /** A concrete id of the tenant for the route's `:id`, made fresh where the call destroys it. */
  async function idFor(route: RouteEntry, t: Tenant, token: string): Promise<string> {
    if (route.url.startsWith('/api/v1/integrations/:id')) return t.integration.id;
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
      'POST /api/v1/support-reports': { integrationId: t.integration.id, from: '2025-03-01' },
    };
    return bodies[key] ?? (route.method === 'POST' || route.method === 'PATCH' || route.method === 'DELETE' ? {} : undefined);
  }

  async function call(route: RouteEntry, t: Tenant, token: string | undefined, idTenant: Tenant = t) {
    const url = route.url.includes(':id') ? route.url.replace(':id', await idFor(route, idTenant, idTenant.tokens.all)) : route.url;
    const query = route.url === '/api/v1/decisions' || route.url === '/api/v1/diagnoses' ? '?sourceRef=1' : '';
    const payload = bodyFor(route, t);
    return h.request({ method: route.method as 'GET', url: url + query, token, ...(payload === undefined ? {} : { payload: payload as object }) });
  }

  const withoutPermission = (route: RouteEntry, t: Tenant) =>
    route.access.require === 'manage_integrations' ? t.tokens.view : route.access.require === 'view_contacts' ? t.tokens.manage : route.access.require === 'manage_workspace' ? t.tokens.manage : null;
  const withPermission = (route: RouteEntry, t: Tenant) =>
    route.access.require === 'manage_integrations' ? t.tokens.manage : route.access.require === 'view_contacts' ? t.tokens.view : t.tokens.all;

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
      const token = withoutPermission(route, h.a);
      if (!token) continue;
      const response = await call(route, h.a, token);
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBe(403);
      expect(response.json().error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/needs the (Manage Integrations|View Imported Contacts|Manage Workspace) permission/) });
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
