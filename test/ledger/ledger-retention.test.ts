import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { pruneLedger } from '../../src/services/prune-ledger.js';
import { insertDecisions, type LedgerEntry } from '../../src/storage/decision.repository.js';
import { insertIntegration } from '../../src/storage/integration.repository.js';
import { finishRun, insertRun } from '../../src/storage/run.repository.js';
import { DIALECTS } from '../support/test-database.js';
import { cleanImport, contactProjection } from '../support/clean-import.js';
import { createZendeskHarness, type ZendeskHarness } from '../support/zendesk-harness.js';

const entry = (sourceRef: string, outcome: LedgerEntry['outcome'] = 'unchanged'): LedgerEntry => ({
  sourceRef,
  outcome,
  reason: outcome === 'excluded' ? 'filter' : null,
  evidence: {},
  sourceVersion: 1,
  sourceUpdatedAt: null,
  contactId: null,
});

/** Counts the statements that reach the database and the rows each one read or deleted. */
class StatementLog implements KyselyPlugin {
  readonly #kinds = new WeakMap<object, string>();
  readonly statements: Array<{ kind: string; rows: number }> = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#kinds.set(args.queryId, args.node.kind);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const kind = this.#kinds.get(args.queryId) ?? 'unknown';
    this.statements.push({ kind, rows: kind === 'DeleteQueryNode' ? Number(args.result.numAffectedRows ?? 0) : args.result.rows.length });
    return args.result;
  }
}

describe.each(DIALECTS)('ledger retention on %s', (dialect) => {
  let h: ZendeskHarness;
  beforeAll(async () => {
    h = await createZendeskHarness(dialect, { sim: { tickets: 120 } });
  });
  afterAll(() => h.close());

  // The harness clock reads 2025-03-10; with 30 days' retention the cutoff is 2025-02-08.
  const old = (day: string) => new Date(`2024-${day}T08:00:00Z`);
  const recent = (day: string) => new Date(`2025-03-${day}T08:00:00Z`);

  const newIntegration = async () =>
    (
      await insertIntegration(h.services.db, {
        id: randomBytes(8).toString('hex'),
        workspaceId: h.workspace.id,
        platform: 'zendesk',
        name: `Ledger ${randomBytes(3).toString('hex')}`,
        sourceAccount: 'acme',
        connection: { subdomain: 'acme' },
        credentials: null,
        settings: { startDate: '2025-01-01', statusCriteria: ['solved', 'closed'], filters: [], intervalMinutes: 15, noImportAlertHours: 24 },
        now: h.clock.now(),
        createdBy: 'test',
      })
    ).id;

  const record = (integrationId: string, entries: LedgerEntry[], at: Date) =>
    insertDecisions(h.services.db, { workspaceId: h.workspace.id, integrationId, runId: 'r' }, entries, at);

  const ledgerOf = async (integrationId: string) => {
    const rows = await h.services.db.selectFrom('decisions').select(['source_ref', 'decided_at', 'outcome']).where('integration_id', '=', integrationId).orderBy('id').execute();
    return rows.map((r) => `${r.source_ref} ${r.decided_at.slice(0, 10)} ${r.outcome}`);
  };

  it('drops decisions past the age that have a newer one, and never a reference\'s latest', async () => {
    const id = await newIntegration();
    await record(id, [entry('a', 'imported'), entry('b', 'excluded'), entry('only-old', 'excluded')], old('06-01'));
    await record(id, [entry('a')], old('07-01'));
    await record(id, [entry('c', 'imported')], recent('01'));
    await record(id, [entry('b', 'imported'), entry('c')], recent('05'));

    const summary = await pruneLedger(h.services, 30, { pauseMs: 0 });

    expect(summary.deleted).toBe(2);
    expect(await ledgerOf(id)).toEqual([
      'only-old 2024-06-01 excluded', // old, but the only one: "what happened to it" keeps its answer
      'a 2024-07-01 unchanged', // old, but a's latest
      'c 2025-03-01 imported', // inside the retention, though not the latest
      'b 2025-03-05 imported',
      'c 2025-03-05 unchanged',
    ]);
    expect((await pruneLedger(h.services, 30, { pauseMs: 0 })).deleted).toBe(0);
    // 0 keeps everything.
    expect((await pruneLedger(h.services, 0)).deleted).toBe(0);
  });

  it("removes a diagnosis's live checks once a day old, and no other run", async () => {
    const id = await newIntegration();
    const now = h.clock.now();
    const run = async (kind: 'single' | 'manual', dryRun: boolean, hoursAgo: number, ended: boolean) => {
      const queued = await insertRun(h.services.db, { workspaceId: h.workspace.id, integrationId: id, kind, dryRun, sourceRef: kind === 'single' ? '7' : null, checkpointBefore: null, now: new Date(now.getTime() - hoursAgo * 3_600_000) });
      if (ended) await finishRun(h.services.db, queued.id, { status: 'succeeded', error: null, stoppedBy: null, source: queued.source, now });
      return queued.id;
    };
    const oldChecks = [await run('single', true, 30, true), await run('single', true, 25, true), await run('single', true, 48, true)];
    const kept = [await run('single', true, 2, true), await run('single', true, 30, false), await run('single', false, 30, true), await run('manual', false, 30, true)];

    const summary = await pruneLedger(h.services, 30, { pauseMs: 0, batchSize: 2 });

    expect(summary.liveChecks).toBe(3);
    const left = (await h.services.db.selectFrom('runs').select('id').where('integration_id', '=', id).execute()).map((r) => r.id);
    expect(left.sort()).toEqual([...kept].sort());
    expect(left).not.toContain(oldChecks[0]);
    // 0 keeps everything, live checks too.
    await run('single', true, 30, true);
    expect((await pruneLedger(h.services, 0)).liveChecks).toBe(0);
  });

  it('prunes two integrations holding the same reference independently', async () => {
    const first = await newIntegration();
    const second = await newIntegration();
    await record(first, [entry('shared', 'imported')], old('03-01'));
    await record(second, [entry('shared', 'imported')], old('04-01'));
    await record(second, [entry('shared')], old('05-01'));
    await record(first, [entry('own', 'imported')], old('03-01'));
    await record(first, [entry('own')], old('08-01'));

    await pruneLedger(h.services, 30, { pauseMs: 0 });

    // The second integration's newer decisions on "shared" do not make the first one's latest go.
    expect(await ledgerOf(first)).toEqual(['shared 2024-03-01 imported', 'own 2024-08-01 unchanged']);
    expect(await ledgerOf(second)).toEqual(['shared 2024-05-01 unchanged']);
  });

  it('works in bounded batches: no statement reads or deletes more than the batch size', async () => {
    const id = await newIntegration();
    const refs = Array.from({ length: 9 }, (_, i) => `batch-${i}`);
    await record(id, refs.map((r) => entry(r, 'imported')), old('02-01'));
    await record(id, refs.map((r) => entry(r)), old('09-01'));
    await record(id, refs.map((r) => entry(r)), recent('09'));
    const log = new StatementLog();
    const batches: Array<{ scanned: number; deleted: number }> = [];

    const summary = await pruneLedger({ ...h.services, db: h.services.db.withPlugin(log) }, 30, {
      batchSize: 4,
      pauseMs: 0,
      onBatch: (b) => {
        if (b.integrationId === id) batches.push({ scanned: b.scanned, deleted: b.deleted });
      },
    });

    // 18 old decisions of this integration, looked at 4 at a time: 5 windows, every one deleted (each has a newer one).
    expect(batches).toEqual([
      { scanned: 4, deleted: 4 },
      { scanned: 4, deleted: 4 },
      { scanned: 4, deleted: 4 },
      { scanned: 4, deleted: 4 },
      { scanned: 2, deleted: 2 },
    ]);
    expect(summary.deleted).toBeGreaterThanOrEqual(18);
    const deletes = log.statements.filter((s) => s.kind === 'DeleteQueryNode');
    const reads = log.statements.filter((s) => s.kind === 'SelectQueryNode');
    expect(deletes.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...deletes.map((s) => s.rows))).toBeLessThanOrEqual(4);
    expect(Math.max(...reads.map((s) => s.rows).filter((_, i) => i > 0))).toBeLessThanOrEqual(4); // the first read lists the integrations
    expect((await ledgerOf(id)).every((line) => line.includes('2025-03-09'))).toBe(true);
  });

  it('an import running during a prune completes with the contacts a clean import gives', async () => {
    // A year of older decisions on the tickets, then an import, then changes at the source.
    const refs = h.sim.tickets().map((t) => String(t.id));
    for (const month of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']) {
      await record(h.integration.id, refs.map((r) => entry(r)), old(`${month}-15`));
    }
    expect((await h.run()).status).toBe('succeeded');
    h.clock.advance(3_600_000);
    h.sim.mutate({ updates: 20, creates: 15 });
    h.clock.advance(61_000);
    const before = await h.services.db.selectFrom('decisions').select((eb) => eb.fn.countAll<number>().as('n')).where('integration_id', '=', h.integration.id).executeTakeFirstOrThrow();

    let firstBatch!: () => void;
    const pruning = new Promise<void>((resolve) => (firstBatch = resolve));
    let batchesDuringImport = 0;
    let importing = false;
    const prune = pruneLedger(h.services, 30, {
      batchSize: 25,
      pauseMs: 1,
      onBatch: (b) => {
        if (b.integrationId !== h.integration.id) return;
        if (importing) batchesDuringImport += 1;
        firstBatch();
      },
    });
    await pruning;
    importing = true;
    const run = await h.run();
    importing = false;
    const summary = await prune;

    expect(run.status).toBe('succeeded');
    expect(batchesDuringImport).toBeGreaterThan(0);
    expect(summary.deleted).toBeGreaterThan(1000);
    const connection = h.integration.connection as { baseUrl: string };
    expect(await contactProjection(h.services.db, h.integration.id)).toEqual(await cleanImport(h.sim, connection.baseUrl, h.clock));
    // Every ticket keeps a decision, and nothing older than the retention is left beside a newer one.
    const rows = await h.services.db.selectFrom('decisions').select(['source_ref', 'decided_at']).where('integration_id', '=', h.integration.id).execute();
    const refsLeft = new Set(rows.map((r) => r.source_ref));
    for (const ref of refs) expect(refsLeft.has(ref)).toBe(true);
    expect(rows.filter((r) => r.decided_at < '2025-02-08').length).toBe(0);
    expect(rows.length).toBeLessThan(Number(before.n));
  });
});
