import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openDatabase, type DialectName, type OpenedDatabase } from '../../src/storage/open-database.js';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const DIALECTS: DialectName[] = ['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

export interface TestDatabase extends OpenedDatabase {
  /** Drops what the test made (the PostgreSQL schema) and closes the connection. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory SQLite, or a schema of its own in the
 * PostgreSQL test database (dropped on destroy), so files running in parallel never meet.
 */
export async function createTestDatabase(dialect: DialectName, options: { sqliteFile?: string } = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ kind: 'sqlite', file: options.sqliteFile ?? ':memory:' });
    await migrateToLatest(database);
    return { ...database, destroy: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase({ kind: 'postgres', url, schema, poolSize: 5 });
  await migrateToLatest(database);
  return {
    ...database,
    async destroy() {
      await database.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
