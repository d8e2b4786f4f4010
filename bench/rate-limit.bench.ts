import { randomUUID } from 'node:crypto';
import { ZendeskSimulator } from '../src/connectors/zendesk/zendesk.simulator.js';
import { addIntegration } from '../src/services/add-integration.js';
import { runIntegration } from '../src/services/run-integration.js';
import { insertWorkspace } from '../src/storage/workspace.repository.js';
import { benchDatabase, benchServices, fmt } from './bench-support.js';

/**
 * A backlog that needs many rate-limit windows (time-compressed: R requests per W seconds):
 * requests sent, 429s met, and how much of the allowed budget the import used.
 */
export async function rateLimitBenchmark(options: { requests: number; windowSeconds: number; windows: number }): Promise<void> {
  const { requests: R, windowSeconds: W } = options;
  const pageSize = 100;
  const tickets = R * options.windows * pageSize;
  console.log(`\n== rate limit: ${fmt(tickets)} tickets, the export allows ${R} requests per ${W} s ==`);
  const sim = new ZendeskSimulator({ tickets, maxPageSize: pageSize, rateLimit: { requests: R, windowSeconds: W }, seed: 3 });
  const url = await sim.start();
  const database = await benchDatabase('sqlite');
  const responses: Array<{ at: number; status: number | string }> = [];
  try {
    const services = benchServices(database, [new URL(url).host], {
      observer: { onResponse: ({ status }) => responses.push({ at: Date.now(), status }) },
      maxRateLimitWaitMs: 10 * W * 1000,
    });
    const workspace = await insertWorkspace(database.db, { name: 'bench', featureFlags: { integrations: true }, now: new Date() });
    const integration = await addIntegration(services, workspace.id, { platform: 'zendesk', name: `rate-${randomUUID()}`, connection: { subdomain: sim.subdomain, baseUrl: url }, credentials: sim.apiTokenCredentials(), settings: { startDate: '2000-01-01' } }, 'bench');
    responses.length = 0;
    const started = Date.now();
    const run = await runIntegration(services, integration.id, { kind: 'manual' });
    const seconds = (Date.now() - started) / 1000;
    const exports = responses.filter((r) => r.status === 200 || r.status === 429);
    const windowOf = (at: number) => Math.floor(at / (W * 1000));
    const first = windowOf(exports[0]!.at);
    const last = windowOf(exports.at(-1)!.at);
    // The last window is where the backlog ran out: count full windows only.
    const full = exports.filter((r) => windowOf(r.at) < last);
    const fullWindows = last - first;
    const sentInFull = full.length;
    const allowed = fullWindows * R;
    const perWindow429 = new Map<number, number>();
    for (const r of exports) if (r.status === 429) perWindow429.set(windowOf(r.at), (perWindow429.get(windowOf(r.at)) ?? 0) + 1);
    const worst = Math.max(0, ...perWindow429.values());
    const utilisation = allowed ? sentInFull / allowed : 1;
    console.log(`run ${run.status}: ${fmt(run.counts.seen)} records in ${fmt(seconds, 1)} s; ${exports.length} requests sent, ${sim.stats.throttled} answered 429 (worst window: ${worst}); waited ${fmt(run.source.rateLimitedMs / 1000, 1)} s on the budget`);
    console.log(`budget utilisation over ${fullWindows} full windows: ${sentInFull} sent ÷ ${allowed} allowed = ${fmt(utilisation, 2)} (target ≥ 0.90 with at most one 429 per window: ${utilisation >= 0.9 && worst <= 1 ? 'met' : 'NOT met'})`);
  } finally {
    await sim.stop();
    await database.destroy();
  }
}
