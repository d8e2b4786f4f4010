import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Rows and records handed to Intake (an uploaded file's rows, a pushed batch's records) that were
 * not imported — failed or excluded — kept as received, one per integration and reference, so that
 * one can be imported again by hand (re-mapped with the integration's current mapping, or corrected
 * first). A new receipt of the reference replaces it; importing it deletes it; deleting the
 * integration removes it.
 *
 * And an upload's file name moves out of `runs.source_ref` (the reference of a single import) into
 * its own column; older upload runs are moved the same way, so they read as before.
 */
export function receivedRecordsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('received_records')
        .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
        .addColumn('source_ref', 'text', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text', (c) => c.notNull())
        /** JSON object: the row's values by column, or the pushed record, as received. */
        .addColumn('raw_values', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('received_records_pkey', ['integration_id', 'source_ref'])
        .execute();
      await db.schema.alterTable('runs').addColumn('file_name', 'text').execute();
      await moveUploadFileNames(db);
    },
  };
}

/** Upload runs written before this migration held their file's name in `source_ref`. */
export async function moveUploadFileNames(db: Kysely<unknown>): Promise<void> {
  await sql`update runs set file_name = source_ref, source_ref = null where kind = 'upload' and source_ref is not null`.execute(db);
}
