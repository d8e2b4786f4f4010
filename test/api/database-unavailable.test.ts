import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import { buildApp, type App } from '../../src/api/build-app.js';
import { ROLE_PERMISSIONS } from '../../src/core/permissions.js';
import { systemClock } from '../../src/core/system-clock.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openDatabase, type OpenedDatabase } from '../../src/storage/open-database.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

/** A service on a SQLite file (another connection can lock it), with a short busy timeout. */
async function fileBackedService(database: OpenedDatabase) {
  await migrateToLatest(database);
  // The system clock: the sandbox simulator and the rate budgets run on it.
  const services = createTestServices(database, { clock: systemClock });
  const workspace = await insertWorkspace(services.db, { name: 'Acme', featureFlags: { integrations: true }, now: systemClock.now() });
  const caller = { kind: 'user' as const, workspaceId: workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'admin@acme.example' };
  const { token } = await createApiToken(services, caller as never, { name: 'script', permissions: ['manage_integrations', 'view_contacts'] });
  const scheduler = new Scheduler(services, { maxConcurrent: 1 });
  const app = await buildApp({ services, launcher: scheduler, publicUrl: 'http://intake.test' });
  return { services, scheduler, app, token };
}

const epoch = new Date().toISOString();

describe('when the SQLite database cannot be written', () => {
  let dir = '';
  let database: OpenedDatabase;
  let services: TestServices;
  let scheduler: Scheduler;
  let app: App;
  let token = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'intake-busy-'));
    database = openDatabase({ kind: 'sqlite', file: join(dir, 'intake.db'), busyTimeoutMs: 50 });
    ({ services, scheduler, app, token } = await fileBackedService(database));
    // Signed-in reads note the token's last use once a minute: done here, before any lock.
    expect((await request('GET', '/api/v1/integrations')).statusCode).toBe(200);
  });
  afterAll(async () => {
    await scheduler.stop();
    await app.close();
    await services.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function request(method: 'GET' | 'POST', url: string, payload?: object) {
    return app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  }
  const addSandbox = (name: string) => request('POST', '/api/v1/integrations', { platform: 'sandbox', name, connection: { epoch } });
  const logged = (code: string) => services.logLines.filter((line) => JSON.stringify(line).includes(code));

  it('answers 503 with Retry-After naming the lock another process holds, logs the driver error, and succeeds once it is released', async () => {
    const other = new SqliteDatabase(join(dir, 'intake.db'));
    try {
      other.exec('begin exclusive');
      const refused = await addSandbox('Sandbox one');
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json().error).toMatchObject({
        code: 'database_busy',
        message: 'The database is busy: another process holds its write lock (SQLITE_BUSY). Nothing was written; try again in a few seconds.',
      });
      // Reads go on meanwhile, and so does the health check.
      expect((await request('GET', '/api/v1/integrations')).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const [line] = logged('database_busy');
      expect(line).toMatchObject({ level: 40, err: { code: 'database_busy', cause: { code: 'SQLITE_BUSY', message: 'database is locked' } } });
    } finally {
      other.exec('commit');
      other.close();
    }
    const accepted = await addSandbox('Sandbox one');
    expect(accepted.statusCode).toBe(201);
  });

  it('lets a scheduled run that meets the lock end in the log with the cause, and the next run go on', async () => {
    const other = new SqliteDatabase(join(dir, 'intake.db'));
    try {
      other.exec('begin exclusive');
      expect(await scheduler.runOnce()).toEqual([]);
      expect(services.logLines.filter((line) => line.msg === 'a scheduled run failed').at(-1)).toMatchObject({
        err: { code: 'database_busy', cause: { code: 'SQLITE_BUSY' } },
      });
    } finally {
      other.exec('commit');
      other.close();
    }
    const [run] = await scheduler.runOnce();
    expect(run).toMatchObject({ kind: 'scheduled', status: 'succeeded' });
    expect(run!.counts.seen).toBeGreaterThan(0);
  });

  it('answers 507 naming the full disk, logs the disk-full error rather than the failed rollback, and writes again once there is room', async () => {
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(services.db)).rows[0]!.page_count;
    // SQLite answers a database that may not grow exactly as a full disk: SQLITE_FULL.
    await sql.raw(`pragma max_page_count = ${pages}`).execute(services.db);
    let n = 0;
    let full = await addSandbox(`Full ${n}`);
    while (full.statusCode === 201 && n < 100) full = await addSandbox(`Full ${(n += 1)}`);

    expect(full.statusCode).toBe(507);
    expect(full.headers['retry-after']).toBeUndefined();
    expect(full.json().error).toMatchObject({
      code: 'disk_full',
      message: 'The database cannot grow: the disk that holds it is full (SQLITE_FULL). Nothing was written; free disk space, and Intake carries on by itself.',
    });
    const [line] = logged('disk_full');
    expect(line).toMatchObject({ level: 50, err: { code: 'disk_full', cause: { code: 'SQLITE_FULL', message: 'database or disk is full' } } });
    expect(services.logText()).not.toContain('cannot rollback');

    await sql.raw('pragma max_page_count = 1073741823').execute(services.db);
    expect((await addSandbox(`Full ${n}`)).statusCode).toBe(201);
  });
});

describe('when PostgreSQL does not answer', () => {
  let database: OpenedDatabase;
  let app: App;
  let services: TestServices;
  beforeAll(async () => {
    // Nothing listens on port 1: the connection is refused, as when the server is down.
    database = openDatabase({ kind: 'postgres', url: 'postgres://intake@127.0.0.1:1/intake' });
    services = createTestServices(database, { clock: systemClock });
    app = await buildApp({ services, launcher: new Scheduler(services, { maxConcurrent: 1 }), publicUrl: 'http://intake.test' });
  });
  afterAll(async () => {
    await app.close();
    await services.close();
    await database.close();
  });

  it('answers 503 database_unavailable with Retry-After, and /healthz says the database does not answer', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/integrations', headers: { authorization: 'Bearer intk_0123456789abcdef' } });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json().error).toMatchObject({ code: 'database_unavailable', message: expect.stringContaining('PostgreSQL does not answer (ECONNREFUSED)') });
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(services.logLines.find((line) => JSON.stringify(line).includes('database_unavailable'))).toMatchObject({ err: { cause: { code: 'ECONNREFUSED' } } });
  });
});
