import { isIP } from 'node:net';
import { resolve, join } from 'node:path';
import { z } from 'zod';
import { sourceHostEntrySchema } from './connectors/source-host-policy.js';

const onOff = z.enum(['on', 'off']);


const secretKey = z
  .string()
  .transform((value, ctx) => {
    const trimmed = value.trim();
    const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
    if (key.length !== 32) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be 32 random bytes, as 64 hex characters or base64 (generate one with: openssl rand -base64 32)',
      });
      return z.NEVER;
    }
    return key;
  });

/** proxy-addr's names for ranges, besides addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** Off (unset), a number of proxy hops, or the proxies' addresses and CIDR ranges. */
const trustedProxies = z
  .string()
  .default('')
  .transform((value, ctx): readonly string[] | number | null => {
    const trimmed = value.trim();
    if (trimmed === '' || trimmed === 'off') return null;
    if (/^\d+$/.test(trimmed)) {
      const hops = Number(trimmed);
      if (hops >= 1 && hops <= 10) return hops;
      ctx.addIssue({ code: 'custom', message: 'as a number of proxy hops must be from 1 to 10 (the reverse proxies in front of Intake)' });
      return z.NEVER;
    }
    const entries = trimmed.split(',').map((e) => e.trim()).filter(Boolean);
    const bad = entries.filter((e) => !isProxyEntry(e));
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `${bad.map((b) => `"${b}"`).join(', ')} ${bad.length > 1 ? 'are not IP addresses or CIDR ranges' : 'is not an IP address or CIDR range'}: list your reverse proxies' addresses (e.g. 10.0.0.5,10.1.0.0/16), or give how many proxies are in front of Intake (e.g. 1)`,
      });
      return z.NEVER;
    }
    return Object.freeze(entries);
  });

/** A whole number within bounds; anything else (text, decimals, out of range) gets the same plain message. */
const wholeNumber = (min: number, max: number, what: string) => {
  const message = `must be ${what}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: wholeNumber(0, 65535, 'a port number from 0 to 65535 (0 picks a free one)').default(3000),
  INTAKE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL; leave it unset to use the embedded SQLite database')
    .optional(),
  INTAKE_SECRET_KEY: secretKey.optional(),
  INTAKE_SANDBOX: onOff.default('on'),
  INTAKE_SCHEDULER: onOff.default('on'),
  INTAKE_RUNNER: z.enum(['embedded', 'queue']).default('embedded'),
  INTAKE_EXTRA_SOURCE_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((h) => h.trim()).filter(Boolean))
    .pipe(z.array(sourceHostEntrySchema)),
  INTAKE_MAX_CONCURRENT_RUNS: wholeNumber(1, 64, 'a whole number from 1 to 64').optional(),
  INTAKE_MAX_CONCURRENT_BACKFILLS: wholeNumber(0, 64, 'a whole number from 0 to 64 (0: half of INTAKE_MAX_CONCURRENT_RUNS)').default(0),
  INTAKE_LEASE_SECONDS: wholeNumber(2, 3600, 'a number of seconds from 2 to 3600').default(120),
  INTAKE_QUEUE_POLL_MS: wholeNumber(50, 60_000, 'a number of milliseconds from 50 to 60000').default(1000),
  INTAKE_WORKER_PORT: wholeNumber(0, 65535, 'a port number from 0 to 65535 (0 picks a free one)').default(9464),
  INTAKE_BACKFILL_BUDGET_PERCENT: wholeNumber(10, 100, 'a percentage from 10 to 100').default(70),
  INTAKE_TRUSTED_PROXIES: trustedProxies,
  INTAKE_PUBLIC_URL: z.url({ message: 'must be the full URL users open, e.g. https://intake.example.com' }).optional(),
  INTAKE_RATE_LIMIT_MAX_WAIT_SECONDS: wholeNumber(0, 3600, 'a number of seconds from 0 to 3600').default(60),
  INTAKE_OUTAGE_FAILURE_RUNS: wholeNumber(1, 1000, 'a number of runs from 1 to 1000').default(3),
  INTAKE_OUTAGE_FAILURE_MINUTES: wholeNumber(0, 100_000, 'a number of minutes from 0 to 100000').default(60),
  INTAKE_LEDGER_RETENTION_DAYS: wholeNumber(0, 36_500, '0 (keep everything) or a number of days up to 36500').default(400),
  INTAKE_RECONCILE_HOURS: wholeNumber(1, 8760, 'a whole number of hours from 1 to 8760 (a year)').default(24),
  INTAKE_NOTIFY_GATHER_SECONDS: wholeNumber(0, 3600, 'a number of seconds from 0 (send each event at once) to 3600').default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  sqliteFile: string;
  databaseUrl: string | null;
  secretKey: Buffer | null;
  sandbox: boolean;
  scheduler: boolean;
  /** embedded: this process runs its imports; queue: due runs go to `intake worker`s through PostgreSQL. */
  runner: 'embedded' | 'queue';
  /** INTAKE_EXTRA_SOURCE_HOSTS: added at start to the allowed hosts stored in the database. */
  extraSourceHosts: readonly string[];
  maxConcurrentRuns: number;
  /**
   * The same for `intake worker`: 8 unless set. A worker does nothing else, and its runs mostly wait
   * on the network, so it fills more slots (the workers bench: due→start lag p99 76 s with 4, 44 s with 8).
   */
  workerMaxConcurrentRuns: number;
  workerMaxConcurrentBackfills: number;
  /** Of those, backfills (and previews) a process runs at once, so scheduled runs always find room. */
  maxConcurrentBackfills: number;
  /** The run lease: how long a run stays a process's without a heartbeat; a dead process's runs are taken over after it. */
  leaseMs: number;
  /** How often a worker looks for queued runs when it has room. */
  queuePollMs: number;
  /** `intake worker`: where it answers /healthz, /readyz and /metrics. */
  workerPort: number;
  /** The share of a source account's rate budget a backfill may use; the rest stays for scheduled runs. */
  backfillBudgetShare: number;
  rateLimitMaxWaitMs: number;
  /** An outage (unreachable, 5xx) turns into `failure` after this many runs and this long. */
  outageFailureRuns: number;
  outageFailureMs: number;
  /** Decisions older than this are pruned (each reference keeps its latest); 0 keeps everything. */
  ledgerRetentionDays: number;
  /** At most this often, platforms whose feed never shows a deletion are asked which held contacts are gone. */
  reconcileIntervalMs: number;
  /** How long a new notification event waits for others, so what fails together arrives as one message. */
  notifyGatherMs: number;
  /** Where users reach the service (links, Secure cookies); by default http://HOST:PORT. */
  publicUrl: string | null;
  /** Reverse proxies whose X-Forwarded-For gives the client's address (addresses, CIDRs or a hop count); null: none. */
  trustedProxies: readonly string[] | number | null;
  logLevel: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'invalid_config';
  constructor(readonly problems: string[]) {
    super(`Intake cannot start: the environment has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the environment once and reports every problem at once. Only composition roots call it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const e = parsed.data;
  if (e.INTAKE_RUNNER === 'queue' && !e.DATABASE_URL) {
    throw new ConfigError(['INTAKE_RUNNER: "queue" dispatches runs through PostgreSQL; set DATABASE_URL to a postgres:// URL, or use "embedded"']);
  }
  if (e.DATABASE_URL && !e.INTAKE_SECRET_KEY) {
    throw new ConfigError([
      'INTAKE_SECRET_KEY: must be set when DATABASE_URL points at PostgreSQL, so every process and machine decrypts credentials with the same key (generate one with: openssl rand -base64 32)',
    ]);
  }
  const dataDir = resolve(e.INTAKE_DATA_DIR);
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    dataDir,
    sqliteFile: join(dataDir, 'intake.db'),
    databaseUrl: e.DATABASE_URL ?? null,
    secretKey: e.INTAKE_SECRET_KEY ?? null,
    sandbox: e.INTAKE_SANDBOX === 'on',
    scheduler: e.INTAKE_SCHEDULER === 'on',
    runner: e.INTAKE_RUNNER,
    extraSourceHosts: Object.freeze([...e.INTAKE_EXTRA_SOURCE_HOSTS.map((h) => h.toLowerCase())]),
    maxConcurrentRuns: e.INTAKE_MAX_CONCURRENT_RUNS ?? 4,
    maxConcurrentBackfills: e.INTAKE_MAX_CONCURRENT_BACKFILLS || Math.max(1, Math.floor((e.INTAKE_MAX_CONCURRENT_RUNS ?? 4) / 2)),
    workerMaxConcurrentRuns: e.INTAKE_MAX_CONCURRENT_RUNS ?? 8,
    workerMaxConcurrentBackfills: e.INTAKE_MAX_CONCURRENT_BACKFILLS || Math.max(1, Math.floor((e.INTAKE_MAX_CONCURRENT_RUNS ?? 8) / 2)),
    leaseMs: e.INTAKE_LEASE_SECONDS * 1000,
    queuePollMs: e.INTAKE_QUEUE_POLL_MS,
    workerPort: e.INTAKE_WORKER_PORT,
    backfillBudgetShare: e.INTAKE_BACKFILL_BUDGET_PERCENT / 100,
    rateLimitMaxWaitMs: e.INTAKE_RATE_LIMIT_MAX_WAIT_SECONDS * 1000,
    outageFailureRuns: e.INTAKE_OUTAGE_FAILURE_RUNS,
    outageFailureMs: e.INTAKE_OUTAGE_FAILURE_MINUTES * 60_000,
    ledgerRetentionDays: e.INTAKE_LEDGER_RETENTION_DAYS,
    reconcileIntervalMs: e.INTAKE_RECONCILE_HOURS * 3_600_000,
    notifyGatherMs: e.INTAKE_NOTIFY_GATHER_SECONDS * 1000,
    publicUrl: e.INTAKE_PUBLIC_URL?.replace(/\/$/, '') ?? null,
    trustedProxies: e.INTAKE_TRUSTED_PROXIES,
    logLevel: e.LOG_LEVEL,
  });
}
