import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AircallSimulator } from '../../src/connectors/aircall/aircall.simulator.js';
import type { AircallFault } from '../../src/connectors/aircall/aircall-simulator-faults.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import type { Integration } from '../../src/core/integration.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { getIntegration } from '../../src/services/manage-integrations.js';
import { runIntegration } from '../../src/services/run-integration.js';
import { reconnectIntegration } from '../../src/services/update-integration.js';
import { insertWorkspace, type Workspace } from '../../src/storage/workspace.repository.js';
import { contactProjection } from '../support/clean-import.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

interface Scenario {
  name: string;
  fault: AircallFault;
  outcome: 'partial' | 'failed';
  category: string;
  message: RegExp;
  status: 'warning' | 'failure';
  recover?: (h: Harness) => Promise<void>;
}

interface Harness {
  clock: ManualClock;
  sim: AircallSimulator;
  services: TestServices;
  workspace: Workspace;
  integration: Integration;
  run(): ReturnType<typeof runIntegration>;
  close(): Promise<void>;
}

const SCENARIOS: Scenario[] = [
  { name: 'a 429 whose X-AircallApi-Reset is an hour away', fault: { kind: 'rate_limited', resetInSeconds: 3600, count: 1 }, outcome: 'partial', category: 'rate_limited', message: /^Rate limited by Aircall — resumes at \d\d:\d\d UTC\. Nothing is lost/, status: 'warning' },
  { name: 'a 5xx burst', fault: { kind: 'server_error', status: 503, count: 20 }, outcome: 'partial', category: 'source_error', message: /^Aircall had a server error \(503\)\. Intake retried 4 time\(s\)/, status: 'warning' },
  { name: 'a malformed body', fault: { kind: 'malformed_json', count: 1 }, outcome: 'failed', category: 'api_changed', message: /^Aircall sent a response that is not valid JSON .* No record from it was written/, status: 'failure' },
  { name: 'a renamed field (API change)', fault: { kind: 'rename_field', from: 'started_at', to: 'start_time' }, outcome: 'failed', category: 'api_changed', message: /none of the 10 calls on a page had a valid `started_at`.* no call from that page was written/, status: 'failure' },
  {
    name: 'an API key deleted mid-run (bad credentials)',
    fault: { kind: 'revoke_after', requests: 0 },
    outcome: 'failed',
    category: 'auth_revoked',
    message: /^Aircall rejected the API ID and token \(401: "Unauthorized"\)\. .*Reconnect the integration with the API ID and token of an API key from Integrations & API › API Keys\.$/,
    status: 'failure',
    recover: async (h) => {
      const key = { apiId: 'replacement-id', apiToken: 'replacement-token', revoked: false };
      h.sim.keys.push(key);
      await reconnectIntegration(h.services, h.workspace.id, h.integration.id, { credentials: { apiId: key.apiId, apiToken: key.apiToken } }, 'test');
    },
  },
];

describe.each(DIALECTS)('Aircall faults on %s', (dialect) => {
  let database: TestDatabase;
  let harness: Harness | null = null;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.destroy());
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  async function start(): Promise<Harness> {
    const clock = new ManualClock('2025-03-10T12:00:00Z');
    const sim = new AircallSimulator({ clock, calls: 60, spanDays: 5, maxPageSize: 10, rateLimit: null });
    const url = await sim.start();
    const services = createTestServices(database, { clock });
    const workspace = await insertWorkspace(services.db, { name: `aircall faults ${Math.random()}`, featureFlags: { integrations: true }, now: clock.now() });
    const integration = await addIntegration(services, workspace.id, { platform: 'aircall', name: 'Calls', connection: { baseUrl: url, lookbackHours: 24 }, credentials: sim.credentials(), settings: { startDate: '2025-01-01' } }, 'test');
    harness = {
      clock,
      sim,
      services,
      workspace,
      integration,
      run: () => runIntegration(services, integration.id, { kind: 'manual' }),
      async close() {
        await sim.stop();
        await services.close();
      },
    };
    return harness;
  }

  it.each(SCENARIOS)('$name: classified with a message naming the fix, then recovered with nothing lost', async (scenario) => {
    const h = await start();
    h.sim.beforeList = (n) => {
      if (n === 3) h.sim.injectFault(scenario.fault);
    };
    const faulted = await h.run();
    h.sim.beforeList = null;
    expect(faulted.status).toBe(scenario.outcome);
    expect(faulted.error?.category).toBe(scenario.category);
    expect(faulted.error?.message).toMatch(scenario.message);
    expect(faulted.pages).toBe(2);
    const integration = await getIntegration(h.services, h.workspace.id, h.integration.id);
    expect(integration).toMatchObject({ status: scenario.status, lastError: { category: scenario.category } });
    expect(integration.checkpoint).toBe(faulted.checkpointAfter);
    if (scenario.category === 'rate_limited') expect(integration.nextRunAt).toBe(faulted.error!.resumeAt);

    // Meanwhile calls go on: one ends and is tagged, new ones come in.
    h.sim.mutate({ creates: 2, comments: 2 });
    h.clock.advance(11_000);
    h.sim.clearFaults();
    await scenario.recover?.(h);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      h.clock.advance(3_601_000);
      if ((await h.run()).status === 'succeeded') break;
    }
    expect((await getIntegration(h.services, h.workspace.id, h.integration.id)).status).toBe('active');
    const stored = await contactProjection(h.services.db, h.integration.id);
    expect(stored.map((line) => line.split('|')[0]).sort()).toEqual(h.sim.calls().map((c) => String(c.id)).sort());
    const storedText = JSON.stringify(await h.services.db.selectFrom('contacts').selectAll().where('integration_id', '=', h.integration.id).execute());
    expect(storedText).not.toMatch(/X-Amz-Signature|recording\.mp3|voicemail\.mp3|assets\.aircall\.io|short\.aircall\.io/);
  });

  it('a company that lost API access (403) fails the run at once as forbidden, naming who can fix it', async () => {
    const h = await start();
    h.sim.apiAccessRemoved = true;
    const run = await h.run();
    expect(run).toMatchObject({ status: 'failed', pages: 0, error: { category: 'forbidden' } });
    expect(run.error!.message).toMatch(/^Aircall refused access for the company "acme-calls" \(403: "Forbidden"\)\. .*An Aircall admin must restore API access/);
    expect(run.source.requests).toBe(1);
  });
});
