import type { Kysely, Migration } from 'kysely';

/** Rate budgets shared by every process of a distributed deployment (one row per source budget). */
export function rateBudgetsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rate_budgets')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('limit_count', 'integer')
        .addColumn('remaining', 'integer')
        .addColumn('reset_at', 'text', (c) => c.notNull())
        .addColumn('blocked_until', 'text')
        .addColumn('in_flight', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('in_flight_at', 'text')
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('rate_budgets').ifExists().execute();
    },
  };
}
