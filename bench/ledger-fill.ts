import { sql, type RawBuilder } from 'kysely';
import type { BenchDatabase } from './bench-support.js';

/** Rows per INSERT…SELECT on SQLite: one statement each, so memory and the journal stay small. */
const SQLITE_CHUNK = 500_000;

/** `expr` as text, in the bench database's dialect. */
export function asText(database: BenchDatabase, expr: RawBuilder<unknown>): RawBuilder<unknown> {
  return database.dialect === 'postgres' ? sql`(${expr})::text` : sql`cast(${expr} as text)`;
}

/**
 * Inserts `count` generated rows inside the database: `select` is the SELECT list over `s.n` (1 …
 * count). PostgreSQL does it in one INSERT…SELECT over generate_series; SQLite in chunks over a
 * recursive counter.
 */
export async function insertSeries(database: BenchDatabase, count: number, insert: (rows: RawBuilder<unknown>) => RawBuilder<unknown>): Promise<void> {
  if (count <= 0) return;
  if (database.dialect === 'postgres') {
    await insert(sql`select g as n from generate_series(1, ${count}::bigint) g`).execute(database.db);
    return;
  }
  for (let from = 1; from <= count; from += SQLITE_CHUNK) {
    const to = Math.min(count, from + SQLITE_CHUNK - 1);
    // Literals, not parameters: better-sqlite3 binds a JavaScript number as a REAL, and '1.0' is no reference.
    await insert(sql`with recursive c(n) as (select ${sql.lit(from)} union all select n + 1 from c where n < ${sql.lit(to)}) select n from c`).execute(database.db);
  }
}

/**
 * Runs `fill` with the table's secondary indexes dropped, then builds them again from their own
 * definitions (as the migrations made them): building an index once over millions of rows is many
 * times faster than keeping it up to date row by row. Ends with ANALYZE so the planner knows the
 * table's size, as it would after autovacuum on a real installation.
 */
export async function withIndexesDeferred(database: BenchDatabase, table: string, fill: () => Promise<void>): Promise<void> {
  const { db } = database;
  const definitions =
    database.dialect === 'postgres'
      ? (
          await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes
            where schemaname = current_schema() and tablename = ${table} and indexname not in (select conname from pg_constraint where conrelid = ${table}::regclass)`.execute(db)
        ).rows
      : (await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db)).rows;
  for (const index of definitions) await sql`drop index ${sql.id(index.name)}`.execute(db);
  await fill();
  await db.connection().execute(async (connection) => {
    if (database.dialect === 'postgres') await sql`set maintenance_work_mem = '512MB'`.execute(connection);
    for (const index of definitions) await sql.raw(index.definition).execute(connection);
    await sql`analyze ${sql.table(table)}`.execute(connection);
  });
}
