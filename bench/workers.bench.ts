import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openIntake } from '../src/main.js';
import { addIntegration } from '../src/services/add-integration.js';
import { bootstrapWorkspace } from '../src/services/bootstrap-workspace.js';
import { fmt, INTAKE_BIN } from './bench-support.js';
import type { AccountsMessage, SimulatedAccount } from './simulated-accounts.js';

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
  /** How long the simulated API takes to answer each request (a real one: 100–300 ms). */
  latencyMs: number;
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
  /** Requests the simulated accounts answered (the export, and the directory a first run reads). */
  requests: number;
  /** When the service (`intake start`) had queued the last due run, after the due time. */
  allQueuedSeconds: number;
  /** Mean time a run took from its start to its end, small and large backlogs apart. */
  meanRunSeconds: { small: number; large: number };
  /** Share of one core each worker used while the runs went on, and the service (which queues them). */
  workerCpu: number[];
  serviceCpu: number;
  /** Share of the simulators' process, and of the whole machine (every core, every process). */
  simulatorCpu: number;
  machineBusy: number | null;
  loadAverage: number[];
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
      `${options.rateLimit.requests} requests per ${options.rateLimit.windowSeconds} s per account, ${options.latencyMs} ms per request, ${options.concurrency} runs per worker ==`,
  );
  console.log(`load average before: ${loadavg().map((l) => fmt(l, 1)).join(', ')} on ${availableParallelism()} cores`);
  const accounts = await startSimulatedAccounts(options);
  const outcomes: Outcome[] = [];
  try {
    for (const workers of options.workerCounts) outcomes.push(await oneConfiguration(adminUrl, accounts, workers, options));
  } finally {
    await accounts.stop();
  }
  const base = outcomes[0]!;
  const pct = (share: number) => `${fmt(share * 100)} %`;
  console.log('workers | runs | records | seconds | records/s | × 1 worker | due→start p50 | p99    | 429s | mean run (small, large) | peak RSS per worker (MB)');
  for (const o of outcomes) {
    const rate = o.records / o.seconds;
    console.log(
      `${String(o.workers).padStart(7)} | ${String(o.runs).padStart(4)} | ${fmt(o.records).padStart(7)} | ${fmt(o.seconds, 1).padStart(7)} | ${fmt(rate).padStart(9)} | ${fmt(rate / (base.records / base.seconds), 2).padStart(10)} | ${`${fmt(o.lagP50 / 1000, 1)} s`.padStart(13)} | ${`${fmt(o.lagP99 / 1000, 1)} s`.padStart(6)} | ${String(o.throttled).padStart(4)} | ${`${fmt(o.meanRunSeconds.small, 2)} s, ${fmt(o.meanRunSeconds.large, 1)} s`.padStart(23)} | ${o.peakRssMb.map((m) => fmt(m)).join(', ')}`,
    );
  }
  // Where the time went: a worker near 100 % of a core is CPU-bound; a machine near 100 % busy
  // means added workers only share the same cores.
  console.log('CPU while the runs went on (share of one core; machine: of all cores), requests per run, and when the service had queued every due run:');
  for (const o of outcomes) {
    console.log(
      `${String(o.workers).padStart(7)} worker(s): ${fmt(o.requests / o.runs, 1)} requests per run; all queued after ${fmt(o.allQueuedSeconds, 1)} s; each worker ${o.workerCpu.map(pct).join(', ')}; service ${pct(o.serviceCpu)}; simulators ${pct(o.simulatorCpu)}; ` +
        `machine ${o.machineBusy === null ? 'unknown' : `${pct(o.machineBusy)} busy`}; load average after ${o.loadAverage.map((l) => fmt(l, 1)).join(', ')}`,
    );
  }
}

interface SimulatedAccounts {
  accounts: SimulatedAccount[];
  /** Requests and 429s answered so far, and the CPU time the process has used (ms). */
  stats(): Promise<{ requests: number; throttled: number; cpuMs: number }>;
  stop(): Promise<void>;
}

/** Every simulated account, served by one child process (each on a port of its own). */
async function startSimulatedAccounts(options: WorkersBenchOptions): Promise<SimulatedAccounts> {
  const plan = { small: options.small, large: options.large, smallTickets: options.smallTickets, largeTickets: options.largeTickets, rateLimit: options.rateLimit, latencyMs: options.latencyMs };
  // fork() passes this process's loader flags on (tsx), so the child runs the TypeScript as this one does.
  const child = fork(fileURLToPath(new URL('./simulated-accounts.ts', import.meta.url)), [JSON.stringify(plan)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () =>
    new Promise<AccountsMessage>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the simulated accounts' process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message: AccountsMessage) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  const ready = await next();
  if (ready.kind !== 'ready') throw new Error('the simulated accounts did not start');
  return {
    accounts: ready.accounts,
    async stats() {
      const answer = next();
      child.send({ kind: 'stats' });
      const message = await answer;
      if (message.kind !== 'stats') throw new Error('unexpected answer from the simulated accounts');
      return message;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}

async function oneConfiguration(adminUrl: string, simulated: SimulatedAccounts, workers: number, options: WorkersBenchOptions): Promise<Outcome> {
  const { accounts } = simulated;
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
  const simulatorsBefore = await simulated.stats();
  try {
    const { workspace } = await bootstrapWorkspace(intake.services, { starter: false });
    // Adding an integration checks its credentials at the source (one request, with its latency): many at once.
    const adding = [...accounts.entries()];
    const addNext = async (): Promise<void> => {
      for (let next = adding.shift(); next; next = adding.shift()) {
        const [i, account] = next;
        await addIntegration(intake.services, workspace.id, { platform: 'zendesk', name: `acct ${i}`, connection: { subdomain: account.subdomain, baseUrl: account.url }, credentials: account.credentials, settings: { startDate: '2000-01-01', intervalMinutes: 600 } }, 'bench');
      }
    };
    await Promise.all(Array.from({ length: 16 }, addNext));
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
    const service = await spawnIntake('start');
    const workerProcesses = await Promise.all(Array.from({ length: workers }, () => spawnIntake('worker')));
    const cpuBefore = { workers: workerProcesses.map((w) => cpuSeconds(w.pid!)), service: cpuSeconds(service.pid!), machine: machineTicks() };
    const dueAt = new Date();
    await intake.services.db.updateTable('integrations').set({ next_run_at: dueAt.toISOString() }).execute();
    const expected = accounts.length;
    for (;;) {
      const row = await intake.services.db
        .selectFrom('runs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', 'not in', ['queued', 'running'])
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const wall = (Date.now() - dueAt.getTime()) / 1000;
    const share = (after: number, before: number) => (after - before) / wall;
    const workerCpu = workerProcesses.map((w, i) => share(cpuSeconds(w.pid!), cpuBefore.workers[i]!));
    const serviceCpu = share(cpuSeconds(service.pid!), cpuBefore.service);
    const machineAfter = machineTicks();
    const machineBusy = machineAfter && cpuBefore.machine ? (machineAfter.busy - cpuBefore.machine.busy) / (machineAfter.total - cpuBefore.machine.total) : null;
    const simulatorsAfter = await simulated.stats();
    const peakRssMb = workerProcesses.map((w) => peakRss(w.pid!));
    const runs = await intake.services.db
      .selectFrom('runs')
      .innerJoin('integrations', 'integrations.id', 'runs.integration_id')
      .select(['runs.queued_at', 'runs.started_at', 'runs.finished_at', 'runs.seen', 'runs.status', 'integrations.name'])
      .execute();
    const lags = runs.map((r) => Date.parse(r.started_at) - dueAt.getTime()).sort((a, b) => a - b);
    const end = Math.max(...runs.map((r) => Date.parse(r.finished_at!)));
    const largeNames = new Set(accounts.slice(0, options.large).map((_, i) => `acct ${i}`));
    const meanRun = (which: typeof runs) => (which.length === 0 ? 0 : which.reduce((n, r) => n + Date.parse(r.finished_at!) - Date.parse(r.started_at), 0) / which.length / 1000);
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
      throttled: simulatorsAfter.throttled - simulatorsBefore.throttled,
      requests: simulatorsAfter.requests - simulatorsBefore.requests,
      allQueuedSeconds: (Math.max(...runs.map((r) => Date.parse(r.queued_at!))) - dueAt.getTime()) / 1000,
      meanRunSeconds: { small: meanRun(runs.filter((r) => !largeNames.has(r.name))), large: meanRun(runs.filter((r) => largeNames.has(r.name))) },
      workerCpu,
      serviceCpu,
      simulatorCpu: (simulatorsAfter.cpuMs - simulatorsBefore.cpuMs) / 1000 / wall,
      machineBusy,
      loadAverage: loadavg(),
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

const CLOCK_TICKS_PER_SECOND = clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** CPU time (user + system) a process has used so far, in seconds; 0 where /proc is not available. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The whole machine's CPU ticks so far, busy and total (every core); null where /proc is not available. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.slice(0, 8).reduce((n, t) => n + t, 0);
    const idle = ticks[3]! + ticks[4]!;
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
