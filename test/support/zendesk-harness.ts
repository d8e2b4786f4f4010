import { ManualClock } from '../../src/core/manual-clock.js';
import type { Integration } from '../../src/core/integration.js';
import type { IntegrationSettings } from '../../src/core/integration-settings.js';
import { ZendeskSimulator, type ZendeskSimulatorOptions } from '../../src/connectors/zendesk/zendesk.simulator.js';
import type { SourceHttpClientOptions } from '../../src/connectors/source-http-client.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { getIntegration } from '../../src/services/manage-integrations.js';
import { runIntegration } from '../../src/services/run-integration.js';
import type { DialectName } from '../../src/storage/open-database.js';
import { insertWorkspace, type Workspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { createTestServices, type TestServices } from './test-services.js';

export interface ZendeskHarness {
  clock: ManualClock;
  database: TestDatabase;
  services: TestServices;
  sim: ZendeskSimulator;
  workspace: Workspace;
  integration: Integration;
  /** Runs the integration now (a manual run) and returns the finished run. */
  run(): ReturnType<typeof runIntegration>;
  refresh(): Promise<Integration>;
  close(): Promise<void>;
}

/** A database of the given dialect, a Zendesk simulator on loopback, and an integration on it. */
export async function createZendeskHarness(
  dialect: DialectName,
  options: { sim?: ZendeskSimulatorOptions; settings?: Partial<IntegrationSettings>; clock?: ManualClock; http?: Partial<SourceHttpClientOptions> } = {},
): Promise<ZendeskHarness> {
  const clock = options.clock ?? new ManualClock('2025-03-10T12:00:00Z');
  const database = await createTestDatabase(dialect);
  const services = createTestServices(database, { clock, http: options.http });
  const sim = new ZendeskSimulator({ clock, tickets: 40, rateLimit: null, spanDays: 20, ...options.sim });
  const url = await sim.start();
  const workspace = await insertWorkspace(services.db, { name: 'Test workspace', featureFlags: { integrations: true }, now: clock.now() });
  const integration = await addIntegration(
    services,
    workspace.id,
    {
      platform: 'zendesk',
      name: 'Support',
      connection: { subdomain: sim.subdomain, baseUrl: url },
      credentials: sim.apiTokenCredentials(),
      settings: { startDate: '2025-01-01', ...options.settings },
    },
    'test',
  );
  return {
    clock,
    database,
    services,
    sim,
    workspace,
    integration,
    run: () => runIntegration(services, integration.id, { kind: 'manual', requestedBy: 'test' }),
    refresh: () => getIntegration(services, workspace.id, integration.id),
    async close() {
      await sim.stop();
      await services.close();
      await database.destroy();
    },
  };
}
