import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { toRunError } from '../core/run-import.js';
import { StoreUnavailableError } from '../core/store-unavailable-error.js';
import { classifyDatabaseError } from './database-errors.js';
import { openDatabase, type OpenedDatabase } from './open-database.js';

const driverError = (code: string, message = 'driver says no') => Object.assign(new Error(message), { code });

describe('classifying driver errors', () => {
  it('names a lock held elsewhere, a full disk, a read-only file and an unreachable server, wrapping the driver error', () => {
    const cases: Array<[Error, string, number | null]> = [
      [driverError('SQLITE_BUSY', 'database is locked'), 'database_busy', 2],
      [driverError('SQLITE_BUSY_SNAPSHOT'), 'database_busy', 2],
      [driverError('SQLITE_FULL', 'database or disk is full'), 'disk_full', null],
      [driverError('SQLITE_READONLY', 'attempt to write a readonly database'), 'database_read_only', null],
      [driverError('SQLITE_IOERR_WRITE'), 'database_unavailable', 5],
      // PostgreSQL: SQLSTATE codes, and the socket's own errors.
      [driverError('53100', 'could not extend file: No space left on device'), 'disk_full', null],
      [driverError('53300', 'sorry, too many clients already'), 'database_busy', 2],
      [driverError('57P03', 'the database system is starting up'), 'database_unavailable', 5],
      [driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'database_unavailable', 5],
      [new AggregateError([driverError('ECONNREFUSED'), driverError('ECONNREFUSED')], 'connect failed'), 'database_unavailable', 5],
      [new Error('timeout exceeded when trying to connect'), 'database_unavailable', 5],
    ];
    for (const [error, code, retryAfter] of cases) {
      const classified = classifyDatabaseError(error);
      expect(classified).toBeInstanceOf(StoreUnavailableError);
      expect(classified).toMatchObject({ code, retryAfterSeconds: retryAfter, cause: error });
    }
    expect(classifyDatabaseError(driverError('SQLITE_FULL'))!.message).toBe(
      'The database cannot grow: the disk that holds it is full (SQLITE_FULL). Nothing was written; free disk space, and Intake carries on by itself.',
    );
  });

  it('leaves a bug or a broken constraint as it is', () => {
    expect(classifyDatabaseError(driverError('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(classifyDatabaseError(driverError('23505', 'duplicate key value'))).toBeNull();
    expect(classifyDatabaseError(new TypeError('x is undefined'))).toBeNull();
  });

  it('ends an import run with the cause in words, to be continued from the checkpoint', () => {
    const error = toRunError(classifyDatabaseError(driverError('SQLITE_BUSY', 'database is locked')));
    expect(error).toMatchObject({
      category: 'internal',
      transient: true,
      message:
        'The import stopped because the database is busy: another process holds its write lock (SQLITE_BUSY). The page in flight was not written; the next run continues from the checkpoint.',
      detail: { code: 'database_busy' },
    });
  });
});

describe('a SQLite database another process locks, or whose disk fills', () => {
  let dir = '';
  let database: OpenedDatabase | null = null;
  let other: SqliteDatabase.Database | null = null;
  afterEach(async () => {
    other?.close();
    other = null;
    await database?.close();
    database = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<Kysely<Record<string, { x: string }>>> {
    dir = mkdtempSync(join(tmpdir(), 'intake-db-'));
    database = openDatabase({ kind: 'sqlite', file: join(dir, 'intake.db'), busyTimeoutMs: 50 });
    const db = database.db as unknown as Kysely<Record<string, { x: string }>>;
    await sql`create table filler (x text)`.execute(db);
    return db;
  }
  const fill = (db: Kysely<Record<string, { x: string }>>, rows: number) =>
    db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows; i += 1) await trx.insertInto('filler').values({ x: 'x'.repeat(500) }).execute();
    });

  it('reports a full disk as such, not as the failed rollback after it, and writes again once there is room', async () => {
    const db = await open();
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]!.page_count;
    // A database that may not grow is what SQLite reports for a full disk: SQLITE_FULL.
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
    const full = await fill(db, 100).catch((error: unknown) => error);
    expect(full).toBeInstanceOf(StoreUnavailableError);
    expect(full).toMatchObject({ code: 'disk_full', cause: { code: 'SQLITE_FULL', message: 'database or disk is full' } });
    expect(String((full as Error).message)).not.toContain('cannot rollback');

    await sql.raw('pragma max_page_count = 1073741823').execute(db);
    await fill(db, 100);
    expect((await db.selectFrom('filler').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(100);
  });

  it('reports a write lock held by another process as busy, keeps reading, and writes again once it is released', async () => {
    const db = await open();
    await fill(db, 1);
    other = new SqliteDatabase(join(dir, 'intake.db'));
    other.exec('begin exclusive');

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const busy = await fill(db, 1).catch((error: unknown) => error);
      expect(busy).toMatchObject({ code: 'database_busy', retryAfterSeconds: 2, cause: { code: 'SQLITE_BUSY' } });
    }
    // Readers never wait for a writer in WAL mode.
    expect(await db.selectFrom('filler').select('x').execute()).toHaveLength(1);

    other.exec('commit');
    await fill(db, 1);
    expect(await db.selectFrom('filler').select('x').execute()).toHaveLength(2);
  });
});
