import { type Kysely, type Migration } from 'kysely';
import { dialectColumnTypes, type DialectName } from '../open-database.js';

/** Workspaces, integrations, runs, contacts, the decision ledger and integration status history. */
export function initialMigration(dialect: DialectName): Migration {
  const types = dialectColumnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('workspaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('feature_flags', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('integrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('source_account', 'text', (c) => c.notNull())
        .addColumn('connection', 'text', (c) => c.notNull())
        .addColumn('credentials', 'text')
        .addColumn('credentials_updated_at', 'text')
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('checkpoint', 'text')
        .addColumn('health', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('health_since', 'text', (c) => c.notNull())
        .addColumn('outage_runs', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('outage_since', 'text')
        .addColumn('last_error', 'text')
        .addColumn('last_ran_at', 'text')
        .addColumn('last_data_imported_at', 'text')
        .addColumn('next_run_at', 'text')
        .addColumn('paused_at', 'text')
        .addColumn('paused_by', 'text')
        .addColumn('pause_note', 'text')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('integrations_workspace_name', ['workspace_id', 'name'])
        .execute();
      await db.schema.createIndex('integrations_due').on('integrations').columns(['next_run_at']).execute();

      await db.schema
        .createTable('runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('heartbeat_at', 'text', (c) => c.notNull())
        .addColumn('window_from', 'text')
        .addColumn('window_to', 'text')
        .addColumn('source_ref', 'text')
        .addColumn('checkpoint_before', 'text')
        .addColumn('checkpoint_after', 'text')
        .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('seen', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reason_counts', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('requests', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('throttled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rate_limited_ms', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .addColumn('stopped_by', 'text')
        .addColumn('requested_by', 'text')
        .execute();
      await db.schema.createIndex('runs_integration_started').on('runs').columns(['integration_id', 'started_at']).execute();
      await db.schema.createIndex('runs_status').on('runs').columns(['status']).execute();

      await db.schema
        .createTable('contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        // Contacts are the workspace's QA material: they outlive the integration that brought them.
        .addColumn('integration_id', 'text', (c) => c.references('integrations.id').onDelete('set null'))
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('source_account', 'text', (c) => c.notNull())
        .addColumn('source_ref', 'text', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('agent', 'text')
        .addColumn('source_status', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('custom_fields', 'text', (c) => c.notNull())
        .addColumn('source_created_at', 'text', (c) => c.notNull())
        .addColumn('source_updated_at', 'text', (c) => c.notNull())
        .addColumn('source_closed_at', 'text')
        .addColumn('version', types.bigint, (c) => c.notNull())
        .addColumn('metadata', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('refreshed_at', 'text', (c) => c.notNull())
        .addColumn('first_run_id', 'text', (c) => c.notNull())
        .addColumn('last_run_id', 'text', (c) => c.notNull())
        // The dedup key: one contact per conversation per source account, whatever integration saw it.
        // source_ref leads so that a page's lookup (source_ref IN …) is an index condition even before
        // the planner has statistics — the first import into an empty table is the big one.
        .addUniqueConstraint('contacts_source_identity', ['source_ref', 'workspace_id', 'platform', 'source_account'])
        .execute();
      await db.schema
        .createIndex('contacts_integration_imported')
        .on('contacts')
        .columns(['integration_id', 'imported_at', 'id'])
        .execute();
      await db.schema.createIndex('contacts_workspace_imported').on('contacts').columns(['workspace_id', 'imported_at', 'id']).execute();

      await db.schema
        .createTable('decisions')
        .addColumn('id', types.serialId, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('source_ref', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text')
        .addColumn('source_version', types.bigint)
        .addColumn('source_updated_at', 'text')
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      // "What happened to reference X?" must stay fast at millions of rows.
      await db.schema.createIndex('decisions_workspace_ref').on('decisions').columns(['workspace_id', 'source_ref', 'id']).execute();
      await db.schema.createIndex('decisions_run').on('decisions').columns(['run_id', 'id']).execute();
      await db.schema.createIndex('decisions_integration_time').on('decisions').columns(['integration_id', 'decided_at']).execute();

      await db.schema
        .createTable('status_events')
        .addColumn('id', types.serialId, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('cause', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('status_events_integration').on('status_events').columns(['integration_id', 'at']).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['status_events', 'decisions', 'contacts', 'runs', 'integrations', 'workspaces']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
