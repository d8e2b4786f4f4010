import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openDatabase, type DialectName, type OpenedDatabase } from '../../src/storage/open-database.js';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const DIALECTS: DialectName[] = ['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

export interface TestDatabase extends OpenedDatabase {
  /** Drops what the test made (the PostgreSQL schema) and closes the connection. */
  destroy(): Promise<void>;
  /** Runs the migrator again, taking turns with other files' schema changes as creation does. */
  migrate(): Promise<string[]>;
}

/**
 * A fresh, migrated database for one test file: in-memory SQLite, or a schema of its own in the
 * PostgreSQL test database (dropped on destroy), so files running in parallel never meet.
 */
export async function createTestDatabase(dialect: DialectName, options: { sqliteFile?: string } = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ kind: 'sqlite', file: options.sqliteFile ?? ':memory:' });
    await migrateToLatest(database);
    return { ...database, destroy: () => database.close(), migrate: () => migrateToLatest(database) };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = openDatabase({ kind: 'postgres', url, schema, poolSize: 5 });
  // Kysely's migrator reads the catalog of every schema: a schema dropped by another test file at
  // that moment breaks it. Creating, migrating and dropping test schemas take turns.
  await withSchemaLock(url, async (client) => {
    await client.query(`CREATE SCHEMA ${schema}`);
    await migrateToLatest(database);
  });
  return {
    ...database,
    migrate: () => withSchemaLock(url, () => migrateToLatest(database)),
    async destroy() {
      await database.close();
      await withSchemaLock(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

const SCHEMA_LOCK = 734_215;

async function withSchemaLock<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await work(client);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => undefined);
    await client.end();
  }
}
