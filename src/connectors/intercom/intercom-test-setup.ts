import { ManualClock } from '../../core/manual-clock.js';
import type { MappedRecord, SourcePage } from '../../core/ports.js';
import { InMemoryRateBudgets } from '../rate-budget.js';
import { SourceHttpClient } from '../source-http-client.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import type { IntercomConnection } from './intercom-connection.js';
import type { IncrementalReadTuning } from './intercom-incremental-read.js';
import { createIntercomConnector } from './intercom.connector.js';
import { IntercomSimulator, type IntercomSimulatorOptions } from './intercom.simulator.js';

const running: IntercomSimulator[] = [];

/** Stops every simulator started by `startIntercom` (call from afterEach). */
export async function stopIntercomSimulators(): Promise<void> {
  await Promise.all(running.splice(0).map((s) => s.stop()));
}

/** A simulator on a manual clock and a connector pointed at it. */
export async function startIntercom(
  options: IntercomSimulatorOptions = {},
  more: { tuning?: Partial<IncrementalReadTuning>; connection?: Partial<IntercomConnection>; accessToken?: string } = {},
) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new IntercomSimulator({ clock, conversations: 50, rateLimit: null, ...options });
  running.push(sim);
  const url = await sim.start();
  const http = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy([new URL(url).host]), backoffBaseMs: 1 });
  const connector = createIntercomConnector(
    { connection: { region: sim.region, workspaceId: sim.workspaceId, baseUrl: url, ...more.connection }, credentials: { accessToken: more.accessToken ?? sim.accessToken }, http, clock },
    more.tuning,
  );
  return { clock, sim, connector, url };
}

export async function readAll(pages: AsyncIterable<SourcePage>): Promise<SourcePage[]> {
  const all: SourcePage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

export const refs = (pages: SourcePage[]) => pages.flatMap((p) => p.records.map((r: MappedRecord) => (r.ok ? r.contact.sourceRef : `!${r.sourceRef}`)));

/** `id@updated_at` of every record: one entry per change delivered. */
export const changes = (pages: SourcePage[]) => pages.flatMap((p) => p.records.flatMap((r) => (r.ok ? [`${r.contact.sourceRef}@${r.contact.version / 1000}`] : [])));

export const fromStart = { startDate: new Date('2025-01-01T00:00:00Z'), checkpoint: null };
