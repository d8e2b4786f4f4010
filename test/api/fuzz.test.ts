import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/api/route-access.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
}

/** Values that are wrong for any field Intake accepts: wrong types, extremes, garbage. */
const HOSTILE: unknown[] = [
  12345,
  -1,
  1e308,
  -9_007_199_254_740_993,
  true,
  null,
  [],
  [1, { a: 1 }],
  { nested: { deeper: ['x'] } },
  'x'.repeat(100_000),
  '\u0000\u0007 ',
];

/** Nested settings: negative and enormous numbers, invalid dates, wrong shapes. */
const HOSTILE_SETTINGS: unknown[] = [
  { startDate: '2025-13-45' },
  { startDate: '2025-02-30' },
  { startDate: '01/03/2025' },
  { intervalMinutes: -5 },
  { intervalMinutes: 0 },
  { intervalMinutes: 1e12 },
  { intervalMinutes: 2.5 },
  { intervalMinutes: '15' },
  { statusCriteria: ['done'] },
  { statusCriteria: [] },
  { filters: [{ field: 'team', operator: 'is', value: 'x' }] },
  { filters: [{ field: 'tag', operator: 'is_one_of', value: 'x' }] },
  { filters: 'tag contains vip' },
  { filters: Array.from({ length: 60 }, () => ({ field: 'tag', operator: 'exists' })) },
  { surprise: true },
];

const HOSTILE_QUERY = ['abc', '-5', '1e99', '2025-13-45T99:00:00Z', 'x'.repeat(5000), '%00', '[]'];

/**
 * Every route gets malformed JSON, wrong types, huge strings, unknown fields, extreme numbers and
 * invalid dates in every body field, query parameter and path parameter. Each answer must be a 4xx
 * that names the field, never a 500, and nothing stored may change.
 */
describe.each(DIALECTS)('bad input on %s', (dialect) => {
  let h: ApiHarness;
  let routes: RouteEntry[];
  let doc: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> }; parameters?: Array<{ in: string; name: string }> }>>; components?: { schemas?: Record<string, JsonSchema> } };
  beforeAll(async () => {
    h = await createApiHarness(dialect);
    routes = h.app.routeTable.filter((r) => !r.url.startsWith('/docs') && !r.access.sessionOnly);
    doc = h.app.swagger() as unknown as typeof doc;
  });
  afterAll(() => h.close());

  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined =>
    schema?.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
  const operation = (route: RouteEntry) => doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
  const bodyFields = (route: RouteEntry) => Object.keys(resolve(operation(route)?.requestBody?.content['application/json']?.schema)?.properties ?? {});
  const queryFields = (route: RouteEntry) => (operation(route)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const urlOf = (route: RouteEntry) =>
    route.url.replace(':id', route.url.startsWith('/api/v1/integrations') ? h.a.integration.id : 'no-such-id');

  async function snapshot(): Promise<string> {
    const tables = ['workspaces', 'integrations', 'runs', 'contacts', 'decisions', 'status_events', 'users', 'memberships', 'sessions', 'sign_in_links'] as const;
    const parts: string[] = [];
    for (const table of tables) {
      // A diagnosis of a reference no ledger knows asks the source through a live-check run (a dry
      // single run, kept out of every run list): that is the diagnosis working, not input written.
      const rows = (await h.services.db.selectFrom(table).selectAll().execute()).filter((r) => !(table === 'runs' && 'kind' in r && r.kind === 'single' && r.dry_run === 1));
      parts.push(`${table}:${JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())}`);
    }
    const tokens = await h.services.db.selectFrom('api_tokens').select(['id', 'name', 'permissions', 'revoked_at']).orderBy('id').execute();
    return `${parts.join('\n')}\napi_tokens:${JSON.stringify(tokens)}`;
  }

  function expectClientError(route: RouteEntry, what: string, response: { statusCode: number; body: string }) {
    const label = `${route.method} ${route.url} with ${what}: ${response.statusCode} ${response.body.slice(0, 300)}`;
    expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
    expect(response.statusCode, label).toBeLessThan(500);
    const error = (JSON.parse(response.body) as { error: { code: string; message: string; details: Array<{ path: string; message: string }> } }).error;
    expect(error.message.length, label).toBeGreaterThan(10);
    if (error.code === 'invalid_input' || error.code === 'invalid_json') {
      expect(error.details.length, label).toBeGreaterThan(0);
      for (const d of error.details) {
        expect(d.path, label).toMatch(/\S/);
        expect(d.message, label).toMatch(/\S/);
      }
    }
    return error;
  }

  it('answers malformed JSON with invalid_json on every route that takes a body', async () => {
    const before = await snapshot();
    for (const route of routes.filter((r) => ['POST', 'PATCH', 'DELETE'].includes(r.method))) {
      for (const body of ['{"a":', '{"a": tru}', '[1,2', '"unterminated', '{"a":1}}']) {
        const response = await h.request({ method: route.method as 'POST', url: urlOf(route), token: h.a.tokens.all, payload: body, headers: { 'content-type': 'application/json' } });
        const error = expectClientError(route, `body ${body}`, response);
        expect(error.code).toBe('invalid_json');
      }
      const notJson = await h.request({ method: route.method as 'POST', url: urlOf(route), token: h.a.tokens.all, payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expectClientError(route, 'a form body', notJson);
    }
    expect(await snapshot()).toBe(before);
  });

  it('names the field for wrong types, extremes, huge strings and unknown fields in bodies', async () => {
    const before = await snapshot();
    for (const route of routes.filter((r) => ['POST', 'PATCH', 'DELETE'].includes(r.method))) {
      const fields = bodyFields(route);
      if (fields.length === 0) continue;
      for (const field of fields) {
        for (const value of HOSTILE) {
          const response = await h.request({ method: route.method as 'POST', url: urlOf(route), token: h.a.tokens.all, payload: { [field]: value } });
          const error = expectClientError(route, `${field}=${JSON.stringify(value).slice(0, 40)}`, response);
          // A number is the wrong type for every top-level field Intake takes: the answer must name it.
          if (value === 12345) expect(error.details.map((d) => d.path), `${route.method} ${route.url} ${field}`).toContain(field);
        }
      }
      const unknown = await h.request({ method: route.method as 'POST', url: urlOf(route), token: h.a.tokens.all, payload: { surprise: 1 } });
      const error = expectClientError(route, 'an unknown field', unknown);
      if (route.url !== '/api/v1/auth/links/redeem' && route.url !== '/api/v1/auth/login') expect(JSON.stringify(error.details)).toMatch(/surprise|body/);
    }
    expect(await snapshot()).toBe(before);
  });

  it('names the nested field for bad settings: negative and enormous numbers, invalid dates, wrong shapes', async () => {
    const before = await snapshot();
    const targets = [
      { method: 'PATCH' as const, url: `/api/v1/integrations/${h.a.integration.id}`, base: {} },
      { method: 'POST' as const, url: '/api/v1/integrations', base: { platform: 'zendesk', name: 'Fuzzed', connection: { subdomain: 'acme', baseUrl: h.simUrl }, credentials: h.sim.apiTokenCredentials() } },
    ];
    for (const target of targets) {
      for (const settings of HOSTILE_SETTINGS) {
        const response = await h.request({ method: target.method, url: target.url, token: h.a.tokens.all, payload: { ...target.base, settings } });
        const route = { method: target.method, url: target.url, access: { require: 'manage_integrations' as const } };
        const error = expectClientError(route, `settings ${JSON.stringify(settings).slice(0, 60)}`, response);
        expect(error.code).toBe('invalid_input');
        const key = Object.keys(settings as object)[0]!;
        expect(error.details.map((d) => d.path).join(' '), JSON.stringify(settings).slice(0, 80)).toContain(key === 'surprise' ? 'settings' : `settings.${key}`);
        if (key === 'surprise') expect(JSON.stringify(error.details)).toContain('surprise');
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('names the parameter for bad query strings and rejects bad path parameters', async () => {
    const before = await snapshot();
    for (const route of routes.filter((r) => r.method === 'GET')) {
      for (const field of [...queryFields(route), 'unknownParam']) {
        for (const value of HOSTILE_QUERY) {
          const response = await h.request({ method: 'GET', url: `${urlOf(route)}?${field}=${encodeURIComponent(value)}`, token: h.a.tokens.all });
          if (response.statusCode < 400) continue; // e.g. a tag filter that simply matches nothing
          expectClientError(route, `?${field}=${value.slice(0, 20)}`, response);
        }
      }
    }
    for (const route of routes.filter((r) => r.url.includes(':id'))) {
      for (const id of ['x'.repeat(1000), '..%2F..%2Fetc', '%00', "1' or '1'='1", '💥']) {
        const response = await h.request({ method: route.method as 'GET', url: route.url.replace(':id', id), token: h.a.tokens.all, ...(route.method === 'GET' ? {} : { payload: {} }) });
        expectClientError(route, `id ${id.slice(0, 20)}`, response);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers an oversized body with body_too_large', async () => {
    const response = await h.request({ method: 'POST', url: '/api/v1/integrations', token: h.a.tokens.all, payload: { name: 'x'.repeat(2 * 1024 * 1024) } });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('body_too_large');
  });
});
