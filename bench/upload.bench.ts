import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { planPage } from '../src/core/plan-page.js';
import type { MappedRecord } from '../src/core/ports.js';
import { emptyCounts } from '../src/core/run-counts.js';
import { addIntegration } from '../src/services/add-integration.js';
import { UPLOAD_PAGE_SIZE, uploadFile } from '../src/services/upload-file.js';
import { upsertContacts } from '../src/storage/contact.repository.js';
import { insertDecisions } from '../src/storage/decision.repository.js';
import { insertIntegration } from '../src/storage/integration.repository.js';
import type { DialectName } from '../src/storage/open-database.js';
import { insertRun } from '../src/storage/run.repository.js';
import { insertWorkspace } from '../src/storage/workspace.repository.js';
import { benchDatabase, benchServices, fmt, peakRssMb } from './bench-support.js';

const SETTINGS = { startDate: '2000-01-01', statusCriteria: ['solved', 'closed'] as Array<'solved' | 'closed'>, filters: [], intervalMinutes: 15, noImportAlertHours: null };
const CHANNELS = ['phone', 'chat', 'email'];
const STATUSES = ['closed', 'solved', 'closed', 'open'];
const BASE = Date.UTC(2026, 0, 1);

/** Row i of the generated export: the same in the file and in the raw-write baseline. */
function row(i: number) {
  const created = new Date(BASE + i * 7_000);
  return {
    call_id: `call-${i}`,
    created_at: created.toISOString().slice(0, 19).replace('T', ' '),
    ended_at: new Date(created.getTime() + 300_000).toISOString().slice(0, 19).replace('T', ' '),
    channel: CHANNELS[i % 3]!,
    agent: `agent-${i % 97}`,
    status: STATUSES[i % 4]!,
    tags: i % 5 === 0 ? 'vip;callback' : 'standard',
    cf_queue: `queue-${i % 7}`,
    notes: `Customer asked about order ${i}, "resolved" on the first call`,
  };
}

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const header = Object.keys(row(0));
  out.write(`${header.join(',')}\n`);
  for (let i = 0; i < rows; i += 1) {
    const r = row(i);
    const line = `${Object.values(r).map((v) => (v.includes(',') || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v)).join(',')}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The same rows as contacts, planned per page outside the timing, written with the store's own repository code. */
async function rawWrites(dialect: DialectName, rows: number, now: Date): Promise<{ seconds: number; rows: number }> {
  const database = await benchDatabase(dialect);
  try {
    const workspace = await insertWorkspace(database.db, { name: 'raw', now });
    const integrationId = randomUUID();
    await insertIntegration(database.db, { id: integrationId, workspaceId: workspace.id, platform: 'file', name: 'raw', sourceAccount: 'bench', connection: {}, credentials: null, settings: SETTINGS, now, createdBy: 'bench' });
    const run = await insertRun(database.db, { workspaceId: workspace.id, integrationId, kind: 'upload', checkpointBefore: null, now });
    const owner = { workspaceId: workspace.id, integrationId, platform: 'file', sourceAccount: 'bench', runId: run.id };
    let seconds = 0;
    for (let start = 0; start < rows; start += UPLOAD_PAGE_SIZE) {
      const records: MappedRecord[] = [];
      for (let i = start; i < Math.min(rows, start + UPLOAD_PAGE_SIZE); i += 1) {
        const r = row(i);
        records.push({
          ok: true,
          contact: {
            sourceRef: r.call_id,
            channel: r.channel,
            agent: r.agent,
            sourceStatus: r.status,
            status: r.status === 'open' ? 'open' : (r.status as 'closed' | 'solved'),
            tags: r.tags.split(';'),
            customFields: { cf_queue: r.cf_queue },
            createdAt: new Date(`${r.created_at}Z`).toISOString(),
            updatedAt: new Date(`${r.created_at}Z`).toISOString(),
            closedAt: new Date(`${r.ended_at}Z`).toISOString(),
            version: now.getTime(),
            metadata: { notes: r.notes },
          },
        });
      }
      const plan = planPage({ records, existing: new Map(), settings: SETTINGS, counts: emptyCounts() });
      const started = performance.now();
      await database.db.transaction().execute(async (trx) => {
        const ids = await upsertContacts(trx, owner, plan.contacts, now);
        await insertDecisions(trx, owner, plan.decisions.map((d) => ({ ...d, contactId: ids.get(d.sourceRef) ?? null })), now);
      });
      seconds += (performance.now() - started) / 1000;
    }
    return { seconds, rows };
  } finally {
    await database.destroy();
  }
}

/**
 * A generated CSV export (1,000,000 rows by default) uploaded through the upload service — streamed,
 * parsed, mapped, decided and written page by page — against the raw write rate of the same rows.
 */
export async function uploadBenchmark(options: { dialect: DialectName; rows: number }): Promise<void> {
  const now = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'intake-upload-bench-'));
  try {
    const file = join(dir, 'calls.csv');
    console.log(`\n== upload: a ${fmt(options.rows)}-row generated CSV into ${options.dialect} ==`);
    await writeCsv(file, options.rows);
    const rssBefore = process.memoryUsage().rss / 1024 / 1024;
    console.log(`file:       ${fmt(statSync(file).size / 1024 / 1024, 1)} MB; RSS before the upload ${fmt(rssBefore)} MB`);
    const database = await benchDatabase(options.dialect);
    let upload: { seconds: number; seen: number; imported: number; peakMb: number };
    try {
      const services = benchServices(database, []);
      const workspace = await insertWorkspace(database.db, { name: 'bench', featureFlags: { integrations: true }, now });
      const integration = await addIntegration(services, workspace.id, { platform: 'file', name: 'bench', connection: { source: 'bench' }, settings: SETTINGS }, 'bench');
      const started = performance.now();
      const run = await uploadFile(services, workspace.id, integration.id, async () => ({ fileName: 'calls.csv', bytes: createReadStream(file, { highWaterMark: 256 * 1024 }) }), { actor: 'bench' });
      const seconds = (performance.now() - started) / 1000;
      if (run.status !== 'succeeded') throw new Error(`the bench upload ended ${run.status}: ${run.error?.message ?? `${run.counts.failed} rows failed`}`);
      upload = { seconds, seen: run.counts.seen, imported: run.counts.imported, peakMb: peakRssMb() };
    } finally {
      await database.destroy();
    }
    const uploadRate = upload.seen / upload.seconds;
    console.log(`upload:     ${fmt(upload.seen)} rows (${fmt(upload.imported)} imported) in ${fmt(upload.seconds, 1)} s → ${fmt(uploadRate)} rows/s; peak RSS ${fmt(upload.peakMb)} MB`);
    const raw = await rawWrites(options.dialect, options.rows, now);
    const rawRate = raw.rows / raw.seconds;
    console.log(`raw writes: ${fmt(raw.rows)} rows in ${fmt(raw.seconds, 1)} s → ${fmt(rawRate)} rows/s`);
    const ratio = uploadRate / rawRate;
    console.log(`ratio upload/raw: ${fmt(ratio, 2)} (target ≥ 0.60: ${ratio >= 0.6 ? 'met' : 'NOT met'}); peak RSS during the upload ${fmt(upload.peakMb)} MB (target ≤ 300: ${upload.peakMb <= 300 ? 'met' : 'NOT met'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
