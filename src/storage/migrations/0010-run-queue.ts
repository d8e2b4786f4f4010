import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A run is a row before it is work: runs wait `queued` with what their kind needs (`input`), and
 * whoever executes one holds it under a lease on the row (`claimed_by`, `lease_expires_at`), renewed
 * by its heartbeat. A run whose lease expired belongs to a process that died and is claimed again.
 */
export function runQueueMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').addColumn('queued_at', 'text').execute();
      await db.schema.alterTable('runs').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('runs').addColumn('lease_expires_at', 'text').execute();
      await db.schema.alterTable('runs').addColumn('input', 'text').execute();
      await db.schema.alterTable('runs').addColumn('output', 'text').execute();
      await db.schema.alterTable('runs').addColumn('claims', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await sql`UPDATE runs SET queued_at = started_at`.execute(db);
      // The queue's one question: the open runs, in claiming order.
      await db.schema.createIndex('runs_open_idx').on('runs').columns(['status', 'queued_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('runs_open_idx').ifExists().execute();
      for (const column of ['claims', 'output', 'input', 'lease_expires_at', 'claimed_by', 'queued_at']) await db.schema.alterTable('runs').dropColumn(column).execute();
    },
  };
}
