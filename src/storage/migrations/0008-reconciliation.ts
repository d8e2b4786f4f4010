import type { Kysely, Migration } from 'kysely';

/**
 * When an integration last asked its source which of the contacts Intake holds were deleted (for
 * platforms whose change feed never shows a deletion), so it asks at most once per interval.
 * Null until the first time.
 */
export function reconciliationMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('integrations').addColumn('reconciled_at', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('integrations').dropColumn('reconciled_at').execute();
    },
  };
}
