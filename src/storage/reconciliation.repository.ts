import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** When the integration last asked its source for deletions; null if it never has. */
export async function findReconciledAt(db: Kysely<Database>, integrationId: string): Promise<string | null> {
  const row = await db.selectFrom('integrations').select('reconciled_at').where('id', '=', integrationId).executeTakeFirst();
  return row?.reconciled_at ?? null;
}

export async function markReconciled(db: Kysely<Database>, integrationId: string, at: Date): Promise<void> {
  await db.updateTable('integrations').set({ reconciled_at: at.toISOString() }).where('id', '=', integrationId).execute();
}
