import { randomUUID } from 'node:crypto';
import { mapZendeskTicket } from '../src/connectors/zendesk/zendesk-mapping.js';
import { generateTickets } from '../src/connectors/zendesk/zendesk-seed.js';
import { planPage } from '../src/core/plan-page.js';
import type { PagePlan } from '../src/core/ports.js';
import { emptyCounts } from '../src/core/run-counts.js';
import { addIntegration } from '../src/services/add-integration.js';
import { runIntegration } from '../src/services/run-integration.js';
import { upsertContacts } from '../src/storage/contact.repository.js';
import { insertDecisions } from '../src/storage/decision.repository.js';
import { insertIntegration } from '../src/storage/integration.repository.js';
import type { DialectName } from '../src/storage/open-database.js';
import { insertRun } from '../src/storage/run.repository.js';
import { insertWorkspace } from '../src/storage/workspace.repository.js';
import { benchDatabase, benchServices, fmt, peakRssMb, startSimulatorProcess } from './bench-support.js';

const SETTINGS = { startDate: '2000-01-01', statusCriteria: ['solved', 'closed'] as Array<'solved' | 'closed'>, filters: [], intervalMinutes: 15, noImportAlertHours: null };
const SEED = 1;
const PAGE = 1000;

/** N contacts from the simulator over loopback HTTP, through the whole engine. */
async function importThroughEngine(dialect: DialectName, contacts: number, now: Date) {
  const sim = await startSimulatorProcess(['--contacts', String(contacts), '--rate-limit', 'off', '--seed', String(SEED)]);
  const database = await benchDatabase(dialect);
  try {
    const services = benchServices(database, [new URL(sim.url).host]);
    const workspace = await insertWorkspace(database.db, { name: 'bench', featureFlags: { integrations: true }, now });
    const integration = await addIntegration(services, workspace.id, { platform: 'zendesk', name: 'bench', connection: sim.connection, credentials: sim.credentials, settings: SETTINGS }, 'bench');
    const started = performance.now();
    const run = await runIntegration(services, integration.id, { kind: 'manual' });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 'succeeded') throw new Error(`the bench import ended ${run.status}: ${run.error?.message}`);
    return { seconds, seen: run.counts.seen, imported: run.counts.imported, pages: run.pages, peakMb: peakRssMb() };
  } finally {
    await sim.stop();
    await database.destroy();
  }
}

/**
 * The write limit: the same contacts and decisions, planned beforehand (no HTTP, mapping or
 * eligibility in the timing), written in batched transactions with the same repository code.
 */
async function rawWrites(dialect: DialectName, contacts: number, now: Date) {
  const tickets = generateTickets({ count: contacts, now, seed: SEED });
  const plans: PagePlan[] = [];
  for (let i = 0; i < tickets.length; i += PAGE) {
    plans.push(planPage({ records: tickets.slice(i, i + PAGE).map(mapZendeskTicket), existing: new Map(), settings: SETTINGS, counts: emptyCounts() }));
  }
  const database = await benchDatabase(dialect);
  try {
    const workspace = await insertWorkspace(database.db, { name: 'raw', now });
    const integrationId = randomUUID();
    await insertIntegration(database.db, { id: integrationId, workspaceId: workspace.id, platform: 'zendesk', name: 'raw', sourceAccount: 'acme', connection: {}, credentials: null, settings: SETTINGS, now, createdBy: 'bench' });
    const run = await insertRun(database.db, { workspaceId: workspace.id, integrationId, kind: 'manual', checkpointBefore: null, now });
    const owner = { workspaceId: workspace.id, integrationId, platform: 'zendesk', sourceAccount: 'acme', runId: run.id };
    const started = performance.now();
    for (const plan of plans) {
      await database.db.transaction().execute(async (trx) => {
        const ids = await upsertContacts(trx, owner, plan.contacts, now);
        await insertDecisions(trx, owner, plan.decisions.map((d) => ({ ...d, contactId: ids.get(d.sourceRef) ?? null })), now);
      });
    }
    return { seconds: (performance.now() - started) / 1000, seen: tickets.length };
  } finally {
    await database.destroy();
  }
}

export async function importBenchmark(options: { dialect: DialectName; contacts: number }): Promise<void> {
  const now = new Date();
  console.log(`\n== import: ${fmt(options.contacts)} Zendesk tickets over loopback HTTP into ${options.dialect} ==`);
  const engine = await importThroughEngine(options.dialect, options.contacts, now);
  const engineRate = engine.seen / engine.seconds;
  console.log(`engine:     ${fmt(engine.seen)} records (${fmt(engine.imported)} imported) in ${engine.pages} pages, ${fmt(engine.seconds, 1)} s → ${fmt(engineRate)} records/s; peak RSS ${fmt(engine.peakMb)} MB`);
  const raw = await rawWrites(options.dialect, options.contacts, now);
  const rawRate = raw.seen / raw.seconds;
  console.log(`raw writes: ${fmt(raw.seen)} records in ${fmt(raw.seconds, 1)} s → ${fmt(rawRate)} records/s`);
  const ratio = engineRate / rawRate;
  console.log(`ratio engine/raw: ${fmt(ratio, 2)} (target ≥ 0.60: ${ratio >= 0.6 ? 'met' : 'NOT met'}); peak RSS during import ${fmt(engine.peakMb)} MB (target ≤ 300: ${engine.peakMb <= 300 ? 'met' : 'NOT met'})`);
}
