import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/manual-clock.js';
import type { PlatformDefinition } from '../../src/connectors/platform.js';
import { createPlatformRegistry } from '../../src/connectors/registry.js';
import { InMemoryRateBudgets } from '../../src/connectors/rate-budget.js';
import { SourceHttpClient } from '../../src/connectors/source-http-client.js';
import { SourceHostPolicy } from '../../src/connectors/source-host-policy.js';
import { DEFAULT_RECONCILE_INTERVAL_MS } from '../../src/services/reconcile-deletions.js';
import { listDecisionsByRef } from '../../src/storage/decision.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { startPlatformUnderTest, type PlatformUnderTest } from './platform-under-test.js';

const registry = createPlatformRegistry();
afterAll(() => registry.close());

/** Platforms whose change feed never shows a deletion: their connector asks for them (findDeleted). */
async function reconcilingPlatforms(platforms: PlatformDefinition[]): Promise<PlatformDefinition[]> {
  const found: PlatformDefinition[] = [];
  for (const platform of platforms) {
    if (!platform.contract) continue;
    const clock = new ManualClock();
    const sim = await platform.contract.start({ clock, contacts: 0, pageSize: 5, rateLimit: null });
    const http = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy([new URL(sim.url).host]) });
    const connector = platform.createConnector({ connection: platform.connectionSchema.parse(sim.connection), credentials: platform.credentialsSchema.parse(sim.credentials), http, clock });
    if (connector.findDeleted) found.push(platform);
    await sim.stop();
  }
  return found;
}

const RECONCILING = await reconcilingPlatforms(registry.list());

describe.each(DIALECTS)('reconciling deletions on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.destroy());

  describe.each(RECONCILING.map((p) => [p.id, p] as [string, PlatformDefinition]))('%s', (_id, platform) => {
    let p: PlatformUnderTest | null = null;
    afterEach(async () => {
      await p?.close();
      p = null;
    });

    async function imported(h: PlatformUnderTest): Promise<string[]> {
      const rows = await h.services.db.selectFrom('contacts').select('source_ref').where('integration_id', '=', h.integration.id).orderBy('source_ref').execute();
      return rows.map((r) => r.source_ref);
    }

    it('the run after a deletion records it (excluded, deleted_at_source, the contact deleted); within the interval no run asks again', async () => {
      const h = (p = await startPlatformUnderTest(platform, database, { contacts: 12 }));
      expect((await h.run()).status).toBe('succeeded');
      const [gone, later, kept] = await imported(h);

      h.settle();
      h.sim.deleteRecord(gone!);
      h.settle();
      const reconciled = await h.run();
      expect(reconciled).toMatchObject({ status: 'succeeded', counts: { excluded: 1, updated: 0, reasons: { deleted_at_source: 1 } } });
      expect(await h.contact(gone!)).toMatchObject({ status: 'deleted', sourceStatus: 'deleted' });
      const [latest] = await listDecisionsByRef(h.services.db, h.workspace.id, gone!);
      expect(latest).toMatchObject({
        runId: reconciled.id,
        outcome: 'excluded',
        reason: 'deleted_at_source',
        evidence: { foundBy: 'reconciliation', changedFields: { status: { after: 'deleted' } } },
      });

      // Within the interval a run reads changes only: a second deletion waits for the next reconciliation.
      h.settle();
      h.sim.deleteRecord(later!);
      h.settle();
      const within = await h.run();
      expect(within.status).toBe('succeeded');
      expect(within.counts.reasons.deleted_at_source ?? 0).toBe(0);
      expect(within.source.requests).toBeLessThan(reconciled.source.requests);
      expect(await h.contact(later!)).not.toMatchObject({ status: 'deleted' });

      h.clock.advance(DEFAULT_RECONCILE_INTERVAL_MS);
      const next = await h.run();
      expect(next.counts).toMatchObject({ excluded: 1, reasons: { deleted_at_source: 1 } });
      expect(await h.contact(later!)).toMatchObject({ status: 'deleted' });
      // What was already recorded deleted is not asked about, nor decided, again.
      expect((await h.decisions(next.id)).map((d) => d.sourceRef)).not.toContain(gone);
      expect(await h.contact(kept!)).not.toMatchObject({ status: 'deleted' });
    });

    it('a problem while reconciling ends the run as any source problem does, and the next run reconciles', async () => {
      const h = (p = await startPlatformUnderTest(platform, database, { contacts: 12 }));
      await h.run();
      const [gone] = await imported(h);
      // The first reconciliation, then a run within the interval: how many paged requests reading no change takes.
      await h.run();
      const before = h.sim.stats().pagedRequests;
      await h.run();
      const incremental = h.sim.stats().pagedRequests - before;

      h.clock.advance(DEFAULT_RECONCILE_INTERVAL_MS);
      h.sim.deleteRecord(gone!);
      h.sim.setFault({ kind: 'server_error', status: 503 }, { afterPagedRequests: incremental });
      const failed = await h.run();
      expect(failed).toMatchObject({ status: 'partial', error: { category: 'source_error' } });
      expect(await h.contact(gone!)).not.toMatchObject({ status: 'deleted' });
      h.sim.clearFaults();
      const retried = await h.run();
      expect(retried).toMatchObject({ status: 'succeeded', counts: { reasons: { deleted_at_source: 1 } } });
      expect(await h.contact(gone!)).toMatchObject({ status: 'deleted' });
    });
  });
});
