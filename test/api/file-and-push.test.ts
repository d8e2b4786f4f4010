import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import type { Caller } from '../../src/accounts/caller.js';
import { buildApp, type App } from '../../src/api/build-app.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import { ROLE_PERMISSIONS } from '../../src/core/permissions.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { countContacts } from '../../src/storage/contact.repository.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';
import { multipart } from '../support/multipart.js';

const WEEKLY = ['call_id,created_at,channel,agent,status,tags', '1,2026-03-02 09:15,phone,Ann,closed,vip', '2,2026-03-02 10:00,phone,Bob,open,', '3,yesterday,chat,Ann,closed,', '4,2026-03-03 16:45,chat,Cy,solved,"a,b"'].join('\n');
const CORRECTED = ['call_id,created_at,channel,agent,status,tags', '1,2026-03-02 09:15,phone,Ann,closed,vip', '2,2026-03-02 10:00,phone,Bob,open,', '3,2026-03-02 11:30,chat,Ann,closed,', '4,2026-03-03 16:45,email,Cy,solved,"a,b"'].join('\n');

describe.each(DIALECTS)('files and the push API (%s)', (dialect) => {
  let database: TestDatabase;
  let services: TestServices;
  let app: App;
  let limited: App;
  let scheduler: Scheduler;
  let token: string;
  let pushToken: string;
  let fileId: string;
  let pushId: string;
  let otherPushId: string;
  const clock = new ManualClock('2026-03-10T12:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    services = createTestServices(database, { clock });
    const workspace = await insertWorkspace(services.db, { name: 'Acme', featureFlags: { integrations: true }, now: clock.now() });
    const caller: Caller = { kind: 'user', workspaceId: workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'admin@acme.example' };
    const settings = { startDate: '2026-01-01', statusCriteria: ['solved', 'closed'] };
    fileId = (await addIntegration(services, workspace.id, { platform: 'file', name: 'Weekly calls', connection: { source: 'telephony', timeZone: 'Europe/Paris' }, settings }, caller.label)).id;
    pushId = (await addIntegration(services, workspace.id, { platform: 'push', name: 'Chat tool', connection: { source: 'chat tool' }, settings }, caller.label)).id;
    otherPushId = (await addIntegration(services, workspace.id, { platform: 'push', name: 'Other tool', connection: { source: 'other' }, settings }, caller.label)).id;
    token = (await createApiToken(services, caller, { name: 'all', permissions: ['manage_integrations', 'view_contacts'] })).token;
    pushToken = (await createApiToken(services, caller, { name: 'push', pushIntegrationId: pushId })).token;
    scheduler = new Scheduler(services, { maxConcurrent: 1 });
    app = await buildApp({ services, launcher: scheduler, publicUrl: 'http://intake.test' });
    limited = await buildApp({ services, launcher: scheduler, publicUrl: 'http://intake.test', pushRequestsPerMinute: 2 });
  });

  afterAll(async () => {
    await scheduler.stop();
    await app.close();
    await limited.close();
    await services.close();
    await database.destroy();
  });

  const upload = (path: string, fileName: string, content: string | Buffer, fields: Record<string, string> = {}) => {
    const body = multipart(fileName, content, fields);
    return app.inject({ method: 'POST', url: `/api/v1/integrations/${fileId}/${path}`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
  };
  const runs = async () => (await app.inject({ method: 'GET', url: `/api/v1/integrations/${fileId}/runs`, headers: { authorization: `Bearer ${token}` } })).json().runs as Array<{ kind: string }>;

  it('previews the first rows decided, with the mapping proposed from the header row, writing nothing', async () => {
    const response = await upload('uploads/preview', 'weekly-calls.csv', WEEKLY);
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', columns: ['call_id', 'created_at', 'channel', 'agent', 'status', 'tags'], problems: [] });
    expect(preview.connection.mapping).toMatchObject({ sourceRef: 'call_id', createdAt: 'created_at', channel: 'channel', agent: 'agent', status: 'status', tags: 'tags' });
    expect(preview.rows.map((r: { outcome: string; reason: string | null }) => [r.outcome, r.reason])).toEqual([
      ['imported', null],
      ['excluded', 'status_not_eligible'],
      ['failed', 'invalid_record'],
      ['imported', null],
    ]);
    expect(preview.rows[2]).toMatchObject({ sourceRef: '3', field: 'created_at', message: 'is not a date', location: 'row 3 of weekly-calls.csv (line 4)' });
    expect(await countContacts(services.db, { integrationId: fileId })).toBe(0);
    expect(await runs()).toEqual([]);
  });

  it('previews a 50,000-row file from its first rows, reads little more of it, and says the rest is decided by the import', async () => {
    const total = 50_000;
    const note = 'n'.repeat(100);
    let generated = 0;
    const boundary = '----intake-large-preview';
    // The file is made as it is read: how far the server read it is how many rows were generated.
    async function* body(): AsyncGenerator<Buffer> {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big-export.csv"\r\nContent-Type: text/csv\r\n\r\ncall_id,created_at,channel,agent,status,tags,notes\n`);
      for (let start = 1; start <= total; start += 100) {
        const lines: string[] = [];
        for (let i = start; i < start + 100; i += 1) lines.push(`big-${i},2026-03-02 09:15,phone,Ann,${i === 3 ? 'open' : 'closed'},,${note}\n`);
        generated += lines.length;
        yield Buffer.from(lines.join(''));
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/integrations/${fileId}/uploads/preview`,
      payload: Readable.from(body()),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows[0]).toMatchObject({ sourceRef: 'big-1', outcome: 'imported' });
    expect(preview.rows[2]).toMatchObject({ sourceRef: 'big-3', outcome: 'excluded', reason: 'status_not_eligible' });
    expect(preview.more).toBe(true);
    // About 7 MB: the first rows, then at most a megabyte more, then the connection closes.
    expect(generated).toBeLessThan(total / 4);
    expect(response.headers.connection).toBe('close');
    expect(await countContacts(services.db, { integrationId: fileId })).toBe(0);
    // A file that ends within the rows shown says so.
    expect((await upload('uploads/preview', 'weekly-calls.csv', WEEKLY)).json().more).toBe(false);
  });

  it('refuses a file that is not CSV or JSON Lines, and a mapping the file does not fit, writing nothing', async () => {
    const zip = await upload('uploads', 'calls.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]));
    expect(zip.statusCode).toBe(400);
    expect(zip.json().error.details[0]).toMatchObject({ path: 'file', message: expect.stringContaining('is not a CSV or JSON Lines file') });
    const mapped = await upload('uploads', 'weekly-calls.csv', WEEKLY, { connection: JSON.stringify({ mapping: { sourceRef: 'call_id', createdAt: 'started' } }) });
    expect(mapped.statusCode).toBe(400);
    expect(mapped.json().error.details[0]).toMatchObject({ path: 'connection.mapping.createdAt', message: expect.stringContaining('"started"') });
    expect(await runs()).toEqual([]);
  });

  it('imports a file as an upload run: each row decided, the bad one failed naming its row and column; the same file again changes nothing', async () => {
    const first = await upload('uploads', 'weekly-calls.csv', WEEKLY);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'upload', fileName: 'weekly-calls.csv', sourceRef: null, status: 'partial', counts: { seen: 4, imported: 2, excluded: 1, failed: 1 } });
    const again = await upload('uploads', 'weekly-calls.csv', WEEKLY);
    expect(again.json()).toMatchObject({ counts: { seen: 4, imported: 0, updated: 0, unchanged: 2, excluded: 1, failed: 1 } });
    expect(await countContacts(services.db, { integrationId: fileId })).toBe(2);
    expect((await runs()).map((r) => r.kind)).toEqual(['upload', 'upload']);
  });

  it('diagnoses the failed row by its row, file, day and column', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/diagnoses?sourceRef=3&integrationId=${fileId}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(JSON.stringify(response.json())).toContain('Row 3 of weekly-calls.csv (line 4) on 10 March: `created_at` is not a date');
  });

  it('a corrected file imports the fixed row and updates the changed one', async () => {
    clock.advance(60_000);
    const corrected = await upload('uploads', 'weekly-calls.csv', CORRECTED);
    expect(corrected.json()).toMatchObject({ status: 'succeeded', counts: { imported: 1, updated: 1, unchanged: 1, excluded: 1, failed: 0 } });
    const integration = (await app.inject({ method: 'GET', url: `/api/v1/integrations/${fileId}`, headers: { authorization: `Bearer ${token}` } })).json();
    expect(integration.status).toBe('active');
    expect(integration.connection.mapping).toMatchObject({ sourceRef: 'call_id' });
  });

  const push = (records: unknown[], options: { as?: string; to?: string; on?: App } = {}) =>
    (options.on ?? app).inject({ method: 'POST', url: `/api/v1/integrations/${options.to ?? pushId}/contacts`, payload: { records }, headers: { authorization: `Bearer ${options.as ?? pushToken}` } });

  const batch = [
    { sourceRef: 'chat-1', version: 1, createdAt: '2026-03-05T10:00:00Z', status: 'closed', channel: 'chat', tags: ['vip'] },
    { sourceRef: 'chat-2', createdAt: 'last tuesday', status: 'closed' },
    { sourceRef: 'chat-3', version: 1, createdAt: '2025-06-01T10:00:00Z', status: 'closed' },
  ];

  it('answers a pushed batch record by record; a retried batch duplicates nothing; a newer version updates', async () => {
    const first = await push(batch);
    expect(first.statusCode).toBe(200);
    expect(first.json().run).toMatchObject({ kind: 'push', counts: { seen: 3, imported: 1, excluded: 1, failed: 1 } });
    expect(first.json().decisions).toEqual([
      expect.objectContaining({ index: 0, sourceRef: 'chat-1', outcome: 'imported', contactId: expect.any(String) }),
      expect.objectContaining({ index: 1, sourceRef: 'chat-2', outcome: 'failed', field: 'createdAt', message: expect.stringContaining('ISO 8601') }),
      expect.objectContaining({ index: 2, sourceRef: 'chat-3', outcome: 'excluded', reason: 'before_start_date' }),
    ]);
    const retried = await push(batch);
    expect(retried.json().decisions.map((d: { outcome: string }) => d.outcome)).toEqual(['unchanged', 'failed', 'excluded']);
    const newer = await push([{ ...batch[0], version: 2, status: 'open' }]);
    expect(newer.json().decisions[0]).toMatchObject({ outcome: 'updated' });
    expect(await countContacts(services.db, { integrationId: pushId })).toBe(1);
  });

  it('limits a push token to pushing to its own integration, and refuses oversized batches', async () => {
    expect((await push(batch, { to: otherPushId })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/integrations', headers: { authorization: `Bearer ${pushToken}` } })).statusCode).toBe(403);
    expect((await push(batch, { to: fileId, as: token })).json().error.details[0]).toMatchObject({ path: 'integration' });
    const tooMany = await push(Array.from({ length: 1001 }, (_, i) => ({ sourceRef: `r${i}`, createdAt: '2026-03-05T10:00:00Z' })));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details[0]).toMatchObject({ path: 'records', message: expect.stringContaining('at most 1000') });
  });

  it('rate-limits pushes per token with 429 and Retry-After', async () => {
    const one = [{ sourceRef: 'chat-9', version: 1, createdAt: '2026-03-05T10:00:00Z' }];
    expect((await push(one, { on: limited })).statusCode).toBe(200);
    expect((await push(one, { on: limited })).statusCode).toBe(200);
    const third = await push(one, { on: limited });
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // Another token has its own allowance.
    expect((await push(one, { on: limited, as: token })).statusCode).toBe(200);
  });

  it('pausing stops what is sent: an upload or a push to a paused integration is refused before anything is read (a preview still works); Run now has no source to run', async () => {
    const call = (method: 'POST' | 'GET', url: string, payload?: object) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    const runNow = await call('POST', `/api/v1/integrations/${fileId}/runs`);
    expect(runNow.statusCode).toBe(409);
    expect(runNow.json().error.message).toBe('"Weekly calls" imports when a file is uploaded (the Upload tab, `intake upload`, or the API); there is no source to run against. Nothing was started.');
    expect((await call('POST', `/api/v1/integrations/${pushId}/runs`)).json().error.message).toContain('imports when records are pushed to the API');

    const runsBefore = (await runs()).length;
    const contactsBefore = await countContacts(services.db, { integrationId: pushId });
    for (const id of [fileId, pushId]) expect((await call('POST', `/api/v1/integrations/${id}/pause`, { note: 'vendor sends junk' })).statusCode).toBe(200);
    const refused = await upload('uploads', 'weekly-calls.csv', CORRECTED);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/^"Weekly calls" is paused by API token "all" since .* UTC \("vendor sends junk"\): nothing was imported\. Resume it to import files, then send them again\.$/);
    expect((await upload('uploads/preview', 'weekly-calls.csv', CORRECTED)).statusCode).toBe(200);
    const pushed = await push([{ sourceRef: 'chat-paused', version: 1, createdAt: '2026-03-05T10:00:00Z', status: 'closed' }]);
    expect(pushed.statusCode).toBe(409);
    expect(pushed.json().error.message).toContain('"Chat tool" is paused');
    expect((await runs()).length).toBe(runsBefore);
    expect(await countContacts(services.db, { integrationId: pushId })).toBe(contactsBefore);

    for (const id of [fileId, pushId]) expect((await call('POST', `/api/v1/integrations/${id}/resume`)).statusCode).toBe(200);
    expect((await push([{ sourceRef: 'chat-paused', version: 1, createdAt: '2026-03-05T10:00:00Z', status: 'closed' }])).json().decisions[0]).toMatchObject({ outcome: 'imported' });
  });
});
