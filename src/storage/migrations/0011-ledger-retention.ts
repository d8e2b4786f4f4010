import type { Kysely, Migration } from 'kysely';

/**
 * The indexes that keep the decision ledger fast and bounded at tens of millions of rows.
 *
 * - `decisions_integration_ref` (integration, reference, id): a diagnosis under one integration
 *   reads that reference's history newest first straight from it, and retention asks it whether a
 *   decision has a newer one for the same integration and reference.
 * - `decisions_integration_decided` (integration, decided at, id) replaces (integration, decided
 *   at): retention walks an integration's old decisions in order, a small window at a time, from
 *   the index alone, resuming after the last one it looked at.
 */
export function ledgerRetentionMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('decisions_integration_ref').on('decisions').columns(['integration_id', 'source_ref', 'id']).execute();
      await db.schema.createIndex('decisions_integration_decided').on('decisions').columns(['integration_id', 'decided_at', 'id']).execute();
      await db.schema.dropIndex('decisions_integration_time').ifExists().execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.createIndex('decisions_integration_time').on('decisions').columns(['integration_id', 'decided_at']).execute();
      await db.schema.dropIndex('decisions_integration_decided').ifExists().execute();
      await db.schema.dropIndex('decisions_integration_ref').ifExists().execute();
    },
  };
}
