import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { dirname } from 'node:path';
import { prepareDataFolder } from './data-folder.js';
import { BUSY_RETRY_AFTER_SECONDS, classifyDatabaseError } from './database-errors.js';
import { errorClassifyingDialect, type EngineHooks } from './error-classifying-dialect.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL schema in use when not the default (tests and benchmarks). */
  schema?: string;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | {
      kind: 'sqlite';
      file: string;
      /** How long a statement waits for another process's write lock (default SQLITE_BUSY_TIMEOUT_MS). */
      busyTimeoutMs?: number;
    }
  | { kind: 'postgres'; url: string; /** search_path, for per-test schemas */ schema?: string; poolSize?: number };

/**
 * better-sqlite3 waits for a lock synchronously: the whole process stands still meanwhile. Long
 * enough for another Intake process (the CLI beside the service) to commit a page, short enough
 * that /healthz never misses a beat for it.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 500;

/** `postgres://…` → PostgreSQL; anything else is a SQLite file path. */
export function databaseTarget(databaseUrl: string | undefined, sqliteFile: string): DatabaseTarget {
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) return { kind: 'postgres', url: databaseUrl };
  return { kind: 'sqlite', file: sqliteFile };
}

/** The only place that knows which database engine is underneath. */
export function openDatabase(target: DatabaseTarget): OpenedDatabase {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') prepareDataFolder(dirname(target.file), target.file);
    const busyTimeoutMs = target.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
    const sqlite = openSqlite(target.file, busyTimeoutMs);
    const dialect = errorClassifyingDialect(new SqliteDialect({ database: sqlite }), sqliteHooks(sqlite, busyTimeoutMs));
    const db = new Kysely<Database>({ dialect });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    types: {
      // int8 columns hold millisecond versions and ids, all far below 2^53.
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // A connection lost while idle (the server restarted) is dropped by the pool, and the next query
  // connects anew; unheard, the pool's 'error' event would end the process instead.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: errorClassifyingDialect(new PostgresDialect({ pool })) });
  return { db, dialect: 'postgres', ...(target.schema ? { schema: target.schema } : {}), close: () => db.destroy() };
}

function openSqlite(file: string, busyTimeoutMs: number): SqliteDatabase.Database {
  let sqlite: SqliteDatabase.Database | null = null;
  try {
    sqlite = new SqliteDatabase(file, { timeout: busyTimeoutMs });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    return sqlite;
  } catch (error) {
    sqlite?.close();
    // Opening is outside Kysely: a lock, a full disk or a read-only file is named here the same way.
    throw classifyDatabaseError(error) ?? error;
  }
}

/**
 * Write transactions take the write lock when they begin (BEGIN IMMEDIATE), so waiting for
 * another process happens there, under the busy timeout; a transaction that read first and wrote
 * later would instead fail at once when another process had written in between. Once a statement
 * has waited the whole timeout in vain, the next ones do not wait at all for a while — they fail
 * at once with the same "busy" answer — so a lock held for minutes costs the process one short
 * wait every few seconds, not one per request.
 */
function sqliteHooks(sqlite: SqliteDatabase.Database, busyTimeoutMs: number): EngineHooks {
  let waitAgainAt: number | null = null;
  return {
    begin: 'begin immediate',
    inTransaction: () => sqlite.inTransaction,
    beforeStatement() {
      if (waitAgainAt !== null && Date.now() >= waitAgainAt) {
        waitAgainAt = null;
        sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
      }
    },
    onClassified(problem) {
      if (problem !== 'busy' || waitAgainAt !== null) return;
      waitAgainAt = Date.now() + BUSY_RETRY_AFTER_SECONDS * 1000;
      sqlite.pragma('busy_timeout = 0');
    },
  };
}

/** Column types that differ between the engines, for migrations. */
export function dialectColumnTypes(dialect: DialectName) {
  return dialect === 'sqlite'
    ? ({ serialId: 'integer', bigint: 'integer' } as const)
    : ({ serialId: 'bigserial', bigint: 'bigint' } as const);
}

/** One round trip to the database: does it answer? */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
