import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApiToken } from '../src/accounts/api-tokens.js';
import type { Caller } from '../src/accounts/caller.js';
import { loadConfig } from '../src/config.js';
import { ROLE_PERMISSIONS } from '../src/core/permissions.js';
import { createLogger } from '../src/logger.js';
import { openIntake } from '../src/main.js';
import { bootstrapWorkspace } from '../src/services/bootstrap-workspace.js';
import { planPage } from '../src/core/plan-page.js';
import type { MappedRecord } from '../src/core/ports.js';
import { emptyCounts } from '../src/core/run-counts.js';
import { addIntegration } from '../src/services/add-integration.js';
import { UPLOAD_PAGE_SIZE } from '../src/services/upload-file.js';
import { upsertContacts } from '../src/storage/contact.repository.js';
import { insertDecisions } from '../src/storage/decision.repository.js';
import { insertIntegration } from '../src/storage/integration.repository.js';
import type { DialectName } from '../src/storage/open-database.js';
import { insertRun } from '../src/storage/run.repository.js';
import { insertWorkspace } from '../src/storage/workspace.repository.js';
import { benchDatabase, fmt, INTAKE_BIN } from './bench-support.js';

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

/** A running `intake start` in its own process, with a file integration and a token that may upload to it. */
interface UploadService {
  url: string;
  token: string;
  integrationId: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * `intake start` (the built service, as an operator runs it) over a fresh database: the bench sets up
 * the workspace, the file integration and an API token first, through the services, then starts the
 * service and leaves it alone, so the service's memory is the product's and nothing of the bench's.
 */
async function startUploadService(dialect: DialectName, dir: string): Promise<UploadService> {
  if (!existsSync(INTAKE_BIN)) throw new Error('the upload bench runs the built service: run `npm run build` first');
  const env: Record<string, string> = {
    INTAKE_DATA_DIR: join(dir, 'data'),
    INTAKE_SECRET_KEY: randomBytes(32).toString('base64'),
    INTAKE_SANDBOX: 'off',
    PORT: '0',
    LOG_LEVEL: 'info',
  };
  let dropDatabase = async () => undefined;
  if (dialect === 'postgres') {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `intake_bench_upload_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    env.DATABASE_URL = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  const intake = await openIntake(loadConfig(env), createLogger({ level: 'warn' }));
  let integrationId: string;
  let token: string;
  try {
    const { workspace } = await bootstrapWorkspace(intake.services, { starter: false });
    const caller: Caller = { kind: 'user', workspaceId: workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'bench' };
    integrationId = (await addIntegration(intake.services, workspace.id, { platform: 'file', name: 'bench', connection: { source: 'bench' }, settings: SETTINGS }, 'bench')).id;
    token = (await createApiToken(intake.services, caller, { name: 'bench upload', permissions: ['manage_integrations'] })).token;
  } finally {
    await intake.close();
  }
  // BENCH_SERVICE_NODE_ARGS are given to the service's node alone (--cpu-prof, --trace-gc…), to profile it.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, INTAKE_BIN, 'start', '--json'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'], cwd: dir });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await dropDatabase();
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        // What V8's tracing flags print (--trace-gc: "[pid:0x…] …") is passed on; nothing the service
        // itself writes is (its first-start sign-in link among it).
        if (nodeArgs.length > 0) process.stderr.write(chunk.toString().split('\n').filter((l) => /^\[\d+:0x[0-9a-f]+\]/.test(l)).map((l) => `${l}\n`).join(''));
        buffer += chunk.toString();
        const found = /"url":"(http:[^"]+)"/.exec(buffer);
        if (found) resolve(found[1]!);
        if (buffer.length > 100_000) buffer = buffer.slice(-10_000);
      });
      child.once('exit', (code) => reject(new Error(`intake start exited (${code}) before it listened`)));
    });
    return { url, token, integrationId, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The file posted to the service as a streamed multipart body (chunked, never held whole), answered with its run. */
async function postFile(service: UploadService, file: string): Promise<{ status: string; counts: { seen: number; imported: number; failed: number }; error: { message: string } | null }> {
  const boundary = `----intake-bench-${randomBytes(6).toString('hex')}`;
  const request = httpRequest(`${service.url}/api/v1/integrations/${service.integrationId}/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
  });
  const answered = new Promise<{ code: number; body: string }>((resolve, reject) => {
    request.once('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => resolve({ code: response.statusCode ?? 0, body }));
      response.once('error', reject);
    });
    request.once('error', reject);
  });
  request.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="calls.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    if (!request.write(chunk)) await once(request, 'drain');
  }
  request.end(`\r\n--${boundary}--\r\n`);
  const { code, body } = await answered;
  if (code !== 201) throw new Error(`the service answered the upload ${code}: ${body.slice(0, 500)}`);
  return JSON.parse(body);
}

/** Resident memory of a process from /proc: now (VmRSS) and its peak so far (VmHWM), in MB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * A generated CSV export (1,000,000 rows by default) uploaded as production receives it: streamed
 * over HTTP as multipart to `intake start` in its own process, which parses, maps, decides and writes
 * it page by page. Its peak RSS is that process's, measured from /proc; the raw write rate of the
 * same rows is measured afterwards in this process, on a fresh database of the same kind.
 */
export async function uploadBenchmark(options: { dialect: DialectName; rows: number }): Promise<void> {
  const now = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'intake-upload-bench-'));
  try {
    const file = join(dir, 'calls.csv');
    const nodeArgs = process.env.BENCH_SERVICE_NODE_ARGS ? `, node ${process.env.BENCH_SERVICE_NODE_ARGS}` : '';
    console.log(`\n== upload: a ${fmt(options.rows)}-row generated CSV, streamed over HTTP to intake start (${options.dialect}${nodeArgs}) ==`);
    await writeCsv(file, options.rows);
    const service = await startUploadService(options.dialect, dir);
    let upload: { seconds: number; seen: number; imported: number; peakMb: number };
    try {
      const idle = memoryOf(service.pid);
      console.log(`file:       ${fmt(statSync(file).size / 1024 / 1024, 1)} MB; the service holds ${fmt(idle.rss)} MB before the upload (peak ${fmt(idle.peak)} MB while starting)`);
      // Sampled through the upload: a leak shows as RSS that climbs quarter after quarter.
      const samples: number[] = [];
      const sampler = setInterval(() => samples.push(memoryOf(service.pid).rss), 500);
      const started = performance.now();
      let run;
      try {
        run = await postFile(service, file);
      } finally {
        clearInterval(sampler);
      }
      const seconds = (performance.now() - started) / 1000;
      const after = memoryOf(service.pid);
      const quarter = Math.max(1, Math.ceil(samples.length / 4));
      const quarters = [0, 1, 2, 3].map((q) => samples.slice(q * quarter, (q + 1) * quarter)).filter((q) => q.length > 0);
      if (quarters.length > 0) console.log(`service RSS, highest in each quarter of the upload: ${quarters.map((q) => `${fmt(Math.max(...q))} MB`).join(', ')}`);
      if (run.status !== 'succeeded') throw new Error(`the bench upload ended ${run.status}: ${run.error?.message ?? `${run.counts.failed} rows failed`}`);
      upload = { seconds, seen: run.counts.seen, imported: run.counts.imported, peakMb: after.peak };
    } finally {
      await service.stop();
    }
    const uploadRate = upload.seen / upload.seconds;
    console.log(`upload:     ${fmt(upload.seen)} rows (${fmt(upload.imported)} imported) in ${fmt(upload.seconds, 1)} s → ${fmt(uploadRate)} rows/s; service peak RSS ${fmt(upload.peakMb)} MB`);
    const raw = await rawWrites(options.dialect, options.rows, now);
    const rawRate = raw.rows / raw.seconds;
    console.log(`raw writes: ${fmt(raw.rows)} rows in ${fmt(raw.seconds, 1)} s → ${fmt(rawRate)} rows/s`);
    const ratio = uploadRate / rawRate;
    const load = loadavg().map((l) => fmt(l, 2)).join(' ');
    console.log(`ratio upload/raw: ${fmt(ratio, 2)} (target ≥ 0.60: ${ratio >= 0.6 ? 'met' : 'NOT met'}); service peak RSS ${fmt(upload.peakMb)} MB (target ≤ 300: ${upload.peakMb <= 300 ? 'met' : 'NOT met'}); load average ${load}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
