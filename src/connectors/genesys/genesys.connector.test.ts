import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SourcePage } from '../../core/ports.js';
import { RUN_ENDED_REASON } from '../../core/run-import.js';
import { SourceError } from '../../core/source-error.js';
import { readGenesysCheckpoint } from './genesys-checkpoint.js';
import { fromStart, readAll, refs, startGenesys, stopGenesysSimulators } from './genesys-test-setup.js';

afterEach(stopGenesysSimulators);

const backfill = (from: string, until: string) => ({ startDate: new Date(from), until: new Date(until), checkpoint: null as string | null });

async function failure(pages: AsyncIterable<SourcePage>): Promise<SourceError> {
  const error = await readAll(pages).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('Genesys Cloud connector: scheduled runs (synchronous details query)', () => {
  it('reads every conversation once, maps channel, agent and wrap-up names, and ends with a checkpoint on the re-query window', async () => {
    const { connector, sim } = await startGenesys({ maxPageSize: 7 });
    const pages = await readAll(connector.readPages(fromStart));
    expect(refs(pages).sort()).toEqual(sim.conversations().map((c) => c.conversationId).sort());
    const first = sim.conversations()[0]!;
    const contact = pages.flatMap((p) => p.records).find((r) => r.ok && r.contact.sourceRef === first.conversationId);
    const agent = first.participants.find((p) => p.purpose === 'agent')!;
    const code = agent.sessions[0]!.segments.find((s) => s.wrapUpCode)!.wrapUpCode!;
    expect(contact).toMatchObject({
      ok: true,
      contact: { channel: agent.sessions[0]!.mediaType, agent: agent.userId, status: 'closed', sourceStatus: 'ended', tags: [sim.wrapUpCodes.find((c) => c.id === code)!.name] },
    });
    expect(readGenesysCheckpoint(pages.at(-1)!.checkpoint)).toEqual({ v: 1, mode: 'query', at: { since: '2025-03-08T00:00:00.000Z' } });
    expect(pages.at(-1)!.reachedAt).toBe('2025-03-10T12:00:00.000Z');
  });

  it('an active conversation (no conversationEnd) is open, and the next run re-reads its day and finds it ended', async () => {
    const { connector, sim, clock } = await startGenesys({ conversations: 5 });
    clock.advance(-3 * 86_400_000);
    const active = sim.createConversation();
    clock.advance(3 * 86_400_000);
    const first = await readAll(connector.readPages(fromStart));
    const seen = first.flatMap((p) => p.records).find((r) => r.ok && r.contact.sourceRef === active.conversationId);
    expect(seen).toMatchObject({ ok: true, contact: { status: 'open', sourceStatus: 'active', closedAt: null } });
    // Started three days ago: the re-query window (two days) is pulled back to its start day.
    expect(readGenesysCheckpoint(first.at(-1)!.checkpoint)).toMatchObject({ at: { since: '2025-03-07T00:00:00.000Z' } });

    sim.endConversation(active.conversationId);
    const next = await readAll(connector.readPages({ ...fromStart, checkpoint: first.at(-1)!.checkpoint }));
    expect(next.flatMap((p) => p.records).find((r) => r.ok && r.contact.sourceRef === active.conversationId)).toMatchObject({ ok: true, contact: { status: 'closed', sourceStatus: 'ended' } });
    expect(readGenesysCheckpoint(next.at(-1)!.checkpoint)).toMatchObject({ at: { since: '2025-03-08T00:00:00.000Z' } });
  });
});

describe('Genesys Cloud connector: OAuth client credentials', () => {
  it('keeps one token for a whole read, renews it before it expires, and fetches a new one once on a 401', async () => {
    const { connector, sim, clock } = await startGenesys({ tokenLifetimeSeconds: 600 });
    await readAll(connector.readPages(fromStart));
    expect(connector.tokensFetched).toBe(1);
    clock.advance(8 * 60_000);
    await connector.listAgents!();
    expect(connector.tokensFetched).toBe(2);
    sim.expireTokens();
    expect((await connector.listAgents!()).map((a) => a.name)).toContain('Amara Okafor');
    expect(connector.tokensFetched).toBe(3);
    expect(sim.stats.byStatus['401']).toBe(1);
  });

  it('a deleted client: the 401, one new token refused (invalid_client), auth_revoked naming the fix', async () => {
    const { connector, sim } = await startGenesys();
    await connector.verifyCredentials();
    sim.deleteClient();
    const error = await failure(connector.readPages(fromStart));
    expect(error).toMatchObject({ category: 'auth_revoked', detail: { platformCode: 'invalid_client' } });
    expect(error.message).toMatch(/reconnect the integration with the client id and secret of an OAuth client/);
    expect(sim.stats.tokenRequests).toBe(2);
  });

  it.each([
    ['ip.not.authorized', 'forbidden', /IP Address Allowlist/],
    ['missing.permissions', 'forbidden', /analytics:conversationDetail:view/],
    ['credentials.expired', 'auth_expired', /Reconnect the integration with the OAuth client's current secret/],
    ['bad.credentials', 'auth_revoked', /Check the region, or reconnect/],
  ] as const)('ErrorBody %s → %s, the message naming the fix', async (code, category, fix) => {
    const { connector, sim } = await startGenesys();
    sim.injectFault({ kind: 'auth_error', code }, 'all');
    const error = await failure(connector.readPages(fromStart));
    expect(error).toMatchObject({ category, detail: { platformCode: code } });
    expect(error.message).toMatch(fix);
  });

  it('a daily quota (429 with a Retry-After of hours) ends the read rate_limited, resuming then', async () => {
    const { connector, sim } = await startGenesys();
    sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 6 * 3600, count: 1 });
    const error = await failure(connector.readPages(fromStart));
    expect(error).toMatchObject({ category: 'rate_limited', resumeAt: new Date('2025-03-10T18:00:00Z') });
    expect(error.message).toMatch(/^Rate limited by Genesys Cloud — resumes at 18:00 UTC/);
  });
});

describe('Genesys Cloud connector: backfills (asynchronous jobs)', () => {
  it('submits a job up to the data availability date, waits for it (shown as a report wait), pages its results, then queries the rest', async () => {
    const { connector, sim, waits } = await startGenesys({ maxPageSize: 4, conversations: 40 });
    const pages = await readAll(connector.readPages(backfill('2025-02-01T00:00:00Z', '2025-03-11T00:00:00Z')));
    const inRange = sim.conversations().filter((c) => c.conversationStart >= '2025-02-01');
    expect([...new Set(refs(pages))].sort()).toEqual(inRange.map((c) => c.conversationId).sort());
    expect(sim.stats.jobsSubmitted).toBe(1);
    const job = [...sim.jobs.values()][0]!;
    expect(new Date(job.to).toISOString()).toBe('2025-03-10T08:00:00.000Z');
    expect(job.deleted).toBe(true);
    expect(waits.some((w) => w.kind === 'report' && /^Genesys Cloud is preparing the report, .* so far \(job (QUEUED|PENDING)\) — next check at/.test(w.reason))).toBe(true);
    expect(readGenesysCheckpoint(pages[0]!.checkpoint)).toMatchObject({ mode: 'job', jobId: job.id });
  });

  it('a run killed while the job is pending resumes with the same job', async () => {
    const { connector, sim } = await startGenesys({ jobTiming: { prepareMs: 600_000 } });
    const shutdown = new AbortController();
    const iterator = connector.readPages(backfill('2025-02-20T00:00:00Z', '2025-03-01T00:00:00Z'), shutdown.signal)[Symbol.asyncIterator]();
    const submitted = (await iterator.next()).value as SourcePage;
    shutdown.abort(new Error('Intake is shutting down'));
    await iterator.next().catch(() => undefined);
    const rest = await readAll(connector.readPages({ ...backfill('2025-02-20T00:00:00Z', '2025-03-01T00:00:00Z'), checkpoint: submitted.checkpoint }));
    expect(sim.stats.jobsSubmitted).toBe(1);
    expect(sim.stats.jobsDeleted).toBe(1);
    expect(refs(rest).length).toBeGreaterThan(0);
  });

  it('a cancelled backfill deletes its job at Genesys', async () => {
    const { connector, sim } = await startGenesys({ jobTiming: { prepareMs: 600_000 } });
    const run = new AbortController();
    const iterator = connector.readPages(backfill('2025-02-20T00:00:00Z', '2025-03-01T00:00:00Z'), run.signal)[Symbol.asyncIterator]();
    await iterator.next();
    run.abort(new Error(RUN_ENDED_REASON));
    await iterator.next().catch(() => undefined);
    await vi.waitFor(() => expect(sim.stats.jobsDeleted).toBe(1));
    expect([...sim.jobs.values()][0]!.deleted).toBe(true);
  });

  it('a failed job is an explained source_error, never an empty import', async () => {
    const { connector, sim } = await startGenesys();
    sim.injectFault({ kind: 'job_failed', message: 'The query exceeded the maximum result size' }, 'all');
    const error = await failure(connector.readPages(backfill('2025-02-20T00:00:00Z', '2025-03-01T00:00:00Z')));
    expect(error.category).toBe('source_error');
    expect(error.message).toMatch(/^Genesys Cloud could not prepare the report of conversations from 2025-02-20 to 2025-03-01 \(job .* FAILED: The query exceeded the maximum result size\)\. Nothing from it was imported/);
  });

  it('results that expire mid-read end the run explained; run again, a new job is asked for', async () => {
    const { connector, sim } = await startGenesys({ maxPageSize: 3 });
    sim.beforePaged = (n) => {
      if (n === 2) for (const job of sim.jobs.values()) job.expired = true;
    };
    const range = backfill('2025-02-20T00:00:00Z', '2025-03-01T00:00:00Z');
    const pages: SourcePage[] = [];
    const error = await (async () => {
      for await (const page of connector.readPages(range)) pages.push(page);
    })().catch((e: unknown) => e as SourceError);
    expect(error).toMatchObject({ category: 'source_error', message: expect.stringMatching(/expired before Intake read all of it/) });
    sim.beforePaged = null;
    const rest = await readAll(connector.readPages({ ...range, checkpoint: pages.at(-1)!.checkpoint }));
    expect(sim.stats.jobsSubmitted).toBe(2);
    expect(refs(rest).length).toBeGreaterThan(0);
  });
});
