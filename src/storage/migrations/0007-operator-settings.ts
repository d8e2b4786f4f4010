import type { Kysely, Migration } from 'kysely';

/**
 * Settings of the installation, set by its operator from the command line and read by every
 * process (service, workers, CLI): the extra source hosts connectors may call, and the address the
 * service listens on. One row per setting; the value is JSON.
 */
export function operatorSettingsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('operator_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('operator_settings').ifExists().execute();
    },
  };
}
