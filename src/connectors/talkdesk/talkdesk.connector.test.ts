import { afterEach, describe, expect, it } from 'vitest';
import type { SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import { readTalkdeskCheckpoint } from './talkdesk-checkpoint.js';
import { mapTalkdeskCall } from './talkdesk-mapping.js';
import { fromDate, readAll, refs, startTalkdesk, stopTalkdeskSimulators } from './talkdesk-test-setup.js';

afterEach(stopTalkdeskSimulators);

const recent = fromDate('2025-03-01T00:00:00Z');
const failure = async (pages: AsyncIterable<SourcePage>) => readAll(pages).then(() => null, (error: unknown) => error as SourceError);

describe('Talkdesk connector: the calls report', () => {
  it('reads every call that ended in the range, in one job a month, and moves the checkpoint to the range end', async () => {
    const { connector, sim } = await startTalkdesk({ calls: 30, spanDays: 80, processingMs: 0 });
    const pages = await readAll(connector.readPages(fromDate('2024-12-01T00:00:00Z')));
    expect(refs(pages).sort()).toEqual([...sim.calls.keys()].sort());
    // 99 days (less the 5 settling minutes) in jobs of at most 30 days.
    expect(sim.stats.jobsCreated).toBe(4);
    expect(readTalkdeskCheckpoint(pages.at(-1)!.checkpoint)).toEqual({ v: 1, readTo: '2025-03-10T11:55:00Z' });
    // The token never went to the storage address (it refuses a request that carries one with 400).
    expect(sim.stats.byStatus['400']).toBeUndefined();
  });

  it('shows the wait while Talkdesk prepares the report, and keeps the job in the checkpoint before waiting', async () => {
    const { connector, sim, waits } = await startTalkdesk({ processingMs: 3 * 60_000 });
    const pages = await readAll(connector.readPages(recent));
    const first = readTalkdeskCheckpoint(pages[0]!.checkpoint);
    expect(pages[0]!.records).toEqual([]);
    expect(first.job).toMatchObject({ id: [...sim.jobs.keys()][0], offset: 0 });
    expect(waits.every((w) => w.kind === 'report')).toBe(true);
    expect(waits.at(-1)!.reason).toMatch(/^Waiting for Talkdesk to prepare the report \(calls that ended 2025-03-01 00:00 – 2025-03-10 11:55 UTC\), 2 min so far — next check at/);
    expect(refs(pages)).toHaveLength(30);
  });

  it('resumes with the same job when a run stopped while it was pending', async () => {
    const { connector, sim, clock } = await startTalkdesk({ processingMs: 10 * 60_000 });
    const iterator = connector.readPages(recent)[Symbol.asyncIterator]();
    const pending = (await iterator.next()).value as SourcePage;
    await iterator.return?.();
    const kept = readTalkdeskCheckpoint(pending.checkpoint).job!;
    expect(sim.stats.jobsCreated).toBe(1);

    clock.advance(60_000);
    const pages = await readAll(connector.readPages({ ...recent, checkpoint: pending.checkpoint }));
    expect(sim.stats.jobsCreated).toBe(2); // the same job, then one for the minutes since
    expect([...sim.jobs.keys()][0]).toBe(kept.id);
    expect(new Set(refs(pages)).size).toBe(30);
  });

  it('asks for a new job when the kept one is gone (expired)', async () => {
    const { connector, sim } = await startTalkdesk({ processingMs: 10 * 60_000 });
    const iterator = connector.readPages(recent)[Symbol.asyncIterator]();
    const pending = (await iterator.next()).value as SourcePage;
    await iterator.return?.();
    sim.jobs.clear();
    const pages = await readAll(connector.readPages({ ...recent, checkpoint: pending.checkpoint }));
    expect(new Set(refs(pages)).size).toBe(30);
    // The lost job's span again, then the range since (with its look-back).
    expect(sim.stats.jobsCreated).toBe(3);
  });

  it('ends with a classified, explained error when a job fails — never an empty import', async () => {
    const { connector, sim } = await startTalkdesk({ processingMs: 0 });
    sim.injectFault({ kind: 'job_failed', count: 1 }, 'all');
    const error = await failure(connector.readPages(recent));
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ category: 'source_error', transient: true, detail: { jobStatus: 'failed' } });
    expect(error!.message).toMatch(/^Talkdesk could not prepare the calls report for calls that ended 2025-03-01 00:00 – 2025-03-10 11:55 UTC: its job \w+ ended "failed"\. Nothing from that span was imported and nothing is lost/);
  });

  it('ends with a classified error when a job expires before its file is read', async () => {
    const { connector, sim } = await startTalkdesk({ processingMs: 0 });
    sim.injectFault({ kind: 'job_expired', count: 1 }, 'all');
    const error = await failure(connector.readPages(recent));
    expect(error).toMatchObject({ category: 'source_error', detail: { jobStatus: 'expired' } });
    expect(error!.message).toMatch(/no longer has the report job .* expired or was deleted before Intake read it/);
  });

  it('stops waiting on a job after the limit, keeping it for the next run', async () => {
    const { connector } = await startTalkdesk({ processingMs: 3 * 3_600_000 }, { maxJobWaitMs: 10 * 60_000 });
    const error = await failure(connector.readPages(recent));
    expect(error).toMatchObject({ category: 'source_error', detail: { jobStatus: 'pending' } });
    expect(error!.message).toMatch(/has been preparing the calls report for 10 min .* the next run checks the same job again/);
  });

  it('renews the 10-minute token during a long read, and after a 401', async () => {
    const { connector, sim } = await startTalkdesk({ calls: 30, spanDays: 80, processingMs: 8 * 60_000 });
    const pages = await readAll(connector.readPages(fromDate('2024-12-01T00:00:00Z')));
    expect(new Set(refs(pages)).size).toBe(30);
    expect(sim.stats.tokens).toBeGreaterThan(2);
    expect(sim.stats.byStatus['401'] ?? 0).toBe(0);
  });

  it('asks for a new token when the API refuses one before it expires, and goes on', async () => {
    const { connector, sim } = await startTalkdesk({ processingMs: 3 * 60_000 });
    const iterator = connector.readPages(recent)[Symbol.asyncIterator]();
    await iterator.next();
    sim.expireTokens();
    const rest: SourcePage[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value);
    expect(refs(rest)).toHaveLength(30);
    expect(sim.stats.byStatus['401']).toBe(1);
    expect(sim.stats.tokens).toBe(2);
  });

  it('retries a token refused while a new scope propagates, then reads', async () => {
    const { connector, sim, clock, waits } = await startTalkdesk({ processingMs: 0 });
    sim.client.scope = 'pending';
    sim.client.pendingUntil = clock.now().getTime() + 90_000;
    const pages = await readAll(connector.readPages(recent));
    expect(refs(pages)).toHaveLength(30);
    expect(waits.filter((w) => w.kind === 'backoff').map((w) => w.reason)[0]).toMatch(/a scope just added to the OAuth client takes a few minutes to work/);
  });

  it('reports a permission problem naming the scope when the 401 outlasts a few minutes', async () => {
    const { connector, sim } = await startTalkdesk({ processingMs: 0 });
    sim.client.scope = 'pending';
    sim.client.pendingUntil = Number.POSITIVE_INFINITY;
    const error = await failure(connector.readPages(recent));
    expect(error).toMatchObject({ category: 'forbidden', detail: { scope: 'data-reports:read' } });
    expect(error!.message).toMatch(/^Talkdesk kept refusing a token with the scope data-reports:read for 5 min/);
    expect(sim.stats.tokens).toBeGreaterThan(5);
  });

  it('refuses wrong client credentials at once, naming the fix', async () => {
    const { connect, sim } = await startTalkdesk();
    const error = await failure(connect({ clientId: sim.client.clientId, clientSecret: 'wrong' }).readPages(recent));
    expect(error).toMatchObject({ category: 'auth_revoked' });
    expect(error!.message).toMatch(/Reconnect the integration with the client id and secret of an active OAuth client/);
    expect(sim.stats.tokens).toBe(1);
  });

  it('waits out a 429 as long as Talkdesk asks, recording the wait', async () => {
    const { connector, sim, waits } = await startTalkdesk({ processingMs: 0 });
    sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 20, count: 2 }, 'all');
    const pages = await readAll(connector.readPages(recent));
    expect(refs(pages)).toHaveLength(30);
    expect(waits.filter((w) => w.kind === 'retry_after')).toHaveLength(2);
  });
});

describe('Talkdesk mapping', () => {
  it('reads entries written before 2026-05-11 (interaction_id, start_time in "YYYY-MM-DD HH:MM:SS")', () => {
    const mapped = mapTalkdeskCall({ interaction_id: '74458c259bc04bf1988697e3c5623ae2', call_type: 'inbound', start_time: '2022-06-30 16:42:24', end_time: '2022-06-30 16:42:38', disposition_code: 'Not Interested' });
    expect(mapped).toMatchObject({ ok: true, contact: { sourceRef: '74458c259bc04bf1988697e3c5623ae2', channel: 'voice', status: 'closed', createdAt: '2022-06-30T16:42:24.000Z', closedAt: '2022-06-30T16:42:38.000Z' } });
  });

  it('gives a later copy of a call (a CSAT survey answered) a higher version', () => {
    const call = { call_id: 'c1', type: 'inbound', start_at: '2025-03-01T09:00:00Z', end_at: '2025-03-01T09:05:00Z' };
    const before = mapTalkdeskCall(call);
    const after = mapTalkdeskCall({ ...call, csat_score: 4, csat_survey_time: '2025-03-02T10:00:00Z' });
    expect(before.ok && after.ok && after.contact.version > before.contact.version).toBe(true);
    expect(after).toMatchObject({ ok: true, contact: { metadata: { csatScore: 4 } } });
  });

  it('names the field that makes an entry unreadable', () => {
    expect(mapTalkdeskCall({ call_id: 'c2', type: 'inbound', start_at: '2025-03-01T09:00:00Z' })).toMatchObject({ ok: false, sourceRef: 'c2', field: 'end_at' });
  });
});
