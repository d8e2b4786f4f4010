import type { Kysely, Migration } from 'kysely';

/**
 * Catch-up after an outage: when an integration leaves `failure` (reconnect, or a probe that
 * works again), the next run records the outage start and how many contacts it recovered.
 */
export function catchUpMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('integrations').addColumn('catch_up_since', 'text').execute();
      await db.schema.alterTable('runs').addColumn('catch_up_since', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').dropColumn('catch_up_since').execute();
      await db.schema.alterTable('integrations').dropColumn('catch_up_since').execute();
    },
  };
}
