import { ManualClock } from '../../core/manual-clock.js';
import type { MappedRecord, SourcePage } from '../../core/ports.js';
import { InMemoryRateBudgets } from '../rate-budget.js';
import { SourceHttpClient, type SourceWait } from '../source-http-client.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import type { JobPolling } from './genesys-backfill-read.js';
import type { GenesysConnection } from './genesys-connection.js';
import { createGenesysConnector } from './genesys.connector.js';
import { GenesysSimulator, type GenesysSimulatorOptions } from './genesys.simulator.js';

const running: GenesysSimulator[] = [];

/** Stops every simulator started by `startGenesys` (call from afterEach). */
export async function stopGenesysSimulators(): Promise<void> {
  await Promise.all(running.splice(0).map((s) => s.stop()));
}

/** A simulator on a manual clock and a connector pointed at it; `waits` records the waits the run would show. */
export async function startGenesys(options: GenesysSimulatorOptions = {}, more: { connection?: Partial<GenesysConnection>; polling?: Partial<JobPolling>; clientSecret?: string } = {}) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new GenesysSimulator({ clock, conversations: 30, spanDays: 20, rateLimit: null, ...options });
  running.push(sim);
  const url = await sim.start();
  const waits: SourceWait[] = [];
  const http = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy([new URL(url).host]), backoffBaseMs: 1, observer: { onWait: (wait) => void (wait && waits.push(wait)) } });
  const connector = createGenesysConnector(
    { connection: { region: 'eu-west-1', organizationId: sim.organizationId, baseUrl: url, ...more.connection }, credentials: { ...sim.credentials, ...(more.clientSecret ? { clientSecret: more.clientSecret } : {}) }, http, clock },
    more.polling,
  );
  return { clock, sim, connector, url, http, waits };
}

export async function readAll(pages: AsyncIterable<SourcePage>): Promise<SourcePage[]> {
  const all: SourcePage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

export const refs = (pages: SourcePage[]) => pages.flatMap((p) => p.records.map((r: MappedRecord) => (r.ok ? r.contact.sourceRef : `!${r.sourceRef}`)));

export const fromStart = { startDate: new Date('2025-01-01T00:00:00Z'), checkpoint: null };
