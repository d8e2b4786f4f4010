import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { ZendeskSimulator } from '../src/connectors/zendesk/zendesk.simulator.js';
import { createLogger } from '../src/logger.js';
import { openIntake } from '../src/main.js';
import { addIntegration } from '../src/services/add-integration.js';
import { bootstrapWorkspace } from '../src/services/bootstrap-workspace.js';
import { fmt, INTAKE_BIN } from './bench-support.js';

export interface WorkersBenchOptions {
  /** Integrations with a small backlog, and with a large one. */
  small: number;
  large: number;
  smallTickets: number;
  largeTickets: number;
  /** The export's rate limit per source account, time-compressed (Zendesk: 10 a minute → 10 a second). */
  rateLimit: { requests: number; windowSeconds: number };
  workerCounts: number[];
  /** Runs each worker executes at once. */
  concurrency: number;
}

interface Outcome {
  workers: number;
  seconds: number;
  records: number;
  runs: number;
  lagP50: number;
  lagP99: number;
  peakRssMb: number[];
  throttled: number;
}

/**
 * Distributed mode at scale on PostgreSQL: many integrations with small backlogs and a few with
 * large ones, each on its own simulated Zendesk account with a realistic (time-compressed) rate
 * limit, run by 1, 2, 4 `intake worker` processes fed by one `intake start` (queue only). Prints
 * throughput against one worker, the lag between each integration's due time and its run's start,
 * and each worker's peak RSS.
 */
export async function workersBenchmark(options: WorkersBenchOptions): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(
    `\n== workers: ${fmt(options.small)} integrations × ${options.smallTickets} tickets + ${options.large} × ${fmt(options.largeTickets)}, ` +
      `${options.rateLimit.requests} requests per ${options.rateLimit.windowSeconds} s per account, ${options.concurrency} runs per worker ==`,
  );
  const sims: ZendeskSimulator[] = [];
  const urls: string[] = [];
  const total = options.small + options.large;
  for (let i = 0; i < total; i += 1) {
    const large = i < options.large;
    const sim = new ZendeskSimulator({ subdomain: `acct${i}`, tickets: large ? options.largeTickets : options.smallTickets, maxPageSize: 100, rateLimit: options.rateLimit, spanDays: 30, seed: i + 1 });
    sims.push(sim);
    urls.push(await sim.start());
  }
  const outcomes: Outcome[] = [];
  try {
    for (const workers of options.workerCounts) outcomes.push(await oneConfiguration(adminUrl, sims, urls, workers, options));
  } finally {
    await Promise.all(sims.map((s) => s.stop()));
  }
  const base = outcomes[0]!;
  console.log('workers | runs | records | seconds | records/s | × 1 worker | due→start p50 | p99    | 429s | peak RSS per worker (MB)');
  for (const o of outcomes) {
    const rate = o.records / o.seconds;
    console.log(
      `${String(o.workers).padStart(7)} | ${String(o.runs).padStart(4)} | ${fmt(o.records).padStart(7)} | ${fmt(o.seconds, 1).padStart(7)} | ${fmt(rate).padStart(9)} | ${fmt(rate / (base.records / base.seconds), 2).padStart(10)} | ${`${fmt(o.lagP50 / 1000, 1)} s`.padStart(13)} | ${`${fmt(o.lagP99 / 1000, 1)} s`.padStart(6)} | ${String(o.throttled).padStart(4)} | ${o.peakRssMb.map((m) => fmt(m)).join(', ')}`,
    );
  }
}

async function oneConfiguration(adminUrl: string, sims: ZendeskSimulator[], urls: string[], workers: number, options: WorkersBenchOptions): Promise<Outcome> {
  const name = `intake_bench_workers_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-bench-workers-'));
  const env: Record<string, string> = {
    DATABASE_URL: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString(),
    INTAKE_RUNNER: 'queue',
    INTAKE_SECRET_KEY: randomBytes(32).toString('base64'),
    INTAKE_SANDBOX: 'off',
    INTAKE_DATA_DIR: dataDir,
    INTAKE_EXTRA_SOURCE_HOSTS: '127.0.0.1',
    INTAKE_MAX_CONCURRENT_RUNS: String(options.concurrency),
    INTAKE_QUEUE_POLL_MS: '200',
    INTAKE_WORKER_PORT: '0',
    INTAKE_LEASE_SECONDS: '30',
    INTAKE_RATE_LIMIT_MAX_WAIT_SECONDS: '600',
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const children: ChildProcess[] = [];
  const intake = await openIntake(loadConfig(env), createLogger({ level: 'warn' }));
  const throttledBefore = sims.reduce((n, s) => n + s.stats.throttled, 0);
  try {
    const { workspace } = await bootstrapWorkspace(intake.services, { starter: false });
    for (let i = 0; i < sims.length; i += 1) {
      const sim = sims[i]!;
      await addIntegration(intake.services, workspace.id, { platform: 'zendesk', name: `acct ${i}`, connection: { subdomain: sim.subdomain, baseUrl: urls[i]! }, credentials: sim.apiTokenCredentials(), settings: { startDate: '2000-01-01', intervalMinutes: 600 } }, 'bench');
    }
    // Nothing is due until every process is up.
    await intake.services.db.updateTable('integrations').set({ next_run_at: '2999-01-01T00:00:00.000Z' }).execute();
    const spawnIntake = (command: 'start' | 'worker') => {
      const child = spawn(process.execPath, [INTAKE_BIN, command, '--json'], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      return new Promise<ChildProcess>((resolve, reject) => {
        let buffer = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          if (/worker ready|distributed mode/.test(buffer)) resolve(child);
          if (buffer.length > 100_000) buffer = buffer.slice(-10_000);
        });
        child.once('exit', (code) => reject(new Error(`intake ${command} exited (${code})`)));
      });
    };
    // The service logs at info only its start: give it info so the readiness line shows.
    env.LOG_LEVEL = 'info';
    await spawnIntake('start');
    const workerProcesses = await Promise.all(Array.from({ length: workers }, () => spawnIntake('worker')));
    const dueAt = new Date();
    await intake.services.db.updateTable('integrations').set({ next_run_at: dueAt.toISOString() }).execute();
    const expected = sims.length;
    for (;;) {
      const row = await intake.services.db
        .selectFrom('runs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', 'not in', ['queued', 'running'])
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const peakRssMb = workerProcesses.map((w) => peakRss(w.pid!));
    const runs = await intake.services.db.selectFrom('runs').select(['started_at', 'finished_at', 'seen', 'status']).execute();
    const lags = runs.map((r) => Date.parse(r.started_at) - dueAt.getTime()).sort((a, b) => a - b);
    const end = Math.max(...runs.map((r) => Date.parse(r.finished_at!)));
    const failed = runs.filter((r) => r.status !== 'succeeded').length;
    if (failed > 0) console.log(`  (${failed} run(s) did not succeed with ${workers} worker(s))`);
    return {
      workers,
      seconds: (end - dueAt.getTime()) / 1000,
      records: runs.reduce((n, r) => n + r.seen, 0),
      runs: runs.length,
      lagP50: percentile(lags, 0.5),
      lagP99: percentile(lags, 0.99),
      peakRssMb,
      throttled: sims.reduce((n, s) => n + s.stats.throttled, 0) - throttledBefore,
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((resolve) => c.once('exit', resolve)) : null)));
    await intake.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** The process's peak resident set (VmHWM), in MB; 0 where /proc is not available. */
function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
