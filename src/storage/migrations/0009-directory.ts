import type { Kysely, Migration } from 'kysely';

/**
 * Each integration's directory — the agents and custom fields its source lists, by id and name,
 * kept when they disappear (gone_at) — when it was last read, and the settings problems it shows
 * (a filter on a custom field that no longer exists).
 */
export function directoryMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('directory_entries')
        .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('gone_at', 'text')
        .addPrimaryKeyConstraint('directory_entries_pk', ['integration_id', 'kind', 'source_id'])
        .execute();
      await db.schema
        .createTable('directory_refreshes')
        .addColumn('integration_id', 'text', (c) => c.primaryKey().references('integrations.id').onDelete('cascade'))
        .addColumn('attempted_at', 'text', (c) => c.notNull())
        .addColumn('refreshed_at', 'text')
        .addColumn('kinds', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('error', 'text')
        .execute();
      await db.schema.alterTable('integrations').addColumn('settings_problems', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('integrations').dropColumn('settings_problems').execute();
      await db.schema.dropTable('directory_refreshes').ifExists().execute();
      await db.schema.dropTable('directory_entries').ifExists().execute();
    },
  };
}
