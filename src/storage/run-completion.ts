import type { Kysely } from 'kysely';
import { recordRunEnd, releaseLease, type RunEndUpdate } from './integration.repository.js';
import { finishRun, type RunEnd } from './run.repository.js';
import type { Database } from './schema.js';

/**
 * Closes a run and records how it left its integration, with the notifications that causes, in one
 * transaction — and frees the integration's run lease with it, so whoever sees the run ended may
 * start the next one.
 */
export async function completeRun(db: Kysely<Database>, runId: string, integrationId: string, end: RunEnd, integration: RunEndUpdate, leaseOwner?: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await finishRun(trx, runId, end);
    await recordRunEnd(trx, integrationId, integration);
    if (leaseOwner) await releaseLease(trx, integrationId, leaseOwner);
  });
}
