import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { ManualClock } from '../../src/core/manual-clock.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { requestIntegrationRun } from '../../src/services/request-run.js';
import { QueueDispatcher } from '../../src/services/run-dispatch.js';
import { runNow } from '../../src/services/run-now.js';
import { ONE_OPEN_RUN_INDEX, oneOpenRunMigration } from '../../src/storage/migrations/0014-one-open-run.js';
import { openDatabase, type OpenedDatabase } from '../../src/storage/open-database.js';
import { insertRun } from '../../src/storage/run.repository.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

/**
 * Holds every read of the runs table until `parties` callers have made one: all of them look for
 * an open run before any of them writes one — the race two processes run when both find an
 * integration due at once, made certain instead of left to timing.
 */
class RunsReadBarrier implements KyselyPlugin {
  readonly #runsReads = new WeakSet<object>();
  #waiting: Array<() => void> = [];
  #open = false;
  constructor(private readonly parties: number) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as { kind: string; from?: { froms: Array<{ kind: string; table?: { identifier?: { name: string } } }> } };
    if (node.kind === 'SelectQueryNode' && node.from?.froms.some((f) => f.table?.identifier?.name === 'runs')) this.#runsReads.add(args.queryId);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#open || !this.#runsReads.has(args.queryId)) return args.result;
    await new Promise<void>((resolve) => {
      this.#waiting.push(resolve);
      if (this.#waiting.length >= this.parties) {
        this.#open = true;
        for (const release of this.#waiting) release();
      }
    });
    return args.result;
  }
}

/** Two processes on one database: two connections (a second SQLite connection to the same file, a second pool on the same schema). */
async function secondConnection(first: TestDatabase, file: string | null): Promise<OpenedDatabase> {
  if (first.dialect === 'sqlite') return openDatabase({ kind: 'sqlite', file: file! });
  return openDatabase({ kind: 'postgres', url: process.env.TEST_DATABASE_URL!, schema: first.schema!, poolSize: 2 });
}

describe.each(DIALECTS)('two processes queuing a run for the same integration at once, on %s', (dialect) => {
  // The sandbox's epoch is checked against the wall clock.
  const clock = new ManualClock(new Date().toISOString());
  let dir: string | null = null;
  let database: TestDatabase;
  let other: OpenedDatabase;
  let a: TestServices;
  let b: TestServices;
  let workspaceId: string;

  beforeAll(async () => {
    dir = dialect === 'sqlite' ? mkdtempSync(join(tmpdir(), 'intake-race-')) : null;
    database = await createTestDatabase(dialect, dir ? { sqliteFile: join(dir, 'intake.db') } : {});
    other = await secondConnection(database, dir ? join(dir, 'intake.db') : null);
    a = createTestServices(database, { clock });
    b = createTestServices(other, { clock });
    workspaceId = (await insertWorkspace(a.db, { name: 'Acme', featureFlags: { integrations: true }, now: clock.now() })).id;
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    await other.close();
    await database.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  const newIntegration = async () => {
    n += 1;
    // The sandbox reads nothing over the network; the race is about the runs table alone.
    const integration = await addIntegration(a, workspaceId, { platform: 'sandbox', name: `Sandbox ${n}`, connection: { epoch: clock.now().toISOString() }, settings: { startDate: '2026-01-01' } }, 'test');
    return integration.id;
  };
  const openRuns = async (integrationId: string) =>
    a.db.selectFrom('runs').select(['id', 'kind']).where('integration_id', '=', integrationId).where('status', 'in', ['queued', 'running']).execute();
  /** Each process's services with its reads of the runs table held at one barrier. */
  const racing = () => {
    const barrier = new RunsReadBarrier(2);
    return [{ ...a, db: a.db.withPlugin(barrier) }, { ...b, db: b.db.withPlugin(barrier) }] as const;
  };

  it('the schedule and Run now: one run is queued, and both answer with it', async () => {
    const integrationId = await newIntegration();
    const [first, second] = racing();
    const [scheduled, manual] = await Promise.all([
      requestIntegrationRun(first, integrationId, { kind: 'scheduled' }),
      requestIntegrationRun(second, integrationId, { kind: 'manual', requestedBy: 'ann' }),
    ]);
    const open = await openRuns(integrationId);
    expect(open).toHaveLength(1);
    expect(scheduled.run.id).toBe(open[0]!.id);
    expect(manual.run.id).toBe(open[0]!.id);
    // Exactly one of the two wrote it; the other found it.
    expect([scheduled.created, manual.created].sort()).toEqual([false, true]);
  });

  it('two schedulers finding the integration due: one run, and no error logged by the loser', async () => {
    const integrationId = await newIntegration();
    const [first, second] = racing();
    const schedulers = [new Scheduler(first, { maxConcurrent: 1, queueOnly: true }), new Scheduler(second, { maxConcurrent: 1, queueOnly: true })];
    await Promise.all(schedulers.map((s) => s.runOnce()));
    expect(await openRuns(integrationId)).toEqual([{ id: expect.any(String), kind: 'scheduled' }]);
    expect([...a.logLines, ...b.logLines].filter((l) => Number(l.level) >= 50)).toEqual([]);
    await Promise.all(schedulers.map((s) => s.stop()));
  });

  it('Run now while the schedule has queued a run answers with that run', async () => {
    const integrationId = await newIntegration();
    const queued = await requestIntegrationRun(a, integrationId, { kind: 'scheduled' });
    const answer = await runNow(b, new QueueDispatcher(b), workspaceId, integrationId, 'ann');
    expect(answer).toMatchObject({ id: queued.run.id, status: 'queued', kind: 'scheduled' });
    expect(await openRuns(integrationId)).toHaveLength(1);
  });

  it('the database refuses a second open run however it is written', async () => {
    const integrationId = await newIntegration();
    await insertRun(a.db, { workspaceId, integrationId, kind: 'scheduled', checkpointBefore: null, now: clock.now() });
    await expect(insertRun(b.db, { workspaceId, integrationId, kind: 'manual', checkpointBefore: null, now: clock.now() })).rejects.toThrow();
    // Other kinds are not held to it: a backfill waits beside the scheduled run.
    await insertRun(b.db, { workspaceId, integrationId, kind: 'backfill', windowFrom: '2026-02-01T00:00:00.000Z', windowTo: '2026-03-01T00:00:00.000Z', checkpointBefore: null, now: clock.now() });
    expect(await openRuns(integrationId)).toHaveLength(2);
  });

  it('the migration closes duplicates an earlier race left open, keeping the run that runs', async () => {
    const integrationId = await newIntegration();
    await a.db.schema.dropIndex(ONE_OPEN_RUN_INDEX).execute();
    const queuedFirst = await insertRun(a.db, { workspaceId, integrationId, kind: 'scheduled', checkpointBefore: null, now: clock.now() });
    const queuedLater = await insertRun(a.db, { workspaceId, integrationId, kind: 'manual', checkpointBefore: null, now: new Date(clock.now().getTime() + 1000) });
    const running = await insertRun(a.db, { workspaceId, integrationId, kind: 'scheduled', checkpointBefore: null, receivedBy: { owner: 'worker-1', leaseMs: 60_000 }, now: new Date(clock.now().getTime() + 2000) });
    await oneOpenRunMigration().up(a.db as never);
    const statuses = await a.db.selectFrom('runs').select(['id', 'status', 'stopped_by']).where('integration_id', '=', integrationId).execute();
    expect(new Map(statuses.map((r) => [r.id, [r.status, r.stopped_by]]))).toEqual(
      new Map([
        [running.id, ['running', null]],
        [queuedFirst.id, ['cancelled', 'duplicate_run']],
        [queuedLater.id, ['cancelled', 'duplicate_run']],
      ]),
    );
    // The index is back: a second open run is refused again.
    await expect(insertRun(a.db, { workspaceId, integrationId, kind: 'manual', checkpointBefore: null, now: clock.now() })).rejects.toThrow();
  });
});
