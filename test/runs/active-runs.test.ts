import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/manual-clock.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { claimLease, listIntegrations } from '../../src/storage/integration.repository.js';
import { claimRun } from '../../src/storage/run-queue.repository.js';
import { insertRun, saveRunLive } from '../../src/storage/run.repository.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

/**
 * What an integration is doing shows on its Platforms row and overview: the run reading its feed,
 * else a backfill running beside it — with what it waits for (a report being prepared).
 */
describe.each(DIALECTS)('the run in flight of an integration, on %s', (dialect) => {
  let database: TestDatabase;
  let services: TestServices;
  let workspaceId: string;
  let integrationId: string;
  const clock = new ManualClock('2026-03-10T12:00:00Z');
  const lease = () => ({ owner: 'worker-1', now: clock.now(), leaseMs: 60_000 });
  const active = async () => (await listIntegrations(services.db, workspaceId)).find((i) => i.id === integrationId)!.activeRun;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    services = createTestServices(database, { clock });
    workspaceId = (await insertWorkspace(services.db, { name: 'Acme', featureFlags: { integrations: true }, now: clock.now() })).id;
    integrationId = (await addIntegration(services, workspaceId, { platform: 'push', name: 'Chat tool', connection: { source: 'chat tool' }, settings: { startDate: '2026-01-01' } }, 'test')).id;
  });

  afterAll(async () => {
    await services.close();
    await database.destroy();
  });

  it('a running backfill, and the report it waits for', async () => {
    expect(await active()).toBeNull();
    const backfill = await insertRun(services.db, { workspaceId, integrationId, kind: 'backfill', windowFrom: '2026-02-01T00:00:00.000Z', windowTo: '2026-03-01T00:00:00.000Z', checkpointBefore: null, now: clock.now() });
    expect(await active()).toBeNull(); // queued, not running yet
    expect((await claimRun(services.db, backfill.id, lease())).kind).toBe('claimed');
    const wait = { kind: 'report' as const, since: clock.now().toISOString(), until: new Date(clock.now().getTime() + 120_000).toISOString(), reason: 'The platform is preparing the report, 0 min so far' };
    await saveRunLive(services.db, backfill.id, { source: { requests: 3, throttled: 0, rateLimitedMs: 0 }, wait });
    expect(await active()).toMatchObject({ id: backfill.id, kind: 'backfill', wait: { kind: 'report', reason: wait.reason } });
  });

  it('the run reading the feed wins over a backfill beside it', async () => {
    const scheduled = await insertRun(services.db, { workspaceId, integrationId, kind: 'scheduled', checkpointBefore: null, now: clock.now() });
    expect((await claimRun(services.db, scheduled.id, lease())).kind).toBe('claimed');
    expect(await claimLease(services.db, integrationId, 'worker-1', clock.now(), 60_000)).toBe(false); // taken by the claim
    expect(await active()).toMatchObject({ id: scheduled.id, kind: 'scheduled' });
  });
});
