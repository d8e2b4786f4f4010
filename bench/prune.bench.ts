import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { ContactDraft } from '../src/core/contact.js';
import { pruneLedger } from '../src/services/prune-ledger.js';
import { upsertContacts } from '../src/storage/contact.repository.js';
import { insertDecisions } from '../src/storage/decision.repository.js';
import { insertIntegration } from '../src/storage/integration.repository.js';
import type { DialectName } from '../src/storage/open-database.js';
import { insertWorkspace } from '../src/storage/workspace.repository.js';
import { benchDatabase, benchServices, fmt, type BenchDatabase } from './bench-support.js';
import { asText, insertSeries, withIndexesDeferred } from './ledger-fill.js';

const SETTINGS = { startDate: '2024-01-01', statusCriteria: ['solved', 'closed'] as Array<'solved' | 'closed'>, filters: [], intervalMinutes: 15, noImportAlertHours: 24 };
const INTEGRATIONS = 4;
/** Decisions per reference: spread evenly over two years, so with a year's retention about half can go. */
const PER_REFERENCE = 4;
const SPAN_DAYS = 730;
const RETENTION_DAYS = 365;
/** An import page: this many contacts and decisions written in one transaction, one page every PAGE_GAP_MS. */
const PAGE = 200;
const PAGE_GAP_MS = 20;

/**
 * `decisions` decisions over INTEGRATIONS integrations, decided over the last two years in id
 * order, PER_REFERENCE per reference and integration.
 */
async function fill(database: BenchDatabase, workspaceId: string, integrationIds: string[], decisions: number, now: Date): Promise<void> {
  const refs = Math.max(1, Math.floor(decisions / (INTEGRATIONS * PER_REFERENCE)));
  const start = Math.floor(now.getTime() / 1000) - SPAN_DAYS * 86_400;
  const step = (SPAN_DAYS * 86_400) / decisions;
  const integration = sql`case ${sql.join(
    integrationIds.map((id, i) => sql`when s.n % ${sql.lit(INTEGRATIONS)} = ${sql.lit(i)} then ${id}`),
    sql` `,
  )} end`;
  const ref = asText(database, sql`(s.n / ${sql.lit(INTEGRATIONS)}) % ${sql.lit(refs)}`);
  const decidedAt =
    database.dialect === 'postgres'
      ? sql`to_char(to_timestamp(${start} + s.n * ${step}::float8) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${start} + s.n * ${step}, 'unixepoch')`;
  await withIndexesDeferred(database, 'decisions', () =>
    insertSeries(database, decisions, (series) => sql`insert into decisions (workspace_id, integration_id, run_id, source_ref, outcome, reason, evidence, contact_id, source_version, source_updated_at, decided_at)
      select ${workspaceId}, ${integration}, 'bench-run', ${ref}, 'unchanged', null, '{}', null, 1735862400000, '2025-01-03T00:00:00.000Z', ${decidedAt}
      from (${series}) s`),
  );
}

/**
 * An import writing pages (contacts and decisions in one transaction) until stopped; returns how
 * long each page's write took, in ms.
 */
function importer(database: BenchDatabase, owner: { workspaceId: string; integrationId: string }, now: Date, label: string) {
  let stopped = false;
  const times: number[] = [];
  const done = (async () => {
    for (let page = 0; !stopped; page += 1) {
      const drafts = Array.from({ length: PAGE }, (_, i) => contactDraft(`${label}-${page}-${i}`));
      const started = performance.now();
      await database.db.transaction().execute(async (trx) => {
        const ids = await upsertContacts(trx, { ...owner, platform: 'zendesk', sourceAccount: 'acme', runId: 'bench-import' }, drafts, now);
        await insertDecisions(
          trx,
          { ...owner, runId: 'bench-import' },
          drafts.map((d) => ({ sourceRef: d.sourceRef, outcome: 'imported', reason: null, evidence: {}, sourceVersion: d.version, sourceUpdatedAt: d.updatedAt, contactId: ids.get(d.sourceRef) ?? null })),
          now,
        );
      });
      times.push(performance.now() - started);
      await sleep(PAGE_GAP_MS);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      return times.sort((a, b) => a - b);
    },
  };
}

function contactDraft(sourceRef: string): ContactDraft {
  return {
    sourceRef,
    channel: 'email',
    agent: '360011',
    sourceStatus: 'solved',
    status: 'solved',
    tags: ['billing'],
    customFields: {},
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-02T10:00:00.000Z',
    closedAt: '2025-03-02T10:00:00.000Z',
    version: 1_740_909_600_000,
    metadata: { subject: 'Bench' },
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export async function pruneBenchmark(options: { dialect: DialectName; decisions: number }): Promise<void> {
  console.log(`\n== ledger retention: ${fmt(options.decisions)} decisions over two years, ${RETENTION_DAYS} days kept, on ${options.dialect}, an import writing meanwhile ==`);
  const database = await benchDatabase(options.dialect);
  try {
    const now = new Date();
    const workspace = await insertWorkspace(database.db, { name: 'bench', featureFlags: { integrations: true }, now });
    const integrationIds: string[] = [];
    for (let i = 0; i < INTEGRATIONS; i += 1) {
      const id = randomUUID();
      await insertIntegration(database.db, { id, workspaceId: workspace.id, platform: 'zendesk', name: `Bench ${i}`, sourceAccount: 'acme', connection: { subdomain: 'acme' }, credentials: null, settings: SETTINGS, now, createdBy: 'bench' });
      integrationIds.push(id);
    }
    const fillStarted = performance.now();
    await fill(database, workspace.id, integrationIds, options.decisions, now);
    console.log(`filled in ${fmt((performance.now() - fillStarted) / 1000, 1)} s`);
    const owner = { workspaceId: workspace.id, integrationId: integrationIds[0]! };

    // The same import alone first, for comparison.
    const alone = importer(database, owner, now, 'alone');
    await sleep(3000);
    const baseline = await alone.stop();

    const services = benchServices(database, []);
    const during = importer(database, owner, now, 'during');
    let longestBatch = 0;
    let batchStarted = performance.now();
    const summary = await pruneLedger(services, RETENTION_DAYS, {
      onBatch: () => {
        longestBatch = Math.max(longestBatch, performance.now() - batchStarted);
        batchStarted = performance.now();
      },
    });
    const pages = await during.stop();

    const seconds = summary.durationMs / 1000;
    console.log(
      `pruned ${fmt(summary.deleted)} of ${fmt(summary.scanned)} decisions looked at, in ${fmt(summary.batches)} batches, ${fmt(seconds, 1)} s → ${fmt(summary.deleted / seconds)} rows/s; longest batch (with its pause) ${fmt(longestBatch, 1)} ms`,
    );
    console.log(
      `import pages (${PAGE} contacts + decisions each): alone p50 ${fmt(quantile(baseline, 0.5), 1)} ms, longest ${fmt(baseline.at(-1) ?? 0, 1)} ms; during pruning (${pages.length} pages) p50 ${fmt(quantile(pages, 0.5), 1)} ms, p99 ${fmt(quantile(pages, 0.99), 1)} ms, longest pause ${fmt(pages.at(-1) ?? 0, 1)} ms`,
    );
  } finally {
    await database.destroy();
  }
}
