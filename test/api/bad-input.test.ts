import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

/** Dates and references a person mistypes: each answer names the field, what is wrong and how to write it. */
describe.each(DIALECTS)('bad dates and unknown references through the API on %s', (dialect) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
  });
  afterAll(() => h.close());

  const integrationUrl = (path: string) => `/api/v1/integrations/${h.a.integration.id}${path}`;
  const post = (url: string, payload: object) => h.request({ method: 'POST', url, token: h.a.tokens.all, payload });
  const get = (url: string) => h.request({ method: 'GET', url, token: h.a.tokens.all });

  it('a backfill from a month that does not exist names `from`, not the body', async () => {
    const response = await post(integrationUrl('/backfills'), { from: '2026-13-01' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'from', message: '"2026-13-01" is not a real calendar date: there is no month 13; write YYYY-MM-DD with a month from 01 to 12' }],
    });
    const february = await post(integrationUrl('/backfills'), { from: '2026-01-01', to: '2026-02-30', preview: true });
    expect(february.json().error.details).toEqual([{ path: 'to', message: '"2026-02-30" is not a real calendar date: February 2026 has days 01 to 28' }]);
  });

  it('a support report refuses 30 February instead of reading it as 2 March, and a range too long for it', async () => {
    const base = { integrationId: h.a.integration.id, sourceRefs: [] };
    const february = await post('/api/v1/support-reports', { ...base, from: '2026-02-30' });
    expect(february.statusCode).toBe(400);
    expect(february.json().error.details).toEqual([{ path: 'from', message: expect.stringContaining('February 2026 has days 01 to 28') }]);
    const hour = await post('/api/v1/support-reports', { ...base, from: '2026-01-01T24:30:00Z' });
    expect(hour.json().error.details).toEqual([{ path: 'from', message: expect.stringContaining('hours go from 00 to 23') }]);
    const long = await post('/api/v1/support-reports', { ...base, from: '1970-01-01' });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details).toEqual([{ path: 'from', message: expect.stringContaining('a report covers at most 2232 days') }]);
  });

  it('health, contacts and run lists refuse impossible dates in their query, by name', async () => {
    for (const url of [
      integrationUrl('/health?from=2026-02-30'),
      '/api/v1/health?to=2026-13-01',
      '/api/v1/contacts?importedFrom=2026-04-31',
      integrationUrl('/runs?before=2026-00-10'),
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      const [detail] = response.json().error.details as Array<{ path: string; message: string }>;
      expect(detail!.path, url).toMatch(/^querystring\.(from|to|importedFrom|before)$/);
      expect(detail!.message, url).toMatch(/is not a real calendar date/);
    }
  });

  it('a reference the source does not know is exactly that — in the answer and in the recorded run, never "account not found"', async () => {
    const response = await post(integrationUrl('/imports'), { sourceRef: '999999' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'source_reference_not_found', details: [{ path: 'sourceRef' }] });
    const runs = (await get(integrationUrl('/runs?kind=single'))).json();
    const run = (runs.runs ?? runs)[0];
    expect(run).toMatchObject({
      kind: 'single',
      status: 'failed',
      sourceRef: '999999',
      error: { category: 'source_reference_not_found', message: 'Zendesk has no ticket "999999" in the account "acme". Check the reference, or whether it belongs to another integration.' },
    });
    // The integration itself is untouched: the account answered.
    expect((await get(integrationUrl(''))).json()).toMatchObject({ status: 'active' });
  });
});
