import type { Kysely, Migration } from 'kysely';

/**
 * Push tokens: an API token limited to pushing records to one integration
 * (`POST /api/v1/integrations/:id/contacts`) and nothing else. Deleting the integration removes it.
 */
export function filePushMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('api_tokens')
        .addColumn('push_integration_id', 'text', (c) => c.references('integrations.id').onDelete('cascade'))
        .execute();
    },
  };
}
