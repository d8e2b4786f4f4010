import { ManualClock } from '../../core/manual-clock.js';
import type { MappedRecord, SourcePage } from '../../core/ports.js';
import { InMemoryRateBudgets } from '../rate-budget.js';
import { SourceHttpClient, type SourceWait } from '../source-http-client.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import { createTalkdeskConnector, type TalkdeskTuning } from './talkdesk.connector.js';
import { TalkdeskSimulator, type TalkdeskSimulatorOptions } from './talkdesk.simulator.js';

const running: TalkdeskSimulator[] = [];

/** Stops every simulator started by `startTalkdesk` (call from afterEach). */
export async function stopTalkdeskSimulators(): Promise<void> {
  await Promise.all(running.splice(0).map((s) => s.stop()));
}

/** A simulator on a manual clock, and a connector pointed at it whose waits are recorded. */
export async function startTalkdesk(options: TalkdeskSimulatorOptions = {}, tuning: Partial<TalkdeskTuning> = {}) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new TalkdeskSimulator({ clock, calls: 30, spanDays: 2, rateLimit: null, ...options });
  running.push(sim);
  const url = await sim.start();
  const waits: SourceWait[] = [];
  const http = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy([new URL(url).host]), backoffBaseMs: 1, observer: { onWait: (w) => void (w && waits.push(w)) } });
  const connect = (credentials = sim.credentials()) => createTalkdeskConnector({ connection: { account: sim.account, baseUrl: url }, credentials, http, clock }, tuning);
  return { clock, sim, connector: connect(), connect, waits, url };
}

export async function readAll(pages: AsyncIterable<SourcePage>): Promise<SourcePage[]> {
  const all: SourcePage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

export const refs = (pages: SourcePage[]) => pages.flatMap((p) => p.records.map((r: MappedRecord) => (r.ok ? r.contact.sourceRef : `!${r.sourceRef}`)));

export const fromDate = (startDate: string, checkpoint: string | null = null) => ({ startDate: new Date(startDate), checkpoint });
