import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { startBackfill } from '../../src/services/backfill.js';
import { importOne } from '../../src/services/import-one.js';
import { runIntegration } from '../../src/services/run-integration.js';
import { FeatureDisabledError } from '../../src/services/service-errors.js';
import { listRuns } from '../../src/storage/run.repository.js';
import { insertWorkspace, setFeatureFlag } from '../../src/storage/workspace.repository.js';
import { cleanImport, contactProjection } from '../support/clean-import.js';
import { DIALECTS } from '../support/test-database.js';
import { createZendeskHarness, type ZendeskHarness } from '../support/zendesk-harness.js';

let harness: ZendeskHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const flag = (h: ZendeskHarness, on: boolean, workspaceId = h.workspace.id) => setFeatureFlag(h.services.db, workspaceId, 'integrations', on);

describe.each(DIALECTS)('the Integrations flag stops imports, on %s', (dialect) => {
  it('while it is off, the schedule starts nothing for that workspace and every way of starting an import is refused', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 20 } });
    const h = harness;
    // A second workspace with the flag on keeps importing.
    const other = await insertWorkspace(h.services.db, { name: 'Other', featureFlags: { integrations: true }, now: h.clock.now() });
    const elsewhere = await addIntegration(
      h.services,
      other.id,
      { platform: 'zendesk', name: 'Elsewhere', connection: { subdomain: h.sim.subdomain, baseUrl: h.sim.url }, credentials: h.sim.apiTokenCredentials(), settings: { startDate: '2025-01-01' } },
      'test',
    );
    await flag(h, false);

    const scheduler = new Scheduler(h.services, { maxConcurrent: 4 });
    const runs = await scheduler.runOnce();
    expect(runs.map((r) => r.integrationId)).toEqual([elsewhere.id]);
    expect(await listRuns(h.services.db, h.integration.id)).toEqual([]);

    const refused = /Integrations feature is turned off for this workspace.*resumes from its checkpoint/;
    await expect(runIntegration(h.services, h.integration.id, { kind: 'manual' })).rejects.toThrow(FeatureDisabledError);
    await expect(runIntegration(h.services, h.integration.id, { kind: 'manual' })).rejects.toThrow(refused);
    await expect(startBackfill(h.services, scheduler, h.workspace.id, h.integration.id, { from: '2025-03-01' }, 'test')).rejects.toThrow(FeatureDisabledError);
    await expect(importOne(h.services, h.workspace.id, h.integration.id, { sourceRef: '1' }, 'test')).rejects.toThrow(FeatureDisabledError);
    expect(await listRuns(h.services.db, h.integration.id)).toEqual([]);

    // Back on: the integration was due all along, and runs at once.
    await flag(h, true);
    const resumed = await scheduler.runOnce();
    expect(resumed.map((r) => r.integrationId)).toEqual([h.integration.id]);
    await scheduler.stop();
  });

  it('a run in flight stops after its page when the flag goes off, and resumes from its checkpoint once it is back on, nothing lost or duplicated', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 100, maxPageSize: 10 } });
    const h = harness;
    // Turned off while the third page is being fetched: the page being written then is the last.
    h.sim.beforeExport = async (n) => {
      if (n === 3) await flag(h, false);
    };
    const stopped = await h.run();
    h.sim.beforeExport = null;
    expect(stopped.status).toBe('cancelled');
    expect(stopped.stoppedBy).toBe('integrations_turned_off');
    expect(stopped.pages).toBeGreaterThan(0);
    expect(stopped.pages).toBeLessThan(10);
    const checkpoint = (await h.refresh()).checkpoint;
    expect(checkpoint).toBe(stopped.checkpointAfter);

    const scheduler = new Scheduler(h.services, { maxConcurrent: 4 });
    expect(await scheduler.runOnce()).toEqual([]);

    await flag(h, true);
    const [resumed] = await scheduler.runOnce();
    expect(resumed).toMatchObject({ status: 'succeeded', checkpointBefore: checkpoint });
    expect(resumed!.counts.seen + stopped.counts.seen).toBeGreaterThanOrEqual(100);
    await scheduler.stop();
    expect(await contactProjection(h.services.db)).toEqual(await cleanImport(h.sim, h.sim.url, h.clock));
  });
});
