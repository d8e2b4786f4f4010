import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContractFault, PlatformConnector, PlatformDefinition } from '../../src/connectors/platform.js';
import { createPlatformRegistry } from '../../src/connectors/registry.js';
import type { Decision } from '../../src/core/decision.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { importOne, SourceReferenceNotFoundError } from '../../src/services/import-one.js';
import { CredentialsRejectedError } from '../../src/services/service-errors.js';
import { findIntegrationByName } from '../../src/storage/integration.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { SETTINGS, startPlatformUnderTest, type PlatformUnderTest, type PlatformUnderTestOptions } from './platform-under-test.js';

const registry = createPlatformRegistry();
// Every registered platform with a contract harness is tested, and only those. The sandbox has
// none: it is the Zendesk connector reading the Zendesk simulator (proven here under Zendesk's
// name), started by the platform itself from its epoch and seed, with no credentials to verify,
// refuse or revoke, and no fault switches a user could reach.
const PLATFORMS = registry.list().filter((p) => p.contract);
afterAll(() => registry.close());

interface FaultScenario {
  name: string;
  fault: ContractFault;
  outcome: 'succeeded' | 'partial' | 'failed';
  category: string | null;
  /** The message, given the platform's display name. */
  message: (platform: string) => RegExp;
  status: 'active' | 'warning' | 'failure';
  timeoutMs?: number;
}

const FAULTS: FaultScenario[] = [
  { name: 'a 429 storm', fault: { kind: 'rate_limited', retryAfterSeconds: 2, count: 50 }, outcome: 'partial', category: 'rate_limited', message: (p) => new RegExp(`^Rate limited by ${p} — resumes at \\d\\d:\\d\\d UTC\\. Nothing is lost`), status: 'warning' },
  { name: 'a long Retry-After', fault: { kind: 'rate_limited', retryAfterSeconds: 3600, count: 1 }, outcome: 'partial', category: 'rate_limited', message: (p) => new RegExp(`^Rate limited by ${p} — resumes at \\d\\d:\\d\\d UTC`), status: 'warning' },
  { name: 'a short 5xx burst, retried', fault: { kind: 'server_error', status: 502, count: 2 }, outcome: 'succeeded', category: null, message: () => /^$/, status: 'active' },
  { name: 'a 5xx burst that outlasts the retries', fault: { kind: 'server_error', status: 503, count: 20 }, outcome: 'partial', category: 'source_error', message: (p) => new RegExp(`^${p} had a server error \\(503\\)\\. Intake retried 4 time\\(s\\)`), status: 'warning' },
  { name: 'responses slower than the timeout', fault: { kind: 'slow', delayMs: 400, count: 20 }, outcome: 'partial', category: 'unreachable', message: (p) => new RegExp(`^${p} did not answer within 100 ms\\. Intake will retry`), status: 'warning', timeoutMs: 100 },
  { name: 'connections reset mid-body', fault: { kind: 'reset_mid_body', count: 20 }, outcome: 'partial', category: 'unreachable', message: (p) => new RegExp(`^${p} could not be reached \\(connection reset\\)`), status: 'warning' },
  { name: 'truncated JSON', fault: { kind: 'truncated_json', count: 1 }, outcome: 'failed', category: 'api_changed', message: (p) => new RegExp(`^${p} sent a response that is not valid JSON \\(status 200, \\d+ bytes, cut off or malformed\\)`), status: 'failure' },
  { name: 'malformed JSON', fault: { kind: 'malformed_json', count: 1 }, outcome: 'failed', category: 'api_changed', message: (p) => new RegExp(`^${p} sent a response that is not valid JSON .* No record from it was written`), status: 'failure' },
  { name: 'an HTML page', fault: { kind: 'html_page', count: 1 }, outcome: 'failed', category: 'api_changed', message: (p) => new RegExp(`^${p} answered with an HTML page instead of JSON`), status: 'failure' },
];

const importedRefs = (decisions: Decision[]) => decisions.filter((d) => d.outcome === 'imported').map((d) => d.sourceRef);

/** A connector on the simulator, built as a run builds it. */
function connectorOf(p: PlatformUnderTest, credentials: Record<string, unknown> = p.sim.credentials): PlatformConnector {
  return p.platform.createConnector({
    connection: p.platform.connectionSchema.parse(p.sim.connection),
    credentials: p.platform.credentialsSchema.parse(credentials),
    http: p.services.http,
    clock: p.clock,
  });
}

describe.each(DIALECTS)('platform contract on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.destroy());

  describe.each(PLATFORMS.map((p) => [p.id, p] as [string, PlatformDefinition]))('%s', (_id, platform) => {
    const harness = platform.contract!;
    let current: PlatformUnderTest | null = null;
    const start = async (options?: PlatformUnderTestOptions) => (current = await startPlatformUnderTest(platform, database, options));
    afterEach(async () => {
      await current?.close();
      current = null;
    });

    it('pages through the whole source: every record decided once, the eligible ones imported', async () => {
      const p = await start({ contacts: 23, pageSize: 5 });
      const run = await p.run();
      expect(run.status).toBe('succeeded');
      const refs = p.sim.sourceRefs();
      expect(run.counts.seen).toBe(refs.length);
      expect(run.pages).toBeGreaterThanOrEqual(Math.ceil(refs.length / 5));
      const decisions = await p.decisions(run.id);
      expect(decisions.map((d) => d.sourceRef).sort()).toEqual([...refs].sort());
      expect(run.counts.imported + run.counts.excluded).toBe(refs.length);
      expect(run.counts.imported).toBeGreaterThan(0);
      const contacts = await p.services.db.selectFrom('contacts').select(['source_ref', 'status']).where('integration_id', '=', p.integration.id).execute();
      expect(contacts.map((c) => c.source_ref).sort()).toEqual(importedRefs(decisions).sort());
      expect(contacts.every((c) => c.status === 'solved' || c.status === 'closed')).toBe(true);
      expect((await p.refresh()).checkpoint).toBe(run.checkpointAfter);
    });

    it('resumes from the checkpoint a run stopped at mid-stream, importing nothing twice', async () => {
      const p = await start({ contacts: 23, pageSize: 5 });
      p.sim.setFault({ kind: 'server_error', status: 503 }, { afterPagedRequests: 2 });
      const cut = await p.run();
      expect(cut).toMatchObject({ status: 'partial', pages: 2, error: { category: 'source_error' } });
      expect(cut.checkpointAfter).not.toBeNull();
      expect((await p.refresh()).checkpoint).toBe(cut.checkpointAfter);
      p.sim.clearFaults();
      const resumed = await p.run();
      expect(resumed.status).toBe('succeeded');
      expect(resumed.checkpointBefore).toBe(cut.checkpointAfter);
      const imported = [...importedRefs(await p.decisions(cut.id)), ...importedRefs(await p.decisions(resumed.id))];
      expect(new Set(imported).size).toBe(imported.length);
      expect(await p.projection()).toEqual(await p.cleanImport());
    });

    it('deduplicates a re-delivery: everything read again is unchanged, nothing imported twice', async () => {
      const p = await start();
      const first = await p.run();
      const before = await p.projection();
      await p.services.db.updateTable('integrations').set({ checkpoint: null }).where('id', '=', p.integration.id).execute();
      const again = await p.run();
      expect(again.status).toBe('succeeded');
      expect(again.counts).toMatchObject({ seen: first.counts.seen, imported: 0, updated: 0, unchanged: first.counts.imported, excluded: first.counts.excluded });
      expect(await p.projection()).toEqual(before);
    });

    it('refreshes a contact changed after import (updated), and imports one once it is closed', async () => {
      const p = await start();
      const opened = p.sim.createRecord('open');
      p.settle();
      const first = await p.run();
      const decisions = await p.decisions(first.id);
      expect(decisions.find((d) => d.sourceRef === opened)).toMatchObject({ outcome: 'excluded', reason: 'status_not_eligible' });
      const [ref] = importedRefs(decisions);
      const before = (await p.contact(ref!))!;

      p.settle();
      p.sim.updateRecord(ref!);
      p.sim.closeRecord(opened);
      p.settle();
      const changed = await p.run();
      expect(changed.status).toBe('succeeded');
      expect(changed.counts).toMatchObject({ imported: 1, updated: 1 });
      const now = await p.decisions(changed.id);
      expect(now.find((d) => d.sourceRef === ref)).toMatchObject({ outcome: 'updated', evidence: { changedFields: expect.objectContaining({ metadata: expect.any(Object) }) } });
      expect(now.find((d) => d.sourceRef === opened)).toMatchObject({ outcome: 'imported' });
      const after = (await p.contact(ref!))!;
      expect(after.id).toBe(before.id);
      expect(after.version).toBeGreaterThan(before.version);
      expect(await p.contact(opened)).toMatchObject({ status: 'closed' });
    });

    it("paces itself from the platform's own rate-limit headers: at most one 429 per window", async () => {
      const windowMs = 60_000;
      const p = await start({ contacts: 40, pageSize: 5, rateLimit: { requests: 3, windowSeconds: windowMs / 1000 } });
      const began = p.clock.now().getTime();
      const run = await p.run();
      expect(run.status).toBe('succeeded');
      const { pagedRequests, throttled } = p.sim.stats();
      expect(pagedRequests).toBeGreaterThan(6);
      const windows = Math.floor((p.clock.now().getTime() - began) / windowMs) + 1;
      expect(windows).toBeGreaterThanOrEqual(3);
      expect(throttled).toBeLessThanOrEqual(windows);
      expect(run.source.rateLimitedMs).toBeGreaterThan(0);
    });

    it.each(harness.authFailures)('credentials $kind: the run stops at once as $category, and the message names the fix', async (failure) => {
      const p = await start();
      p.sim.failCredentials(failure.kind);
      const run = await p.run();
      expect(run).toMatchObject({ status: 'failed', pages: 0, error: { category: failure.category } });
      expect(run.error!.message).toMatch(failure.fix);
      // No retry storm: the first refusal ends the run.
      expect(run.source.requests).toBe(failure.requests ?? 1);
      expect(await p.refresh()).toMatchObject({ status: 'failure', lastError: { category: failure.category } });
      p.sim.restoreCredentials();
      expect((await p.run()).status).toBe('succeeded');
    });

    it('classifies a malformed page, and a page whose records all lack a field, as api_changed, writing nothing of them', async () => {
      const p = await start();
      p.sim.setFault({ kind: 'malformed_json', count: 1 });
      const malformed = await p.run();
      expect(malformed).toMatchObject({ status: 'failed', pages: 0, error: { category: 'api_changed' } });
      p.sim.setFault({ kind: 'renamed_field' });
      const renamed = await p.run();
      expect(renamed).toMatchObject({ status: 'failed', pages: 0, error: { category: 'api_changed', detail: { field: expect.any(String) } } });
      expect(renamed.error!.message).toContain(platform.displayName);
      expect(await p.projection()).toEqual([]);
      p.sim.clearFaults();
      expect((await p.run()).status).toBe('succeeded');
    });

    it.runIf(platform.capabilities.fetchOne)('fetches one record for manual import and diagnosis, and null for a reference the source does not know', async () => {
      const p = await start();
      const ref = p.sim.createRecord('open');
      const connector = connectorOf(p);
      expect(await connector.fetchOne!(ref)).toMatchObject({ ok: true, contact: { sourceRef: ref, status: 'open' } });
      expect(await connector.fetchOne!('987654321')).toBeNull();

      const single = await importOne(p.services, p.workspace.id, p.integration.id, { sourceRef: ref }, 'contract-suite');
      expect(single.decision).toMatchObject({ outcome: 'imported', evidence: { manual: true, scheduleWouldExclude: { reason: 'status_not_eligible' } } });
      expect(single.contact).toMatchObject({ sourceRef: ref, status: 'open' });
      await expect(importOne(p.services, p.workspace.id, p.integration.id, { sourceRef: '987654321' }, 'contract-suite')).rejects.toBeInstanceOf(SourceReferenceNotFoundError);
    });

    it('verifies credentials before saving: they name the account and who they are; wrong ones are refused with their category', async () => {
      const p = await start();
      expect(p.integration.sourceAccount).toBe(p.sim.sourceAccount);
      await expect(connectorOf(p).verifyCredentials()).resolves.toEqual({ sourceAccount: p.sim.sourceAccount, principal: expect.stringMatching(/\S/) });

      const { credentials, category } = p.sim.wrongCredentials;
      const refused = await addIntegration(p.services, p.workspace.id, { platform: platform.id, name: 'Wrong key', connection: p.sim.connection, credentials, settings: SETTINGS }, 'contract-suite').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CredentialsRejectedError);
      expect(refused).toMatchObject({ category, message: expect.stringMatching(/^The credentials were not saved: /) });
      expect(await findIntegrationByName(p.services.db, p.workspace.id, 'Wrong key')).toBeNull();
    });

    it.runIf(platform.capabilities.detectsDeletions)('notices a record deleted at the source: its contact reads deleted', async () => {
      const p = await start();
      const [ref, kept] = importedRefs(await p.decisions((await p.run()).id));
      const connector = connectorOf(p);
      p.settle();
      p.sim.deleteRecord(ref!);
      p.settle();
      if (connector.findDeleted) {
        const found: string[][] = [];
        for await (const gone of connector.findDeleted([ref!, kept!])) found.push(gone);
        expect(found).toEqual([[ref]]);
      }
      const run = await p.run();
      expect(run.status).toBe('succeeded');
      expect(await p.contact(ref!)).toMatchObject({ status: 'deleted' });
      expect(await p.contact(kept!)).not.toMatchObject({ status: 'deleted' });
      const decision = (await p.decisions(run.id)).find((d) => d.sourceRef === ref)!;
      const saidBy = decision.outcome === 'updated' ? (decision.evidence.changedFields as { status?: { after?: unknown } }).status?.after : decision.reason;
      expect(['deleted', 'deleted_at_source']).toContain(saidBy);
    });

    it.each(FAULTS)('$name: ends $outcome ($category), then a run after it clears gives what a clean import gives', async (scenario) => {
      const p = await start({ contacts: 24, pageSize: 5, http: scenario.timeoutMs ? { timeoutMs: scenario.timeoutMs } : {} });
      p.sim.setFault(scenario.fault, { afterPagedRequests: 2 });
      const faulted = await p.run();
      expect(faulted.status).toBe(scenario.outcome);
      expect(faulted.error?.category ?? null).toBe(scenario.category);
      if (scenario.category) expect(faulted.error!.message).toMatch(scenario.message(platform.displayName));
      expect(await p.decisions(faulted.id)).toHaveLength(faulted.counts.seen);
      const integration = await p.refresh();
      expect(integration.status).toBe(scenario.status);
      expect(integration.checkpoint).toBe(faulted.checkpointAfter);
      if (scenario.category === 'rate_limited') {
        expect(faulted.error!.resumeAt).not.toBeNull();
        expect(integration.nextRunAt).toBe(faulted.error!.resumeAt);
      }

      // Meanwhile the source keeps working.
      p.settle();
      const [touched] = importedRefs(await p.decisions(faulted.id));
      if (touched) p.sim.updateRecord(touched);
      p.sim.createRecord('closed');
      p.settle();
      p.sim.clearFaults();
      for (let attempt = 0; attempt < 3; attempt += 1) {
        p.clock.advance(3_601_000);
        if ((await p.run()).status === 'succeeded') break;
      }
      expect((await p.refresh()).status).toBe('active');
      expect(await p.projection()).toEqual(await p.cleanImport());
    });
  });
});
