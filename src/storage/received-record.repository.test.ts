import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionDraft } from '../core/decision.js';
import type { ImportScope } from '../core/ports.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/test-database.js';
import { insertIntegration } from './integration.repository.js';
import { moveUploadFileNames } from './migrations/0015-received-records.js';
import { applyReceivedCopies, findReceivedRecord, MAX_KEPT_CHARS } from './received-record.repository.js';
import { findRun, insertRun } from './run.repository.js';
import type { Kysely } from 'kysely';
import { insertWorkspace } from './workspace.repository.js';

const now = new Date('2026-03-10T12:00:00Z');
const decision = (sourceRef: string, outcome: DecisionDraft['outcome']): DecisionDraft => ({ sourceRef, outcome, reason: null, evidence: {}, sourceVersion: null, sourceUpdatedAt: null });
const copy = (ref: string, extra: Record<string, unknown> = {}) => ({ values: { call_id: ref, ...extra }, location: `row ${ref} of calls.csv` });

describe.each(DIALECTS)('received copies and upload file names (%s)', (dialect) => {
  let database: TestDatabase;
  let scope: ImportScope;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const workspace = await insertWorkspace(database.db, { name: 'w', now });
    const integrationId = 'int-received';
    await insertIntegration(database.db, { id: integrationId, workspaceId: workspace.id, platform: 'file', name: 'calls', sourceAccount: 'telephony', connection: {}, credentials: null, settings: { startDate: '2026-01-01', statusCriteria: [], filters: [], intervalMinutes: 15, noImportAlertHours: null }, now, createdBy: 'test' });
    const run = await insertRun(database.db, { workspaceId: workspace.id, integrationId, kind: 'upload', fileName: 'calls.csv', checkpointBefore: null, now });
    scope = { workspaceId: workspace.id, integrationId, runId: run.id, platform: 'file', sourceAccount: 'telephony' };
  });
  afterAll(() => database.destroy());

  it('keeps the last copy of what was not imported, drops it once imported, and keeps nothing too large', async () => {
    await applyReceivedCopies(database.db, scope, [decision('1', 'failed'), decision('2', 'excluded'), decision('3', 'imported'), decision('(unknown)', 'failed')], [copy('1'), copy('2'), copy('3'), copy('x')], now);
    expect(await findReceivedRecord(database.db, scope.integrationId, '1')).toMatchObject({ values: { call_id: '1' }, location: 'row 1 of calls.csv', runId: scope.runId });
    expect(await findReceivedRecord(database.db, scope.integrationId, '3')).toBeNull();
    // A later receipt replaces the copy; an import drops it; one decided twice in a page ends as its last decision says.
    await applyReceivedCopies(database.db, scope, [decision('1', 'failed'), decision('2', 'imported'), decision('4', 'failed'), decision('4', 'imported')], [copy('1', { fixed: 'no' }), copy('2'), copy('4'), copy('4')], now);
    expect((await findReceivedRecord(database.db, scope.integrationId, '1'))?.values).toEqual({ call_id: '1', fixed: 'no' });
    expect(await findReceivedRecord(database.db, scope.integrationId, '2')).toBeNull();
    expect(await findReceivedRecord(database.db, scope.integrationId, '4')).toBeNull();
    await applyReceivedCopies(database.db, scope, [decision('1', 'failed')], [copy('1', { notes: 'x'.repeat(MAX_KEPT_CHARS) })], now);
    expect(await findReceivedRecord(database.db, scope.integrationId, '1')).toBeNull();
  });

  it("moves an older upload run's file name out of source_ref, leaving single imports' references", async () => {
    const old = await insertRun(database.db, { workspaceId: scope.workspaceId, integrationId: scope.integrationId, kind: 'upload', sourceRef: 'weekly-calls.csv', checkpointBefore: null, now });
    const single = await insertRun(database.db, { workspaceId: scope.workspaceId, integrationId: scope.integrationId, kind: 'single', sourceRef: '42', checkpointBefore: null, now });
    await moveUploadFileNames(database.db as unknown as Kysely<unknown>);
    expect(await findRun(database.db, old.id)).toMatchObject({ fileName: 'weekly-calls.csv', sourceRef: null });
    expect(await findRun(database.db, single.id)).toMatchObject({ fileName: null, sourceRef: '42' });
    expect(await findRun(database.db, scope.runId)).toMatchObject({ fileName: 'calls.csv', sourceRef: null });
  });
});
