import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GenesysSimulator } from '../../src/connectors/genesys/genesys.simulator.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import type { Integration } from '../../src/core/integration.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { cancelRun, startBackfill } from '../../src/services/backfill.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { findRun } from '../../src/storage/run.repository.js';
import { insertWorkspace, type Workspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

/** Executes backfills in-process, as `intake start` does. */
const inProcess = (services: TestServices) => new Scheduler(services, { maxConcurrent: 2 });

describe.each(DIALECTS)('Genesys Cloud backfills through report jobs, on %s', (dialect) => {
  let database: TestDatabase;
  let sim: GenesysSimulator;
  let services: TestServices;
  let workspace: Workspace;
  let integration: Integration;
  let clock: ManualClock;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.destroy());

  async function start(options: ConstructorParameters<typeof GenesysSimulator>[0] = {}) {
    clock = new ManualClock('2025-03-10T12:00:00Z');
    sim = new GenesysSimulator({ clock, conversations: 30, spanDays: 20, rateLimit: null, maxPageSize: 5, ...options });
    const url = await sim.start();
    services = createTestServices(database, { clock, extraHosts: [new URL(url).host] });
    workspace = await insertWorkspace(services.db, { name: `genesys ${Math.random()}`, featureFlags: { integrations: true }, now: clock.now() });
    integration = await addIntegration(services, workspace.id, { platform: 'genesys', name: 'Contact centre', connection: { region: 'eu-west-1', baseUrl: url }, credentials: sim.credentials, settings: { startDate: '2025-01-01' } }, 'test');
  }
  afterEach(async () => {
    await sim?.stop();
    await services?.close();
  });

  const backfillRange = { from: '2025-02-20', to: '2025-03-10' };

  it('imports the range from a job: submitted, waited for, paged, then deleted at Genesys', async () => {
    await start();
    const runner = inProcess(services);
    const run = await startBackfill(services, runner, workspace.id, integration.id, backfillRange, 'test');
    await runner.drain();
    const done = (await findRun(services.db, run.id))!;
    expect(done.status).toBe('succeeded');
    const inRange = sim.conversations().filter((c) => c.conversationStart >= '2025-02-20' && c.conversationStart < '2025-03-10');
    expect(done.counts.imported).toBe(inRange.length);
    expect(sim.stats.jobsSubmitted).toBe(1);
    expect(sim.stats.jobsDeleted).toBe(1);
  });

  it('a cancelled backfill deletes the job it was waiting for', async () => {
    await start({ jobTiming: { prepareMs: 86_400_000 } });
    const runner = inProcess(services);
    const run = await startBackfill(services, runner, workspace.id, integration.id, backfillRange, 'test');
    await vi.waitFor(() => expect(sim.stats.jobsSubmitted).toBe(1));
    await cancelRun(services, workspace.id, run.id);
    await runner.drain();
    expect((await findRun(services.db, run.id))!.status).toBe('cancelled');
    await vi.waitFor(() => expect(sim.stats.jobsDeleted).toBe(1));
  });

  it('a backfill stopped by a shutdown while its job is pending resumes with the same job', async () => {
    await start({ jobTiming: { prepareMs: 86_400_000 } });
    const first = inProcess(services);
    const run = await startBackfill(services, first, workspace.id, integration.id, backfillRange, 'test');
    // Killed once the job id is saved with the run (the page that carries it is committed).
    await vi.waitFor(async () => expect((await findRun(services.db, run.id))!.checkpointAfter).toContain([...sim.jobs.keys()][0]));
    await first.stop();
    expect((await findRun(services.db, run.id))!.status).toBe('cancelled');
    expect(sim.stats.jobsDeleted).toBe(0);

    sim.jobTiming.prepareMs = 60_000;
    const second = inProcess(services);
    const resumed = await startBackfill(services, second, workspace.id, integration.id, backfillRange, 'test');
    await second.drain();
    expect(resumed.checkpointBefore).toContain([...sim.jobs.keys()][0]);
    expect((await findRun(services.db, resumed.id))!.status).toBe('succeeded');
    expect(sim.stats.jobsSubmitted).toBe(1);
  });

  it('a failed job ends the backfill with the reason, importing nothing silently', async () => {
    await start();
    sim.injectFault({ kind: 'job_failed', message: 'Internal analytics error' }, 'all');
    const runner = inProcess(services);
    const run = await startBackfill(services, runner, workspace.id, integration.id, backfillRange, 'test');
    await runner.drain();
    const done = (await findRun(services.db, run.id))!;
    expect(done).toMatchObject({ status: 'partial', counts: { imported: 0 }, error: { category: 'source_error' } });
    expect(done.error!.message).toMatch(/^Genesys Cloud could not prepare the report .* FAILED: Internal analytics error\)\. Nothing from it was imported/);
  });
});
