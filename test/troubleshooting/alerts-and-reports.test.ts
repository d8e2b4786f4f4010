import { afterEach, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../src/services/evaluate-alerts.js';
import { getIntegration } from '../../src/services/manage-integrations.js';
import { runIntegration } from '../../src/services/run-integration.js';
import { insertDecisions } from '../../src/storage/decision.repository.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const HOUR = 3_600_000;

/** Three weeks of an integration that imported about ten contacts every hour. */
async function seedHistory(harness: ApiHarness, weeks: number): Promise<void> {
  const now = harness.clock.now().getTime();
  const start = now - weeks * 7 * 24 * HOUR;
  await harness.services.db.updateTable('integrations').set({ created_at: new Date(start).toISOString() }).where('id', '=', harness.a.integration.id).execute();
  const owner = { workspaceId: harness.a.workspace.id, integrationId: harness.a.integration.id, runId: 'history' };
  for (let t = start; t < now - 3 * HOUR; t += HOUR) {
    const entries = Array.from({ length: 10 }, (_, i) => ({ sourceRef: `h${t}-${i}`, outcome: 'imported' as const, reason: null, evidence: {}, sourceVersion: t, sourceUpdatedAt: null, contactId: null }));
    await insertDecisions(harness.services.db, owner, entries, new Date(t + 60_000));
  }
}

describe.each(DIALECTS)('volume alerts and support reports on %s', (dialect) => {
  const alerts = async (state = 'all') => (await h!.request({ method: 'GET', url: `/api/v1/alerts?state=${state}&integrationId=${h!.a.integration.id}`, token: h!.a.tokens.all })).json().alerts;
  const evaluate = async () => evaluateAlerts(h!.services, await getIntegration(h!.services, h!.a.workspace.id, h!.a.integration.id));
  /** Three hours of the help desk: `tickets` new solved tickets an hour, each hour imported by a run. */
  async function hours(n: number, tickets: number, tags: string[] = ['billing']) {
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < tickets; j += 1) h!.sim.createTicket({ status: 'solved', tags });
      h!.clock.advance(HOUR);
      await runIntegration(h!.services, h!.a.integration.id, { kind: 'scheduled' });
    }
  }

  it('a drop opens an alert of the right kind, linked to the settings change; recovery closes it', async () => {
    h = await createApiHarness(dialect);
    await seedHistory(h, 3);
    await h.request({ method: 'PATCH', url: `/api/v1/integrations/${h.a.integration.id}`, token: h.a.tokens.all, payload: { settings: { filters: [{ field: 'tag', operator: 'contains', value: 'vip' }] } } });
    await hours(3, 10);
    await evaluate();
    let open = await alerts('open');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'volume_drop', cause: 'excluded', detail: { risenReason: 'filter', settingsChange: { actor: 'API token "manage_integrations+view_contacts+manage_workspace"', keys: ['filters'] } } });
    expect(open[0].message).toMatch(/^Imports dropped: 0 contacts in the last 3 hours, where \w+ \d\d:00–\d\d:00 UTC usually bring about 30\. Intake fetched 30 records as usual but excluded most of them, by filter\. The settings were changed at/);

    await h.request({ method: 'PATCH', url: `/api/v1/integrations/${h.a.integration.id}`, token: h.a.tokens.all, payload: { settings: { filters: [] } } });
    await hours(3, 10);
    await evaluate();
    expect(await alerts('open')).toEqual([]);
    const closed = await alerts('all');
    expect(closed[0]).toMatchObject({ cause: 'excluded', closedAt: h.clock.now().toISOString() });

    await hours(3, 0);
    await evaluate();
    open = await alerts('open');
    expect(open[0]).toMatchObject({ kind: 'volume_drop', cause: 'nothing_fetched', message: expect.stringContaining('Intake fetched almost nothing from the source') });

    h.sim.revokeAll();
    await hours(2, 0);
    await evaluate();
    expect((await alerts('open'))[0]).toMatchObject({ cause: 'failing', message: expect.stringContaining('Zendesk rejected the API token') });
  });

  it('opens a no-import alert after the configured time, and closes it when data arrives', async () => {
    h = await createApiHarness(dialect);
    await h.request({ method: 'PATCH', url: `/api/v1/integrations/${h.a.integration.id}`, token: h.a.tokens.all, payload: { settings: { noImportAlertHours: 2 } } });
    await hours(3, 0);
    await evaluate();
    expect((await alerts('open')).map((a: { kind: string }) => a.kind)).toEqual(['no_imports']);
    expect((await alerts('open'))[0].message).toMatch(/^Nothing has been imported for 3 hours \(the alert threshold is 2 hours\)\./);
    await hours(1, 2);
    await evaluate();
    expect(await alerts('open')).toEqual([]);
  });

  it('serves health per bucket, with time in each status', async () => {
    h = await createApiHarness(dialect);
    await hours(2, 5);
    h.sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 1, count: 1 });
    await hours(1, 5);
    // From half past the setup's run: the three hourly runs only.
    const from = new Date(h.clock.now().getTime() - 2.5 * HOUR).toISOString();
    const to = new Date(h.clock.now().getTime() + HOUR).toISOString();
    const health = (await h.request({ method: 'GET', url: `/api/v1/integrations/${h.a.integration.id}/health?from=${from}&to=${to}&bucket=hour`, token: h.a.tokens.all })).json();
    expect(health.buckets).toHaveLength(5);
    const total = (key: string) => health.buckets.reduce((n: number, b: Record<string, number>) => n + b[key]!, 0);
    expect(total('imported')).toBe(15);
    expect(total('runs')).toBe(3);
    expect(total('throttled')).toBe(1);
    expect(total('sourceRequests')).toBe(4);
    expect(health.statusSeconds.active).toBeGreaterThan(0);
    const workspace = (await h.request({ method: 'GET', url: `/api/v1/health?from=${from}&to=${to}`, token: h.a.tokens.all })).json();
    expect(workspace.buckets.reduce((n: number, b: { imported: number }) => n + b.imported, 0)).toBe(15);
    const tooLong = await h.request({ method: 'GET', url: `/api/v1/integrations/${h.a.integration.id}/health?from=2020-01-01&bucket=hour`, token: h.a.tokens.all });
    expect(tooLong.json().error.details[0]).toMatchObject({ path: 'from', message: expect.stringContaining('bucket=day') });
  });

  it('writes the support report: integration, status history, settings and changes, runs, diagnoses, volume', async () => {
    h = await createApiHarness(dialect);
    await h.request({ method: 'PATCH', url: `/api/v1/integrations/${h.a.integration.id}`, token: h.a.tokens.all, payload: { settings: { filters: [{ field: 'tag', operator: 'contains', value: 'vip' }] } } });
    const missing = h.sim.createTicket({ status: 'solved', tags: ['billing'] });
    await hours(1, 0);
    const response = await h.request({
      method: 'POST',
      url: '/api/v1/support-reports',
      token: h.a.tokens.all,
      payload: { integrationId: h.a.integration.id, from: '2025-03-09', sourceRefs: [String(missing.id), '999999'] },
    });
    expect(response.statusCode).toBe(201);
    const { report, markdown } = response.json();
    expect(report.integration).toMatchObject({ name: 'Acme Support', platform: 'Zendesk', sourceAccount: 'acme', credentials: { set: true } });
    expect(report.diagnoses.map((d: { cause: string }) => d.cause)).toEqual(['excluded_by_filter', 'unknown_reference']);
    expect(report.settingsChanges.map((c: { kind: string }) => c.kind)).toEqual(['created', 'settings']);
    expect(report.runs.length).toBeGreaterThan(0);
    expect(markdown).toContain('# Support report: Acme Support (Zendesk, account "acme")');
    expect(markdown).toContain(`### ${missing.id} — excluded by filter`);
    expect(markdown).toContain('## Settings changes');
    expect(JSON.stringify(report)).not.toContain(h.sim.admin.token!);
    const history = (await h.request({ method: 'GET', url: `/api/v1/integrations/${h.a.integration.id}/history`, token: h.a.tokens.all })).json().entries;
    expect(history[0]).toMatchObject({ kind: 'settings', before: { filters: [] }, after: { filters: [{ field: 'tag', operator: 'contains', value: 'vip' }] } });
  });
});
