import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

describe.each(DIALECTS)('API basics on %s', (dialect) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
  });
  afterAll(() => h.close());

  it('lists integrations with status, last ran at, last data imported', async () => {
    const response = await h.request({ method: 'GET', url: '/api/v1/integrations', token: h.a.tokens.manage });
    expect(response.statusCode).toBe(200);
    const { integrations } = response.json();
    expect(integrations).toHaveLength(1);
    expect(integrations[0]).toMatchObject({ name: 'Acme Support', status: 'active', lastRanAt: expect.any(String), lastDataImportedAt: expect.any(String), credentials: { set: true } });
  });

  it('serves the OpenAPI page and document', async () => {
    const page = await h.request({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(page.statusCode);
    const doc = await h.request({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toContain('/api/v1/integrations/{id}/reconnect');
    expect(paths).toContain('/api/v1/contacts');
    // The error codes a client can rely on are listed: the contract's one list.
    const codes = doc.json().components.schemas.Error.properties.error.properties.code.enum as string[];
    expect(codes).toEqual(expect.arrayContaining(['invalid_input', 'feature_disabled', 'database_busy', 'source_rate_limited']));
  });

  it('answers health and metrics', async () => {
    expect((await h.request({ method: 'GET', url: '/healthz' })).json()).toMatchObject({ status: 'ok', database: dialect });
    const metrics = await h.request({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('intake_runs_total{kind="manual",outcome="succeeded"} 2');
    expect(metrics.body).toMatch(/intake_source_requests_total\{platform="Zendesk",status="200"\} \d+/);
    expect(metrics.body).toMatch(/intake_records_total\{outcome="excluded",reason="[a-z_]+"\} \d+/);
  });
});
