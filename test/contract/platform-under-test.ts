import type { ContractSimulator, ContractSimulatorOptions, PlatformDefinition } from '../../src/connectors/platform.js';
import type { SourceHttpClientOptions } from '../../src/connectors/source-http-client.js';
import type { Decision } from '../../src/core/decision.js';
import type { Integration } from '../../src/core/integration.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import type { Run } from '../../src/core/run.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { getIntegration } from '../../src/services/manage-integrations.js';
import { runIntegration } from '../../src/services/run-integration.js';
import { findContactsByRef, type ImportedContact } from '../../src/storage/contact.repository.js';
import { decisionRowToDecision } from '../../src/storage/decision.repository.js';
import { insertWorkspace, type Workspace } from '../../src/storage/workspace.repository.js';
import { contactProjection } from '../support/clean-import.js';
import type { TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

/** Settings every integration of the suite starts with: the whole seeded history is eligible by date. */
export const SETTINGS = { startDate: '2024-01-01' };

export interface PlatformUnderTest {
  platform: PlatformDefinition;
  clock: ManualClock;
  services: TestServices;
  sim: ContractSimulator;
  workspace: Workspace;
  integration: Integration;
  /** A manual run of the integration, through the whole engine. */
  run(): Promise<Run>;
  refresh(): Promise<Integration>;
  /** Moves the clock until a change made now shows in the platform's feed. */
  settle(): void;
  contact(sourceRef: string): Promise<ImportedContact | null>;
  /** The run's decisions, in the order they were made. */
  decisions(runId: string): Promise<Decision[]>;
  /** The integration's contacts: reference, version and every tracked field. */
  projection(): Promise<string[]>;
  /** What a fresh integration on a fresh workspace imports from the simulator as it is now. */
  cleanImport(): Promise<string[]>;
  close(): Promise<void>;
}

export interface PlatformUnderTestOptions extends Partial<Omit<ContractSimulatorOptions, 'clock'>> {
  http?: Partial<SourceHttpClientOptions>;
}

/**
 * One platform's simulator, started through its contract harness, and an integration on it added
 * as an admin would (credentials tested first), in a workspace of its own on the shared database.
 */
export async function startPlatformUnderTest(platform: PlatformDefinition, database: TestDatabase, options: PlatformUnderTestOptions = {}): Promise<PlatformUnderTest> {
  const harness = platform.contract!;
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const { http, ...simOptions } = options;
  const sim = await harness.start({ clock, contacts: 24, pageSize: 5, rateLimit: null, ...simOptions });
  const services = createTestServices(database, { clock, http });
  const workspace = await insertWorkspace(services.db, { name: `${platform.id} contract`, featureFlags: { integrations: true }, now: clock.now() });
  const integration = await addIntegration(services, workspace.id, { platform: platform.id, name: 'Under test', connection: sim.connection, credentials: sim.credentials, settings: SETTINGS }, 'contract-suite');
  const clean = async () => {
    // Its own services: rate budgets and Retry-After blocks of the run under test do not carry over.
    const own = createTestServices(database, { clock });
    try {
      const fresh = await insertWorkspace(own.db, { name: `${platform.id} clean`, featureFlags: { integrations: true }, now: clock.now() });
      const added = await addIntegration(own, fresh.id, { platform: platform.id, name: 'Clean', connection: sim.connection, credentials: sim.credentials, settings: SETTINGS }, 'contract-suite');
      const run = await runIntegration(own, added.id, { kind: 'manual' });
      if (run.status !== 'succeeded') throw new Error(`the clean import ended ${run.status}: ${run.error?.message}`);
      return await contactProjection(own.db, added.id);
    } finally {
      await own.close();
    }
  };
  return {
    platform,
    clock,
    services,
    sim,
    workspace,
    integration,
    run: () => runIntegration(services, integration.id, { kind: 'manual', requestedBy: 'contract-suite' }),
    refresh: () => getIntegration(services, workspace.id, integration.id),
    settle: () => void clock.advance(harness.settleMs),
    async contact(sourceRef) {
      const found = await findContactsByRef(services.db, workspace.id, sourceRef);
      return found.find((c) => c.platform === platform.id) ?? null;
    },
    async decisions(runId) {
      const rows = await services.db.selectFrom('decisions').selectAll().where('run_id', '=', runId).orderBy('id').execute();
      return rows.map(decisionRowToDecision);
    },
    projection: () => contactProjection(services.db, integration.id),
    cleanImport: clean,
    async close() {
      await sim.stop();
      await services.close();
    },
  };
}
