import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/manual-clock.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { executeRun } from '../../src/services/execute-run.js';
import { findRun, insertRun, listRuns } from '../../src/storage/run.repository.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

/**
 * Runs of records handed to Intake (an uploaded file, a pushed batch) are executed by the request
 * that carries them, never by the queue: nothing schedules them, and one whose receiving process
 * died is ended with what to do, not read again by another process (it could not be).
 */
describe.each(DIALECTS)('runs of received records, on %s', (dialect) => {
  let database: TestDatabase;
  let services: TestServices;
  let workspaceId: string;
  let fileId: string;
  let pushId: string;
  const clock = new ManualClock('2026-03-10T12:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    services = createTestServices(database, { clock });
    workspaceId = (await insertWorkspace(services.db, { name: 'Acme', featureFlags: { integrations: true }, now: clock.now() })).id;
    const settings = { startDate: '2026-01-01' };
    fileId = (await addIntegration(services, workspaceId, { platform: 'file', name: 'Weekly calls', connection: { source: 'telephony', timeZone: 'UTC' }, settings }, 'test')).id;
    pushId = (await addIntegration(services, workspaceId, { platform: 'push', name: 'Chat tool', connection: { source: 'chat tool' }, settings }, 'test')).id;
  });

  afterAll(async () => {
    await services.close();
    await database.destroy();
  });

  it('the scheduler never queues a run for a file or push integration, however long it waits', async () => {
    const scheduler = new Scheduler(services, { maxConcurrent: 2 });
    try {
      clock.advance(3 * 86_400_000);
      await scheduler.runOnce();
      expect(await listRuns(services.db, fileId, { limit: 10 })).toEqual([]);
      expect(await listRuns(services.db, pushId, { limit: 10 })).toEqual([]);
    } finally {
      await scheduler.stop();
    }
  });

  it('a received run starts running under its lease: while it is held, no other process takes it', async () => {
    const run = await insertRun(services.db, { workspaceId, integrationId: fileId, kind: 'upload', fileName: 'weekly.csv', checkpointBefore: null, receivedBy: { owner: 'api-1/upload', leaseMs: 60_000 }, now: clock.now() });
    expect(run).toMatchObject({ status: 'running', claimedBy: 'api-1/upload' });
    expect(await executeRun(services, run.id, undefined, { owner: 'worker-2' })).toEqual({ executed: false, reason: 'gone' });
    expect((await findRun(services.db, run.id))!.status).toBe('running');
  });

  it('one whose receiving process died is ended by whoever claims it, saying to send the file again', async () => {
    const run = await insertRun(services.db, { workspaceId, integrationId: fileId, kind: 'upload', fileName: 'weekly-2.csv', checkpointBefore: null, receivedBy: { owner: 'api-1/dead', leaseMs: 1_000 }, now: clock.now() });
    clock.advance(5_000);
    const executed = await executeRun(services, run.id, undefined, { owner: 'worker-2' });
    expect(executed.executed).toBe(true);
    const ended = (await findRun(services.db, run.id))!;
    expect(ended.status).toBe('failed');
    expect(ended.error?.message).toMatch(/stopped while the file weekly-2\.csv was being received; send it again/);
  });
});
