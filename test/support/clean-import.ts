import type { Kysely } from 'kysely';
import { ManualClock } from '../../src/core/manual-clock.js';
import type { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { runIntegration } from '../../src/services/run-integration.js';
import type { Database } from '../../src/storage/schema.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase } from './test-database.js';
import { createTestServices } from './test-services.js';

/** What identifies a contact's current state: reference, version and every tracked field. */
export async function contactProjection(db: Kysely<Database>, integrationId?: string): Promise<string[]> {
  let query = db.selectFrom('contacts').select(['source_ref', 'version', 'source_status', 'status', 'channel', 'agent', 'tags', 'custom_fields', 'metadata', 'source_created_at', 'source_updated_at']);
  if (integrationId) query = query.where('integration_id', '=', integrationId);
  const rows = await query.execute();
  return rows
    .map((r) => [r.source_ref, Number(r.version), r.source_status, r.status, r.channel, r.agent, r.tags, r.custom_fields, r.metadata, r.source_created_at, r.source_updated_at].join('|'))
    .sort();
}

/**
 * The contacts a clean import of the simulator's current state gives: a fresh database, a fresh
 * integration with the same settings, one complete run, no faults.
 */
export async function cleanImport(sim: ZendeskSimulator, simUrl: string, clock: ManualClock, settings: Record<string, unknown> = { startDate: '2025-01-01' }): Promise<string[]> {
  const database = await createTestDatabase('sqlite');
  const services = createTestServices(database, { clock });
  try {
    const workspace = await insertWorkspace(services.db, { name: 'Clean', featureFlags: { integrations: true }, now: clock.now() });
    const integration = await addIntegration(services, workspace.id, { platform: 'zendesk', name: 'Clean', connection: { subdomain: sim.subdomain, baseUrl: simUrl }, credentials: sim.apiTokenCredentials(), settings }, 'test');
    const run = await runIntegration(services, integration.id, { kind: 'manual' });
    if (run.status !== 'succeeded') throw new Error(`the clean import ended ${run.status}: ${run.error?.message}`);
    return await contactProjection(services.db);
  } finally {
    await services.close();
    await database.destroy();
  }
}
