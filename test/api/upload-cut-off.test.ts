import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import type { Caller } from '../../src/accounts/caller.js';
import { buildApp, type App } from '../../src/api/build-app.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import { ROLE_PERMISSIONS } from '../../src/core/permissions.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { countContacts } from '../../src/storage/contact.repository.js';
import { findRun } from '../../src/storage/run.repository.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { multipart } from '../support/multipart.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

const HEADER = 'call_id,created_at,status';
const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${from + i},2026-03-02 09:15,closed\n`).join('');

/**
 * A client that goes away mid-upload (a closed laptop, a killed script), over a real HTTP
 * connection: the run ends with what committed and says where the file was cut off, and sending the
 * file again imports the rest and leaves the rows already in unchanged.
 */
describe.each(DIALECTS)('an upload cut off mid-file (%s)', (dialect) => {
  let database: TestDatabase;
  let services: TestServices;
  let app: App;
  let scheduler: Scheduler;
  let url: URL;
  let token: string;
  let fileId: string;
  const clock = new ManualClock('2026-03-10T12:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    services = createTestServices(database, { clock });
    const workspace = await insertWorkspace(services.db, { name: 'Acme', featureFlags: { integrations: true }, now: clock.now() });
    const caller: Caller = { kind: 'user', workspaceId: workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'admin@acme.example' };
    fileId = (await addIntegration(services, workspace.id, { platform: 'file', name: 'Weekly calls', connection: { source: 'telephony' }, settings: { startDate: '2026-01-01' } }, caller.label)).id;
    token = (await createApiToken(services, caller, { name: 'all', permissions: ['manage_integrations', 'view_contacts'] })).token;
    scheduler = new Scheduler(services, { maxConcurrent: 1 });
    app = await buildApp({ services, launcher: scheduler, publicUrl: 'http://intake.test' });
    url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
  });

  afterAll(async () => {
    await scheduler.stop();
    await app.close();
    await services.close();
    await database.destroy();
  });

  const uploadRuns = () => services.db.selectFrom('runs').select(['id', 'status']).where('integration_id', '=', fileId).where('kind', '=', 'upload').orderBy('started_at').execute();

  async function until<T>(what: string, read: () => Promise<T | null | undefined | false>): Promise<T> {
    for (let i = 0; i < 400; i += 1) {
      const value = await read();
      if (value) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`gave up waiting for ${what}`);
  }

  it('ends the run partial with the pages that committed, saying the line it was cut off at and to send the file again', async () => {
    // The multipart body is sent up to and into row 2,501, then the connection is destroyed.
    const boundary = '----intake-cut-off';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="weekly-calls.csv"\r\nContent-Type: text/csv\r\n\r\n${HEADER}\n${rows(1, 2501)}2501,2026-03`;
    const sent = request(url.origin + `/api/v1/integrations/${fileId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
    });
    sent.on('error', () => undefined);
    sent.write(head);
    // Two pages of 1,000 rows committed: the client is then gone, mid-row.
    await until('two committed pages', async () => {
      const [run] = await uploadRuns();
      return run && (await findRun(services.db, run.id))!.pages >= 2;
    });
    sent.destroy();

    const run = await until('the run to end', async () => {
      const [only] = await uploadRuns();
      return only && only.status !== 'running' && (await findRun(services.db, only.id));
    });
    expect(run).toMatchObject({ status: 'partial', fileName: 'weekly-calls.csv', counts: { seen: 2000, imported: 2000, failed: 0 } });
    expect(run.error).toMatchObject({ category: 'source_error', detail: { cutOffAtLine: 2502 } });
    expect(run.error!.message).toContain('The upload of weekly-calls.csv was cut off at line 2,502');
    expect(run.error!.message).toContain('send the whole file again');
    expect(run.error!.message).not.toContain('internal error');
    const integration = (await app.inject({ method: 'GET', url: `/api/v1/integrations/${fileId}`, headers: { authorization: `Bearer ${token}` } })).json();
    expect(integration).toMatchObject({ status: 'warning', lastError: { category: 'source_error', message: run.error!.message } });

    // Sent again, whole: the rows already in are unchanged, the rest imported.
    const body = multipart('weekly-calls.csv', `${HEADER}\n${rows(1, 3001)}`);
    const again = await app.inject({ method: 'POST', url: `/api/v1/integrations/${fileId}/uploads`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
    expect(again.json()).toMatchObject({ status: 'succeeded', counts: { seen: 3000, imported: 1000, updated: 0, unchanged: 2000 } });
    expect(await countContacts(services.db, { integrationId: fileId })).toBe(3000);
  });

  it('answers the preview of a large file over a real connection after its first rows, and closes the connection instead of reading the rest', async () => {
    const boundary = '----intake-large-preview';
    const note = 'n'.repeat(100);
    const sent = request(url.origin + `/api/v1/integrations/${fileId}/uploads/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
    });
    sent.on('error', () => undefined);
    const answer = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      sent.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body: text }));
        response.on('error', reject);
      });
    });
    // 200,000 rows (about 28 MB, more than the sockets' buffers hold), written as fast as the connection takes them, until it is closed.
    let written = 0;
    const write = async () => {
      sent.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big-export.csv"\r\nContent-Type: text/csv\r\n\r\n${HEADER},notes\n`);
      for (let start = 1; start <= 200_000 && !sent.destroyed; start += 100) {
        const lines = Array.from({ length: 100 }, (_, i) => `big-${start + i},2026-03-02 09:15,closed,${note}\n`).join('');
        written += 100;
        if (!sent.write(lines)) await new Promise((resolve) => sent.once('drain', resolve).once('close', resolve));
      }
      if (!sent.destroyed) sent.end(`\r\n--${boundary}--\r\n`);
    };
    void write();
    const { status, connection, body } = await answer;
    expect(status, body).toBe(200);
    expect(connection).toBe('close');
    const preview = JSON.parse(body) as { rows: Array<{ sourceRef: string }>; more: boolean };
    expect(preview.rows.map((r) => r.sourceRef).slice(0, 2)).toEqual(['big-1', 'big-2']);
    expect(preview.more).toBe(true);
    expect(written).toBeLessThan(200_000);
    sent.destroy();
  });

  it('ends the run failed when the client is gone before a page committed', async () => {
    const boundary = '----intake-cut-off';
    const sent = request(url.origin + `/api/v1/integrations/${fileId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
    });
    sent.on('error', () => undefined);
    // More than the 64 KiB an upload reads before its run starts, fewer than a page's 1,000 rows.
    const note = 'x'.repeat(120);
    const lines = Array.from({ length: 600 }, (_, i) => `${5001 + i},2026-03-02 09:15,closed,${note}\n`).join('');
    sent.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="short.csv"\r\nContent-Type: text/csv\r\n\r\n${HEADER},notes\n${lines}`);
    const before = (await uploadRuns()).length;
    await until('the upload run to start', async () => (await uploadRuns()).length > before);
    sent.destroy();
    const run = await until('the run to end', async () => {
      const last = (await uploadRuns()).at(-1);
      return last && last.status !== 'running' && (await findRun(services.db, last.id));
    });
    expect(run).toMatchObject({ status: 'failed', fileName: 'short.csv', counts: { seen: 0 } });
    expect(run.error!.message).toContain('The upload of short.csv was cut off at line 602');
    expect(run.error!.message).toContain('Nothing was imported');
  });
});
