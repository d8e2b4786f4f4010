import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { InMemoryRateBudgets } from '../src/connectors/rate-budget.js';
import { createPlatformRegistry } from '../src/connectors/registry.js';
import { SourceHttpClient, type SourceRequestObserver } from '../src/connectors/source-http-client.js';
import { SourceHostPolicy } from '../src/connectors/source-host-policy.js';
import { DEFAULT_FAILURE_POLICY } from '../src/core/integration-status.js';
import { systemClock } from '../src/core/system-clock.js';
import { createLogger } from '../src/logger.js';
import { IntakeMetrics } from '../src/observability/metrics.js';
import { CredentialCipher } from '../src/security/credential-cipher.js';
import { newProcessId, type IntakeServices } from '../src/services/intake-services.js';
import { LiveChecks } from '../src/services/live-checks.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { openDatabase, type DialectName, type OpenedDatabase } from '../src/storage/open-database.js';

export const INTAKE_BIN = fileURLToPath(new URL('../dist/cli/intake.js', import.meta.url));

export interface BenchDatabase extends OpenedDatabase {
  destroy(): Promise<void>;
}

/** A fresh migrated database: a SQLite file in a temp folder, or a new schema on PostgreSQL. */
export async function benchDatabase(dialect: DialectName): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'intake-bench-'));
    const database = openDatabase({ kind: 'sqlite', file: join(dir, 'bench.db') });
    await migrateToLatest(database);
    return {
      ...database,
      async destroy() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase({ kind: 'postgres', url, schema });
  await migrateToLatest(database);
  return {
    ...database,
    async destroy() {
      await database.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

export interface SimulatorProcess {
  url: string;
  connection: Record<string, unknown>;
  credentials: Record<string, unknown>;
  stop(): Promise<void>;
}

/** `intake sim` in its own process, so its memory is not counted as the importer's. */
export async function startSimulatorProcess(args: string[], platform = 'zendesk'): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, [INTAKE_BIN, 'sim', platform, '--port', '0', '--json', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const details = await new Promise<{ url: string; connection: Record<string, unknown>; credentials: Record<string, unknown> }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      let parsed: { url?: string; error?: { message: string } };
      try {
        parsed = JSON.parse(output);
      } catch {
        return; // not complete yet
      }
      if (parsed.url) resolve(parsed as never);
      else reject(new Error(`the simulator did not start: ${parsed.error?.message ?? output}`));
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before it was ready: ${output}`)));
  });
  return {
    ...details,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Services over a bench database: system clock, quiet logs, the given hosts allowed. */
export function benchServices(database: BenchDatabase, hosts: string[], options: { observer?: SourceRequestObserver; maxRateLimitWaitMs?: number } = {}): IntakeServices {
  const hostPolicy = new SourceHostPolicy(hosts);
  return {
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    cipher: new CredentialCipher(Buffer.alloc(32, 7)),
    platforms: createPlatformRegistry(),
    http: new SourceHttpClient({
      clock: systemClock,
      budgets: new InMemoryRateBudgets(systemClock),
      hostPolicy,
      ...(options.observer ? { observer: options.observer } : {}),
      ...(options.maxRateLimitWaitMs ? { maxRateLimitWaitMs: options.maxRateLimitWaitMs } : {}),
    }),
    hostPolicy,
    metrics: new IntakeMetrics(),
    logger: createLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, done) => done() }) }),
    processId: newProcessId(),
    leaseMs: 600_000,
    failurePolicy: DEFAULT_FAILURE_POLICY,
    liveChecks: new LiveChecks(),
  };
}
