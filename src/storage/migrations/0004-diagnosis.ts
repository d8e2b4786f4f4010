import type { Kysely, Migration } from 'kysely';
import { dialectColumnTypes, type DialectName } from '../open-database.js';

/**
 * What diagnosis, backfills, health and alerts need: how far the checkpoint reached in source time,
 * backfill previews and progress, settings history, volume alerts.
 */
export function diagnosisMigration(dialect: DialectName): Migration {
  const types = dialectColumnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('integrations').addColumn('checkpoint_reached_at', 'text').execute();
      await db.schema.alterTable('integrations').addColumn('backfill_hint', 'text').execute();
      await db.schema.alterTable('runs').addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('runs').addColumn('reached_at', 'text').execute();
      await db.schema.alterTable('runs').addColumn('estimate', 'text').execute();
      await db.schema.alterTable('runs').addColumn('cancel_requested_at', 'text').execute();

      await db.schema
        .createTable('integration_history')
        .addColumn('id', types.serialId, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('integration_history_integration').on('integration_history').columns(['integration_id', 'at']).execute();

      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('cause', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('alerts_integration').on('alerts').columns(['integration_id', 'opened_at']).execute();
      await db.schema.createIndex('alerts_workspace_open').on('alerts').columns(['workspace_id', 'closed_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('alerts').ifExists().execute();
      await db.schema.dropTable('integration_history').ifExists().execute();
      for (const column of ['cancel_requested_at', 'estimate', 'reached_at', 'dry_run']) await db.schema.alterTable('runs').dropColumn(column).execute();
      for (const column of ['backfill_hint', 'checkpoint_reached_at']) await db.schema.alterTable('integrations').dropColumn(column).execute();
    },
  };
}
