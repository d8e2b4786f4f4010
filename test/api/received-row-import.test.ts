import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import type { Caller } from '../../src/accounts/caller.js';
import { buildApp, type App } from '../../src/api/build-app.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import { ROLE_PERMISSIONS } from '../../src/core/permissions.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';
import { multipart } from '../support/multipart.js';

// Row 3's date is month first, which the integration (day first) does not read; row 4's is no date at all.
const CALLS = [
  'call_id,created_at,channel,agent,status',
  '1,2026-03-02 09:15,phone,Ann,closed',
  '2,2026-03-02 10:00,phone,Bob,open',
  '3,03/25/2026 11:30,chat,Ann,closed',
  '4,yesterday,chat,Cy,closed',
].join('\n');

/**
 * Issue 15's "manual re-import of one row": a row of a file (or a pushed record) that was not
 * imported is kept as received, offered by the diagnosis, imported again with the integration's
 * current mapping, or corrected and imported — and its values reach only View Imported Contacts.
 */
describe.each(DIALECTS)('manual import of a received row (%s)', (dialect) => {
  let database: TestDatabase;
  let services: TestServices;
  let app: App;
  let scheduler: Scheduler;
  const tokens = { all: '', manage: '', view: '' };
  let fileId: string;
  let pushId: string;
  const clock = new ManualClock('2026-03-26T12:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    services = createTestServices(database, { clock });
    const workspace = await insertWorkspace(services.db, { name: 'Acme', featureFlags: { integrations: true }, now: clock.now() });
    const caller: Caller = { kind: 'user', workspaceId: workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'admin@acme.example' };
    const settings = { startDate: '2026-01-01', statusCriteria: ['solved', 'closed'] };
    fileId = (await addIntegration(services, workspace.id, { platform: 'file', name: 'Weekly calls', connection: { source: 'telephony', timeZone: 'Europe/Paris' }, settings }, caller.label)).id;
    pushId = (await addIntegration(services, workspace.id, { platform: 'push', name: 'Chat tool', connection: { source: 'chat tool' }, settings }, caller.label)).id;
    tokens.all = (await createApiToken(services, caller, { name: 'all', permissions: ['manage_integrations', 'view_contacts'] })).token;
    tokens.manage = (await createApiToken(services, caller, { name: 'manage', permissions: ['manage_integrations'] })).token;
    tokens.view = (await createApiToken(services, caller, { name: 'view', permissions: ['view_contacts'] })).token;
    scheduler = new Scheduler(services, { maxConcurrent: 1 });
    app = await buildApp({ services, launcher: scheduler, publicUrl: 'http://intake.test' });
    const body = multipart('weekly-calls.csv', CALLS);
    const uploaded = await app.inject({ method: 'POST', url: `/api/v1/integrations/${fileId}/uploads`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${tokens.all}` } });
    expect(uploaded.json()).toMatchObject({ status: 'partial', counts: { imported: 1, excluded: 1, failed: 2 } });
  });

  afterAll(async () => {
    await scheduler.stop();
    await app.close();
    await services.close();
    await database.destroy();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const diagnose = async (ref: string, integrationId = fileId) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/diagnoses?sourceRef=${ref}&integrationId=${integrationId}`, headers: as(tokens.view) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().diagnoses[0];
  };
  const importRow = (ref: string, options: { values?: Record<string, unknown>; token?: string; integrationId?: string } = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/integrations/${options.integrationId ?? fileId}/imports`,
      headers: as(options.token ?? tokens.all),
      payload: { sourceRef: ref, ...(options.values ? { values: options.values } : {}) },
    });

  it('keeps the rows that did not import and offers the import of each in the diagnosis', async () => {
    const failed = await diagnose('3');
    expect(failed.cause).toBe('record_failed');
    expect(failed.verdict).toContain('Row 3 of weekly-calls.csv (line 4) on 26 March: `created_at` is not a date');
    expect(failed.verdict).toContain('import it again once the mapping reads it');
    expect(failed.action).toMatchObject({ kind: 'manual_import', integrationId: fileId });
    expect(failed.received).toMatchObject({ location: 'row 3 of weekly-calls.csv (line 4)', values: { call_id: '3', created_at: '03/25/2026 11:30', channel: 'chat', agent: 'Ann', status: 'closed' } });
    expect(failed.steps.find((s: { key: string }) => s.key === 'manual_import')).toMatchObject({ action: { kind: 'manual_import' } });
    const excluded = await diagnose('2');
    expect(excluded.received).toMatchObject({ location: 'row 2 of weekly-calls.csv (line 3)' });
    // The imported row keeps no copy.
    expect((await diagnose('1')).received).toBeNull();
  });

  it('imports the row again: still failing with the mapping as it was, imported once the mapping reads its date', async () => {
    const before = await importRow('3');
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json()).toMatchObject({ run: { kind: 'single', sourceRef: '3' }, decision: { outcome: 'failed', evidence: { field: 'created_at', message: 'is not a date' } }, contact: null });

    const integration = (await app.inject({ method: 'GET', url: `/api/v1/integrations/${fileId}`, headers: as(tokens.all) })).json();
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/integrations/${fileId}`, headers: as(tokens.all), payload: { connection: { ...integration.connection, dateOrder: 'month_first' }, credentials: {} } });
    expect(patched.statusCode, patched.body).toBe(200);

    // A Manage-only caller imports it, and is shown neither the contact nor the row's values.
    const after = await importRow('3', { token: tokens.manage });
    expect(after.statusCode, after.body).toBe(201);
    expect(after.json()).toMatchObject({ decision: { outcome: 'imported', evidence: { manual: true } }, contact: null });
    expect(after.body).not.toContain('03/25/2026');
    const imported = await diagnose('3');
    expect(imported).toMatchObject({ cause: 'imported', received: null, contact: { createdAt: '2026-03-25T10:30:00.000Z', channel: 'chat' } });
  });

  it('imports an excluded row whatever the status criteria, the decision saying what the schedule would do', async () => {
    const response = await importRow('2');
    expect(response.json()).toMatchObject({ decision: { outcome: 'imported', evidence: { manual: true, scheduleWouldExclude: { reason: 'status_not_eligible' } } }, contact: { sourceRef: '2' } });
  });

  it('corrects a row and imports it; values that still do not map fail naming the field', async () => {
    const still = await importRow('4', { values: { created_at: 'soon' } });
    expect(still.json()).toMatchObject({ decision: { outcome: 'failed', evidence: { field: 'created_at', message: 'is not a date', location: 'row 4 of weekly-calls.csv (line 5), corrected by hand' } } });
    expect((await diagnose('4')).received).toMatchObject({ values: { created_at: 'soon', agent: 'Cy' } });

    const corrected = await importRow('4', { values: { created_at: '03/03/2026 16:45' } });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ decision: { outcome: 'imported' }, contact: { sourceRef: '4', agent: 'Cy', createdAt: '2026-03-03T15:45:00.000Z' } });
  });

  it('says a reference it never received is sent again, offering no import', async () => {
    const never = await diagnose('777');
    expect(never.verdict).toContain('its rows are handed to Intake (uploaded or pushed), not fetched');
    expect(never.verdict).toContain('no copy of this one is kept to import');
    expect(never.received).toBeNull();
    expect(never.action?.kind).not.toBe('manual_import');
    expect(never.steps.find((s: { key: string }) => s.key === 'manual_import')).toMatchObject({ verdict: 'not_applicable', action: null });
  });

  it('refuses what it cannot import: no kept copy, a correction that changes the reference, values for a reference it does not keep', async () => {
    const none = await importRow('999');
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toContain('has no row 999 kept to import');
    const body = multipart('more-calls.csv', ['call_id,created_at,channel,agent,status', '5,later,chat,Ann,closed'].join('\n'));
    await app.inject({ method: 'POST', url: `/api/v1/integrations/${fileId}/uploads`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${tokens.all}` } });
    const renamed = await importRow('5', { values: { call_id: '6', created_at: '03/03/2026 16:45' } });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.details[0]).toMatchObject({ path: 'values', message: expect.stringContaining('"6"') });
    // The refused correction was not kept.
    expect((await diagnose('5')).received.values).toEqual({ call_id: '5', created_at: 'later', channel: 'chat', agent: 'Ann', status: 'closed' });
  });

  it('keeps a pushed record that failed, and imports it corrected', async () => {
    const pushed = await app.inject({ method: 'POST', url: `/api/v1/integrations/${pushId}/contacts`, headers: as(tokens.all), payload: { records: [{ sourceRef: 'chat-7', createdAt: 'last tuesday', status: 'closed', tags: ['vip'] }] } });
    expect(pushed.json().decisions[0]).toMatchObject({ outcome: 'failed', field: 'createdAt' });
    const diagnosis = await diagnose('chat-7', pushId);
    expect(diagnosis).toMatchObject({ action: { kind: 'manual_import' }, received: { location: 'record 1 of the batch', values: { sourceRef: 'chat-7', createdAt: 'last tuesday' } } });
    const corrected = await importRow('chat-7', { integrationId: pushId, values: { createdAt: '2026-03-05T10:00:00Z' } });
    expect(corrected.json()).toMatchObject({ decision: { outcome: 'imported' }, contact: { sourceRef: 'chat-7', tags: ['vip'], createdAt: '2026-03-05T10:00:00.000Z' } });
  });

  it("shows a row's values to View Imported Contacts only: a Manage-only support report names where the row was, not what it held", async () => {
    const body = multipart('late-calls.csv', ['call_id,created_at,channel,agent,status,notes', '8,not-a-date-7f3,phone,Ann,closed,secret-note-7f3'].join('\n'));
    await app.inject({ method: 'POST', url: `/api/v1/integrations/${fileId}/uploads`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${tokens.all}` } });
    expect((await app.inject({ method: 'GET', url: `/api/v1/diagnoses?sourceRef=8&integrationId=${fileId}`, headers: as(tokens.manage) })).statusCode).toBe(403);
    const report = await app.inject({ method: 'POST', url: '/api/v1/support-reports', headers: as(tokens.manage), payload: { integrationId: fileId, from: '2026-03-01', sourceRefs: ['8'] } });
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json().report.diagnoses[0].received).toEqual({ location: 'row 1 of late-calls.csv (line 2)', receivedAt: expect.any(String), values: null });
    expect(report.body).not.toContain('7f3');
    const viewer = await diagnose('8');
    expect(viewer.received.values).toEqual({ call_id: '8', created_at: 'not-a-date-7f3', channel: 'phone', agent: 'Ann', status: 'closed', notes: 'secret-note-7f3' });
    // A Contact viewer reads the row but may not import it.
    expect((await importRow('8', { token: tokens.view, values: { created_at: '2026-03-03' } })).statusCode).toBe(403);
  });
});
