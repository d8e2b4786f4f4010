import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import type { Run } from '../../src/core/run.js';
import { createLogger } from '../../src/logger.js';
import { openIntake, type OpenedIntake } from '../../src/main.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { startBackfill } from '../../src/services/backfill.js';
import { ROLE_PERMISSIONS } from '../../src/core/permissions.js';
import { defaultWorkspace } from '../../src/services/bootstrap-workspace.js';
import { diagnoseReference } from '../../src/services/diagnose-reference.js';
import { listIntegrationRuns } from '../../src/services/read-runs.js';
import { importOne } from '../../src/services/import-one.js';
import { QueueDispatcher, waitForRunEnd } from '../../src/services/run-dispatch.js';
import { runNow } from '../../src/services/run-now.js';
import { updateIntegrationSettings } from '../../src/services/update-integration.js';
import { findRun } from '../../src/storage/run.repository.js';
import { cleanImport, contactProjection } from '../support/clean-import.js';
import { startIntakeProcess, type IntakeProcess } from '../support/intake-process.js';

const url = process.env.TEST_DATABASE_URL;
const LEASE_SECONDS = 3;

/**
 * Distributed mode on PostgreSQL with real `intake worker` processes: every kind of run executes on
 * a worker, a worker killed mid-run is replaced by the others (the run continues from its
 * checkpoint and the contacts equal a clean import), and two workers never run one integration at
 * once. The lease is short here so a dead worker's runs are taken over within seconds.
 */
describe.skipIf(!url)('workers on PostgreSQL: every run kind, and a worker killed mid-run', () => {
  const database = `intake_workers_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-workers-'));
  const sims: ZendeskSimulator[] = [];
  const processes: IntakeProcess[] = [];
  const workers: IntakeProcess[] = [];
  let intake: OpenedIntake;
  let env: Record<string, string>;
  let workspaceId: string;
  /** Samples of who runs each integration: more than one holder at a time is a failure. */
  const overlaps: string[] = [];
  let sampling: NodeJS.Timeout | null = null;
  const admin = () => new pg.Client({ connectionString: url });

  const newSim = (subdomain: string, tickets: number) => {
    const sim = new ZendeskSimulator({ subdomain, tickets, maxPageSize: 25, rateLimit: null, spanDays: 30, seed: tickets });
    // Like a real network: each page takes a while to arrive, so a run lasts long enough to be killed.
    sim.beforeExport = () => new Promise((resolve) => setTimeout(resolve, 60));
    sims.push(sim);
    return sim;
  };

  const addZendesk = async (sim: ZendeskSimulator, simUrl: string, name: string, settings: Record<string, unknown>) =>
    addIntegration(intake.services, workspaceId, { platform: 'zendesk', name, connection: { subdomain: sim.subdomain, baseUrl: simUrl }, credentials: sim.apiTokenCredentials(), settings }, 'test');

  const workerOf = async (runId: string): Promise<IntakeProcess | undefined> => {
    const run = await intake.services.db.selectFrom('runs').select('claimed_by').where('id', '=', runId).executeTakeFirst();
    const pid = Number(run?.claimed_by?.split('/')[1]);
    return workers.find((w) => w.child.pid === pid);
  };

  const waitUntil = async <T,>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const takenOver = (runId: string) =>
    waitUntil(
      `run ${runId} to be taken over by another worker`,
      async () => {
        const run = await findRun(intake.services.db, runId);
        return run && run.claims >= 2 && (run.status !== 'running' || (await workerOf(runId))?.child.exitCode === null) ? run : null;
      },
      (LEASE_SECONDS + 60) * 1000,
    );

  /** The run's one log line, from a worker (it follows the run's end in the database by a moment). */
  const endedOnWorker = async (run: Run) => {
    const logged = () => workers.some((w) => w.lines.some((l) => l.runId === run.id && String(l.msg).startsWith(`run ${run.status}`)));
    for (let waited = 0; !logged() && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    return logged();
  };

  beforeAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE ${database}`);
    await client.end();
    const databaseUrl = Object.assign(new URL(url!), { pathname: `/${database}` }).toString();
    env = {
      DATABASE_URL: databaseUrl,
      INTAKE_RUNNER: 'queue',
      INTAKE_SECRET_KEY: randomBytes(32).toString('base64'),
      INTAKE_SANDBOX: 'off',
      INTAKE_DATA_DIR: dataDir,
      INTAKE_EXTRA_SOURCE_HOSTS: '127.0.0.1',
      INTAKE_LEASE_SECONDS: String(LEASE_SECONDS),
      INTAKE_QUEUE_POLL_MS: '200',
      INTAKE_WORKER_PORT: '0',
      INTAKE_MAX_CONCURRENT_RUNS: '2',
      PORT: '0',
    };
    intake = await openIntake(loadConfig(env), createLogger({ level: 'warn' }));
    workspaceId = (await defaultWorkspace(intake.services)).id;
    const service = startIntakeProcess(env, 'start');
    processes.push(service);
    await service.waitFor((l) => String(l.msg).startsWith('distributed mode'), 90_000);
    for (let i = 0; i < 3; i += 1) workers.push(startIntakeProcess(env, 'worker'));
    processes.push(...workers);
    await Promise.all(workers.map((w) => w.waitFor((l) => String(l.msg).startsWith('worker health and metrics'), 90_000)));
    sampling = setInterval(() => {
      void intake.services.db
        .selectFrom('runs')
        .select(['integration_id', 'claimed_by'])
        .where('status', '=', 'running')
        .where('kind', 'in', ['scheduled', 'manual'])
        .where('lease_expires_at', '>', new Date().toISOString())
        .execute()
        .then((rows) => {
          const holders = new Map<string, Set<string>>();
          for (const r of rows) holders.set(r.integration_id, (holders.get(r.integration_id) ?? new Set()).add(r.claimed_by ?? '?'));
          for (const [id, who] of holders) if (who.size > 1) overlaps.push(`${id}: ${[...who].join(', ')}`);
        })
        .catch(() => undefined);
    }, 100);
  }, 120_000);

  afterAll(async () => {
    if (sampling) clearInterval(sampling);
    await Promise.all(processes.map((p) => p.stop()));
    await intake?.close();
    await Promise.all(sims.map((s) => s.stop()));
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('executes every kind of run on a worker: scheduled, manual, single, backfill and its preview', { timeout: 120_000 }, async () => {
    const sim = newSim('kinds', 120);
    sim.beforeExport = null;
    const simUrl = await sim.start();
    const integration = await addZendesk(sim, simUrl, 'Kinds', { startDate: '2000-01-01', intervalMinutes: 60 });
    const queue = new QueueDispatcher(intake.services);
    // Scheduled: the service finds it due and queues it; a worker runs it.
    const scheduled = await waitUntil('the scheduled run', async () => {
      const row = await intake.services.db.selectFrom('runs').select('id').where('integration_id', '=', integration.id).where('kind', '=', 'scheduled').executeTakeFirst();
      return row ? waitForRunEnd(intake.services, row.id) : null;
    });
    const manual = await runNow(intake.services, queue, workspaceId, integration.id, 'test');
    expect(manual.status).toBe('queued');
    const single = await importOne(intake.services, workspaceId, integration.id, { sourceRef: String(sim.tickets()[0]!.id) }, 'test', queue);
    const preview = await startBackfill(intake.services, queue, workspaceId, integration.id, { from: '2000-01-01', preview: true }, 'test');
    const ended = [scheduled, await waitForRunEnd(intake.services, manual.id), single.run, await waitForRunEnd(intake.services, preview.id)];
    const backfill = await startBackfill(intake.services, queue, workspaceId, integration.id, { from: '2000-01-01' }, 'test');
    ended.push(await waitForRunEnd(intake.services, backfill.id));
    expect(ended.map((r) => [r.kind, r.dryRun, r.status]), JSON.stringify(ended.map((r) => r.error))).toEqual([
      ['scheduled', false, 'succeeded'],
      ['manual', false, 'succeeded'],
      ['single', false, 'succeeded'],
      ['backfill', true, 'succeeded'],
      ['backfill', false, 'succeeded'],
    ]);
    for (const run of ended) expect(await endedOnWorker(run), `${run.kind} ${run.id} ended on a worker`).toBe(true);

    // A live check (the diagnosis asking the source about a reference no ledger knows) is a run too.
    const caller = { kind: 'user' as const, workspaceId, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'test' };
    const answer = await diagnoseReference(intake.services, caller, { sourceRef: '987654', integrationId: integration.id }, queue);
    expect(answer.diagnoses[0]!.cause).toBe('unknown_reference');
    expect(answer.diagnoses[0]!.liveCheck).toEqual({ found: false, wouldBe: null, reason: null, evidence: {} });
    const check = await intake.services.db.selectFrom('runs').selectAll().where('integration_id', '=', integration.id).where('kind', '=', 'single').where('dry_run', '=', 1).executeTakeFirstOrThrow();
    expect([check.status, check.source_ref, JSON.parse(check.output!)]).toEqual(['succeeded', '987654', { kind: 'not_found' }]);
    expect(await endedOnWorker((await findRun(intake.services.db, check.id))!)).toBe(true);
    // It decided nothing anyone keeps: the run history leaves it out.
    expect((await listIntegrationRuns(intake.services, workspaceId, integration.id, { limit: 50 })).map((r) => r.id)).not.toContain(check.id);
    expect(processes[0]!.lines.some((l) => String(l.msg).startsWith('run '))).toBe(false);
  });

  it('a worker killed mid-scheduled-run is replaced: the run continues elsewhere from its checkpoint, the contacts equal a clean import', { timeout: 180_000 }, async () => {
    const sim = newSim('scheduled', 1500);
    const simUrl = await sim.start();
    const integration = await addZendesk(sim, simUrl, 'Scheduled', { startDate: '2000-01-01', intervalMinutes: 60 });
    const run = await waitUntil('the scheduled run to be a few pages in', async () => {
      const row = await intake.services.db.selectFrom('runs').select(['id', 'pages']).where('integration_id', '=', integration.id).where('status', '=', 'running').executeTakeFirst();
      return row && row.pages >= 3 ? row : null;
    });
    const victim = (await workerOf(run.id))!;
    expect(victim).toBeDefined();
    victim.child.kill('SIGKILL');
    await victim.exited;
    // Taken over by another worker within the lease plus a minute.
    await takenOver(run.id);
    const ended = await waitForRunEnd(intake.services, run.id, { timeoutMs: 120_000 });
    expect(ended.status).toBe('succeeded');
    expect(await endedOnWorker(ended)).toBe(true);
    expect(ended.counts.seen).toBeGreaterThanOrEqual(1500);
    const imported = await contactProjection(intake.services.db, integration.id);
    expect(imported).toEqual(await cleanImport(sim, simUrl, new ManualClock(new Date()), { startDate: '2000-01-01' }));
    // The killed worker is replaced by a new one for the next test.
    const replacement = startIntakeProcess(env, 'worker');
    workers.push(replacement);
    processes.push(replacement);
    await replacement.waitFor((l) => String(l.msg).startsWith('worker health and metrics'), 90_000);
  });

  it('a worker killed mid-backfill is replaced: the backfill continues elsewhere, the contacts equal a clean import', { timeout: 180_000 }, async () => {
    const sim = newSim('backfill', 1500);
    const simUrl = await sim.start();
    // First imported with a narrow status filter; then widened, and the past backfilled.
    const integration = await addZendesk(sim, simUrl, 'Backfill', { startDate: '2000-01-01', intervalMinutes: 600, statusCriteria: ['closed'] });
    await waitUntil('the first scheduled run', async () => {
      const row = await intake.services.db.selectFrom('runs').select('status').where('integration_id', '=', integration.id).where('kind', '=', 'scheduled').where('status', '=', 'succeeded').executeTakeFirst();
      return row ?? null;
    }, 120_000);
    await updateIntegrationSettings(intake.services, workspaceId, integration.id, { settings: { statusCriteria: ['solved', 'closed'] } }, 'test');
    const queued = await startBackfill(intake.services, new QueueDispatcher(intake.services), workspaceId, integration.id, { from: '2000-01-01' }, 'test');
    await waitUntil('the backfill to be a few pages in', async () => {
      const run = await findRun(intake.services.db, queued.id);
      return run && run.status === 'running' && run.pages >= 3 ? run : null;
    });
    const victim = (await workerOf(queued.id))!;
    expect(victim).toBeDefined();
    victim.child.kill('SIGKILL');
    await victim.exited;
    await takenOver(queued.id);
    const ended = await waitForRunEnd(intake.services, queued.id, { timeoutMs: 120_000 });
    expect(ended.status).toBe('succeeded');
    expect(await endedOnWorker(ended)).toBe(true);
    const imported = await contactProjection(intake.services.db, integration.id);
    const refs = imported.map((line) => line.split('|')[0]);
    expect(new Set(refs).size).toBe(refs.length);
    expect(imported).toEqual(await cleanImport(sim, simUrl, new ManualClock(new Date()), { startDate: '2000-01-01', statusCriteria: ['solved', 'closed'] }));
  });

  it('a worker stopped with SIGTERM hands its run back; another continues it', { timeout: 180_000 }, async () => {
    const sim = newSim('handback', 1000);
    const simUrl = await sim.start();
    const integration = await addZendesk(sim, simUrl, 'Hand back', { startDate: '2000-01-01', intervalMinutes: 60 });
    const run = await waitUntil('the scheduled run to be a few pages in', async () => {
      const row = await intake.services.db.selectFrom('runs').select(['id', 'pages']).where('integration_id', '=', integration.id).where('status', '=', 'running').executeTakeFirst();
      return row && row.pages >= 2 ? row : null;
    });
    const victim = (await workerOf(run.id))!;
    expect(await victim.stop('SIGTERM')).toBe(0);
    expect(victim.lines.some((l) => l.runId === run.id && String(l.msg).includes('handed back to the queue'))).toBe(true);
    const ended = await waitForRunEnd(intake.services, run.id, { timeoutMs: 120_000 });
    expect(ended.status).toBe('succeeded');
    expect(ended.claims).toBeGreaterThanOrEqual(2);
    expect(await contactProjection(intake.services.db, integration.id)).toEqual(await cleanImport(sim, simUrl, new ManualClock(new Date()), { startDate: '2000-01-01' }));
  });

  it('never had two workers running one integration at once', () => {
    expect(overlaps).toEqual([]);
  });
});
