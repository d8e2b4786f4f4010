import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { systemClock } from '../../src/core/system-clock.js';
import { RunWorker } from '../../src/scheduling/run-worker.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { requestIntegrationRun } from '../../src/services/request-run.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

describe.each(DIALECTS)('a worker with one slot, on %s', (dialect) => {
  let database: TestDatabase;
  let services: TestServices;
  const sim = new ZendeskSimulator({ tickets: 20, rateLimit: null });
  let simUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    services = createTestServices(database, { clock: systemClock });
    simUrl = await sim.start();
  });

  afterAll(async () => {
    await sim.stop();
    await services.close();
    await database.destroy();
  });

  it('claims the next queued run as soon as one ends, not at its next poll', async () => {
    const workspaceId = (await insertWorkspace(services.db, { name: 'Acme', featureFlags: { integrations: true }, now: services.clock.now() })).id;
    const runIds: string[] = [];
    for (const name of ['Queue A', 'Queue B', 'Queue C']) {
      const integration = await addIntegration(services, workspaceId, { platform: 'zendesk', name, connection: { subdomain: sim.subdomain, baseUrl: simUrl }, credentials: sim.apiTokenCredentials(), settings: { startDate: '2000-01-01' } }, 'test');
      runIds.push((await requestIntegrationRun(services, integration.id, { kind: 'scheduled' })).run.id);
    }
    // A poll interval no test waits for: only the first poll (at start) and the ends of runs claim.
    const worker = new RunWorker(services, { maxConcurrent: 1, maxBackfills: 1, pollMs: 3_600_000, port: null });
    await worker.start();
    try {
      await vi.waitFor(
        async () => {
          const runs = await services.db.selectFrom('runs').select('status').where('id', 'in', runIds).execute();
          expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      await worker.stop();
    }
  });
});
