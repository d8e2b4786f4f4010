import { createPlatformRegistry } from '../src/connectors/registry.js';
import { addIntegration } from '../src/services/add-integration.js';
import { runIntegration } from '../src/services/run-integration.js';
import type { DialectName } from '../src/storage/open-database.js';
import { insertWorkspace } from '../src/storage/workspace.repository.js';
import { benchDatabase, benchServices, fmt, startSimulatorProcess } from './bench-support.js';

/**
 * The simulators seed 30 days of history. Starting 60 days back reads all of it without making a
 * platform that reads through day-by-day reports (Talkdesk) walk decades of empty days first.
 */
const START_DATE = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
const SETTINGS = { startDate: START_DATE, statusCriteria: ['open', 'pending', 'solved', 'closed'] as Array<'open' | 'pending' | 'solved' | 'closed'>, filters: [], intervalMinutes: 15, noImportAlertHours: null };

/**
 * Every registered platform with a simulator: N conversations from `intake sim <platform>` (its own
 * process, rate limit off) through the whole engine, as one manual run. One contacts/s line each.
 * Platforms read differently (page sizes, request shapes), so the rates differ by design.
 */
export async function platformsBenchmark(options: { dialect: DialectName; contacts: number }): Promise<void> {
  console.log(`\n== platforms: ${fmt(options.contacts)} conversations per platform, simulator over loopback HTTP, into ${options.dialect} ==`);
  const registry = createPlatformRegistry();
  try {
    const platforms = registry.list().filter((p) => p.startSimulator && !p.starter);
    const width = Math.max(...platforms.map((p) => p.displayName.length));
    for (const platform of platforms) {
      const sim = await startSimulatorProcess(['--contacts', String(options.contacts), '--rate-limit', 'off', '--seed', '1'], platform.id);
      const database = await benchDatabase(options.dialect);
      try {
        const services = benchServices(database, [new URL(sim.url).host]);
        const workspace = await insertWorkspace(database.db, { name: 'bench', featureFlags: { integrations: true }, now: new Date() });
        const integration = await addIntegration(services, workspace.id, { platform: platform.id, name: 'bench', connection: sim.connection, credentials: sim.credentials, settings: SETTINGS }, 'bench');
        const started = performance.now();
        const run = await runIntegration(services, integration.id, { kind: 'manual' });
        const seconds = (performance.now() - started) / 1000;
        if (run.status !== 'succeeded') throw new Error(`the ${platform.displayName} import ended ${run.status}: ${run.error?.message}`);
        console.log(
          `${platform.displayName.padEnd(width)} ${fmt(run.counts.seen)} records (${fmt(run.counts.imported)} imported) in ${run.pages} pages and ${fmt(run.source.requests)} requests, ${fmt(seconds, 1)} s → ${fmt(run.counts.seen / seconds)} contacts/s`,
        );
      } finally {
        await sim.stop();
        await database.destroy();
      }
    }
  } finally {
    await registry.close();
  }
}
