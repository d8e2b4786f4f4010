import { afterEach, describe, expect, it } from 'vitest';
import { runIntegration } from '../../src/services/run-integration.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { contactProjection } from '../support/clean-import.js';
import { DIALECTS } from '../support/test-database.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe.each(DIALECTS)('manual import and backfill on %s', (dialect) => {
  const url = (path: string) => `/api/v1/integrations/${h!.a.integration.id}${path}`;
  const post = (path: string, payload?: object) => h!.request({ method: 'POST', url: url(path), token: h!.a.tokens.all, ...(payload ? { payload } : {}) });
  const getRun = async (id: string) => (await h!.request({ method: 'GET', url: `/api/v1/runs/${id}`, token: h!.a.tokens.all })).json();

  it('imports one conversation whatever the filters say, recording what the schedule would have decided', async () => {
    h = await createApiHarness(dialect);
    const ticket = h.sim.createTicket({ status: 'open' });
    h.clock.advance(61_000);
    const response = await post('/imports', { sourceRef: String(ticket.id) });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.run).toMatchObject({ kind: 'single', status: 'succeeded', sourceRef: String(ticket.id), counts: { imported: 1 } });
    expect(body.decision).toMatchObject({ outcome: 'imported', evidence: { manual: true, scheduleWouldExclude: { reason: 'status_not_eligible', actual: 'open' } } });
    expect(body.contact).toMatchObject({ sourceRef: String(ticket.id), sourceStatus: 'open' });
    const integration = (await h.request({ method: 'GET', url: url(''), token: h.a.tokens.all })).json();
    expect(integration.checkpoint).toBe(h.a.integration.checkpoint ?? integration.checkpoint);
    expect(integration.status).toBe('active');
  });

  it('answers an unknown reference 404 and a failing credential with the run classification', async () => {
    h = await createApiHarness(dialect);
    h.clock.advance(1000);
    const unknown = await post('/imports', { sourceRef: '424242' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'source_reference_not_found', message: 'Zendesk has no ticket "424242" in the account "acme". Check the reference, or whether it belongs to another integration.' });
    h.sim.revokeAll();
    h.clock.advance(1000);
    const revoked = await post('/imports', { sourceRef: '1' });
    expect(revoked.statusCode).toBe(502);
    expect(revoked.json().error).toMatchObject({ code: 'source_auth_revoked', message: expect.stringContaining('Zendesk rejected the API token (401)') });
    const runs = (await h.request({ method: 'GET', url: url('/runs'), token: h.a.tokens.all })).json().runs;
    expect(runs.slice(0, 2).map((r: { kind: string; status: string; error: { category: string } }) => [r.kind, r.status, r.error.category])).toEqual([
      ['single', 'failed', 'auth_revoked'],
      ['single', 'failed', 'source_reference_not_found'],
    ]);
  });

  it('previews a backfill (counts, requests, time; nothing written), then does exactly that, without duplicates', async () => {
    h = await createApiHarness(dialect);
    h.sim.maxPageSize = 10;
    await h.request({ method: 'PATCH', url: url(''), token: h.a.tokens.all, payload: { settings: { filters: [{ field: 'channel', operator: 'is', value: 'email' }] } } });
    // Tickets excluded by the old settings: widen them and backfill the range.
    for (let i = 0; i < 6; i += 1) h.sim.createTicket({ status: 'solved', via: { channel: 'web', source: {} }, created_at: '2025-03-09T10:00:00Z' } as never);
    h.clock.advance(61_000);
    await runIntegration(h.services, h.a.integration.id, { kind: 'manual' });
    const patched = await h.request({ method: 'PATCH', url: url(''), token: h.a.tokens.all, payload: { settings: { filters: [] } } });
    expect(patched.json().backfillHint).toMatchObject({ count: expect.any(Number), reasons: { filter: expect.any(Number) } });
    const before = await contactProjection(h.services.db, h.a.integration.id);

    const preview = await post('/backfills', { from: '2025-02-01', to: '2025-03-11', preview: true });
    expect(preview.statusCode).toBe(202);
    await h.scheduler.drain();
    const previewed = await getRun(preview.json().id);
    expect(previewed).toMatchObject({ kind: 'backfill', dryRun: true, status: 'succeeded', estimate: { requests: expect.any(Number), rateLimit: '10 requests per 60 s' } });
    expect(previewed.counts.imported).toBeGreaterThan(5);
    expect(previewed.estimate.seconds).toBeGreaterThanOrEqual(60 * (Math.ceil(previewed.estimate.requests / 10) - 1));
    expect(await contactProjection(h.services.db, h.a.integration.id)).toEqual(before);

    const started = await post('/backfills', { from: '2025-02-01', to: '2025-03-11' });
    await h.scheduler.drain();
    const done = await getRun(started.json().id);
    expect(done).toMatchObject({ status: 'succeeded', dryRun: false, progress: { fraction: 1 } });
    expect({ ...done.counts, id: done.id }).toEqual({ ...previewed.counts, id: done.id });
    const after = await contactProjection(h.services.db, h.a.integration.id);
    expect(after.length).toBe(before.length + previewed.counts.imported);
    expect(new Set(after.map((l) => l.split('|')[0])).size).toBe(after.length);
    expect((await h.request({ method: 'GET', url: url(''), token: h.a.tokens.all })).json().backfillHint).toBeNull();

    // The run list keeps one kind when asked: the two backfills, not the scheduled-style run before them.
    const runsOf = (query: string) => h!.request({ method: 'GET', url: url(`/runs?${query}`), token: h!.a.tokens.all });
    expect((await runsOf('kind=backfill')).json().runs.map((r: { id: string }) => r.id).sort()).toEqual([done.id, previewed.id].sort());
    const manual = (await runsOf('kind=manual')).json().runs.map((r: { kind: string }) => r.kind);
    expect(manual.length).toBeGreaterThan(0);
    expect(new Set(manual)).toEqual(new Set(['manual']));
    expect((await runsOf('kind=weekly')).json().error.details[0]).toMatchObject({ path: 'querystring.kind', message: expect.stringContaining('backfill') });
  });

  it('an interrupted backfill resumes from where it stopped; cancelling stops after the current page', async () => {
    h = await createApiHarness(dialect);
    h.sim.maxPageSize = 5;
    const first = await post('/backfills', { from: '2025-02-01', to: '2025-03-11' });
    const id = first.json().id;
    // Cancel it while its second page is on its way.
    const base = h.sim.stats.exportRequests;
    h.sim.beforeExport = async (n) => {
      if (n === base + 2) await h!.request({ method: 'POST', url: `/api/v1/runs/${id}/cancel`, token: h!.a.tokens.all });
    };
    await h.scheduler.drain();
    h.sim.beforeExport = null;
    const cancelled = await getRun(id);
    expect(cancelled).toMatchObject({ status: 'cancelled', stoppedBy: 'stop_requested' });
    expect(cancelled.pages).toBeLessThan(6);
    const again = await post('/backfills', { from: '2025-02-01', to: '2025-03-11' });
    await h.scheduler.drain();
    const resumed = await getRun(again.json().id);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.checkpointBefore).toBe(cancelled.checkpointAfter);
    expect(cancelled.counts.seen + resumed.counts.seen).toBe(30);
    const refs = (await contactProjection(h.services.db, h.a.integration.id)).map((l) => l.split('|')[0]);
    expect(new Set(refs).size).toBe(refs.length);
    const conflict = await post('/runs/x/cancel');
    expect(conflict.statusCode).toBe(404);
  });

  it('validates the range', async () => {
    h = await createApiHarness(dialect);
    const bad = await post('/backfills', { from: '2025-03-10', to: '2025-03-01' });
    expect(bad.json().error.details).toEqual([{ path: 'to', message: 'must be after from' }]);
    const future = await post('/backfills', { from: '2030-01-01' });
    expect(future.json().error.details).toEqual([{ path: 'from', message: 'must not be in the future' }]);
  });
});
