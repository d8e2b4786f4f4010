import { afterEach, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { runIntegration } from '../../src/services/run-integration.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

let h: ApiHarness | null = null;
let beta: ZendeskSimulator | null = null;
afterEach(async () => {
  await beta?.stop();
  await h?.close();
  beta = null;
  h = null;
});

const HOUR = 3_600_000;

interface Totals {
  integrationId: string;
  name: string;
  platformName: string;
  sourceAccount: string;
  imported: number;
  seen: number;
  runs: number;
}

describe.each(DIALECTS)('health per integration, previews and support reports on %s', (dialect) => {
  const url = (path: string) => `/api/v1/integrations/${h!.a.integration.id}${path}`;
  const call = async (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) => h!.request({ method, url: path, token: h!.a.tokens.all, ...(payload ? { payload } : {}) });

  /** Acme's web tickets excluded by a channel filter, then the filter lifted: a backfill would import them. */
  async function excludedThenAllowed(count: number): Promise<string[]> {
    await call('PATCH', url(''), { settings: { filters: [{ field: 'channel', operator: 'is', value: 'email' }] } });
    const refs = Array.from({ length: count }, () => String(h!.sim.createTicket({ status: 'solved', via: { channel: 'web', source: {} }, created_at: '2025-03-09T10:00:00Z' } as never).id));
    h!.clock.advance(61_000);
    await runIntegration(h!.services, h!.a.integration.id, { kind: 'manual' });
    await call('PATCH', url(''), { settings: { filters: [] } });
    return refs;
  }

  async function preview(): Promise<{ id: string; counts: { imported: number } }> {
    const started = await call('POST', url('/backfills'), { from: '2025-02-01', to: '2025-03-11', preview: true });
    expect(started.statusCode).toBe(202);
    await h!.scheduler.drain();
    return (await call('GET', `/api/v1/runs/${started.json().id}`)).json();
  }

  it("splits the workspace's health per integration, and a backfill preview adds to no total", async () => {
    h = await createApiHarness(dialect);
    beta = new ZendeskSimulator({ clock: h.clock, subdomain: 'beta', tickets: 12, rateLimit: null, spanDays: 20 });
    const betaUrl = await beta.start();
    const second = await addIntegration(
      h.services,
      h.a.workspace.id,
      { platform: 'zendesk', name: 'Beta Support', connection: { subdomain: 'beta', baseUrl: betaUrl }, credentials: beta.apiTokenCredentials(), settings: { startDate: '2025-01-01' } },
      h.a.adminEmail,
    );
    await runIntegration(h.services, second.id, { kind: 'manual' });
    await excludedThenAllowed(6);

    const range = `from=2025-02-01&to=${new Date(h.clock.now().getTime() + HOUR).toISOString()}&bucket=day`;
    const workspace = async () => (await call('GET', `/api/v1/health?${range}`)).json();
    const before = await workspace();
    const split: Totals[] = before.integrations;
    expect(split.map((t) => [t.name, t.platformName, t.sourceAccount]).sort()).toEqual([
      ['Acme Support', 'Zendesk', 'acme'],
      ['Beta Support', 'Zendesk', 'beta'],
    ]);
    const byName = new Map(split.map((t) => [t.name, t]));
    const total = (key: 'imported' | 'seen' | 'runs') => before.buckets.reduce((n: number, b: Record<string, number>) => n + b[key]!, 0);
    for (const key of ['imported', 'seen', 'runs'] as const) expect(split.reduce((n, t) => n + t[key], 0), key).toBe(total(key));
    expect(byName.get('Beta Support')).toMatchObject({ integrationId: second.id, runs: 1, seen: 12 });
    // Each integration's own health says the same as its row in the split.
    const acme = (await call('GET', `${url('/health')}?${range}`)).json();
    expect(byName.get('Acme Support')!.imported).toBe(acme.buckets.reduce((n: number, b: { imported: number }) => n + b.imported, 0));

    const imported = async () => Number(/^intake_records_total\{outcome="imported",reason=""\} (\d+)$/m.exec((await h!.request({ method: 'GET', url: '/metrics' })).body)?.[1] ?? 0);
    const importedBefore = await imported();
    const previewed = await preview();
    expect(previewed.counts.imported).toBe(6);
    // Nor does it count as imported records in the metrics.
    expect(await imported()).toBe(importedBefore);
    const after = await workspace();
    expect(after.integrations).toEqual(before.integrations);
    expect(after.buckets).toEqual(before.buckets);
    expect((await call('GET', `${url('/health')}?${range}`)).json().buckets).toEqual(acme.buckets);
  });

  it('takes several references once each, keeps previews apart from runs, and names the field of each problem', async () => {
    h = await createApiHarness(dialect);
    const [excluded] = await excludedThenAllowed(1);
    const previewed = await preview();
    expect(previewed.counts.imported).toBe(1);

    const response = await call('POST', '/api/v1/support-reports', { integrationId: h.a.integration.id, from: '2025-03-01', sourceRefs: [excluded, '999999', ` ${excluded} `, '999999'] });
    expect(response.statusCode).toBe(201);
    const { report, markdown } = response.json();
    expect(report.diagnoses.map((d: { sourceRef: string; cause: string }) => [d.sourceRef, d.cause])).toEqual([
      [excluded, 'excluded_by_filter'],
      ['999999', 'unknown_reference'],
    ]);
    expect(report.runs.length).toBeGreaterThan(0);
    expect(report.runs.every((r: { dryRun: boolean }) => !r.dryRun)).toBe(true);
    expect(report.previews).toEqual([expect.objectContaining({ id: previewed.id, dryRun: true, counts: expect.objectContaining({ imported: 1 }) })]);
    expect(report.runsTruncated).toBe(false);
    const runsSection = markdown.slice(markdown.indexOf('## Runs'), markdown.indexOf('## Backfill previews'));
    expect(runsSection).not.toContain('backfill');
    expect(markdown).toContain('## Backfill previews');
    expect(markdown).toContain('| Started | Range | Status | Seen | Would import |');
    expect(markdown).toContain('| 2025-02-01 to 2025-03-10 | succeeded |');
    expect(markdown.match(/^### /gm)).toHaveLength(2);

    // A range that ends before the latest runs holds only the runs it covers.
    const earlier = (await call('POST', '/api/v1/support-reports', { integrationId: h.a.integration.id, from: '2025-03-01', to: '2025-03-10T12:00:30Z' })).json().report;
    expect(earlier.runs.length).toBeGreaterThan(0);
    expect(earlier.runs.every((r: { startedAt: string }) => r.startedAt < '2025-03-10T12:00:30Z')).toBe(true);
    expect(earlier.runs.length).toBeLessThan(report.runs.length);

    const problem = async (payload: object) => (await call('POST', '/api/v1/support-reports', { integrationId: h!.a.integration.id, from: '2025-03-01', ...payload })).json().error.details;
    expect(await problem({ sourceRefs: Array.from({ length: 21 }, (_, i) => String(i + 1)) })).toEqual([{ path: 'sourceRefs', message: expect.stringContaining('at most 20 references') }]);
    expect(await problem({ sourceRefs: ['12', '  '] })).toEqual([{ path: 'sourceRefs.1', message: 'must not be empty' }]);
    expect(await problem({ to: '2025-02-01' })).toEqual([{ path: 'to', message: 'must be after from' }]);
  });
});
