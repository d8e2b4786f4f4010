import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration from the environment', () => {
  it('starts from sensible defaults', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', port: 3000, databaseUrl: null, sandbox: true, scheduler: true, runner: 'embedded', maxConcurrentRuns: 4, rateLimitMaxWaitMs: 60_000, ledgerRetentionDays: 400 });
  });

  it('names every bad variable at once, with what it must be', () => {
    const problems = problemsOf({ PORT: 'abc', INTAKE_MAX_CONCURRENT_RUNS: '1.5', INTAKE_LEDGER_RETENTION_DAYS: '-4', INTAKE_RUNNER: 'cron', INTAKE_SANDBOX: 'yes', DATABASE_URL: 'mysql://db' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT: must be a port number from 0 to 65535 (0 picks a free one)',
        'INTAKE_MAX_CONCURRENT_RUNS: must be a whole number from 1 to 64',
        'INTAKE_LEDGER_RETENTION_DAYS: must be 0 (keep everything) or a number of days up to 36500',
        expect.stringMatching(/^INTAKE_RUNNER: .*"embedded".*"queue"/),
        expect.stringMatching(/^INTAKE_SANDBOX: .*"on".*"off"/),
        'DATABASE_URL: must be a postgres:// URL; leave it unset to use the embedded SQLite database',
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('takes the credential key as 64 hex characters or base64 of 32 bytes, and says how to make one otherwise', () => {
    const key = randomBytes(32);
    expect(loadConfig({ INTAKE_SECRET_KEY: key.toString('hex') }).secretKey).toEqual(key);
    expect(loadConfig({ INTAKE_SECRET_KEY: key.toString('base64') }).secretKey).toEqual(key);
    const [problem] = problemsOf({ INTAKE_SECRET_KEY: 'hunter2' });
    expect(problem).toMatch(/^INTAKE_SECRET_KEY: must be 32 random bytes.*openssl rand -base64 32/);
    expect(problem).not.toContain('hunter2');
  });

  it('refuses PostgreSQL without a shared key, and the queue runner without PostgreSQL', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/intake' })[0]).toMatch(/^INTAKE_SECRET_KEY: must be set when DATABASE_URL/);
    expect(problemsOf({ INTAKE_RUNNER: 'queue' })[0]).toMatch(/^INTAKE_RUNNER: "queue" dispatches runs through PostgreSQL/);
  });
});

describe('INTAKE_RECONCILE_HOURS', () => {
  it('defaults to a day, and takes whole hours', () => {
    expect(loadConfig({}).reconcileIntervalMs).toBe(24 * 3_600_000);
    expect(loadConfig({ INTAKE_RECONCILE_HOURS: '6' }).reconcileIntervalMs).toBe(6 * 3_600_000);
    expect(loadConfig({}).notifyGatherMs).toBe(20_000);
    // A worker fills more slots by default; a setting applies to both.
    expect(loadConfig({})).toMatchObject({ maxConcurrentRuns: 4, maxConcurrentBackfills: 2, workerMaxConcurrentRuns: 8, workerMaxConcurrentBackfills: 4 });
    expect(loadConfig({ INTAKE_MAX_CONCURRENT_RUNS: '3' })).toMatchObject({ maxConcurrentRuns: 3, maxConcurrentBackfills: 1, workerMaxConcurrentRuns: 3, workerMaxConcurrentBackfills: 1 });
    expect(loadConfig({ INTAKE_NOTIFY_GATHER_SECONDS: '0' }).notifyGatherMs).toBe(0);
    expect(() => loadConfig({ INTAKE_NOTIFY_GATHER_SECONDS: '2h' })).toThrow(/INTAKE_NOTIFY_GATHER_SECONDS.*from 0 \(send each event at once\) to 3600/);
  });

  it.each(['0', '1.5', 'daily', '9000', '-2'])('refuses %j, naming the variable and what it takes', (value) => {
    expect(problemsOf({ INTAKE_RECONCILE_HOURS: value })).toEqual(['INTAKE_RECONCILE_HOURS: must be a whole number of hours from 1 to 8760 (a year)']);
  });
});

describe('INTAKE_TRUSTED_PROXIES', () => {
  it('is off by default: X-Forwarded-For is believed from nobody', () => {
    expect(loadConfig({}).trustedProxies).toBeNull();
    expect(loadConfig({ INTAKE_TRUSTED_PROXIES: 'off' }).trustedProxies).toBeNull();
  });

  it('takes the proxies as addresses and CIDR ranges, or a number of hops', () => {
    expect(loadConfig({ INTAKE_TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback' }).trustedProxies).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
    expect(loadConfig({ INTAKE_TRUSTED_PROXIES: '1' }).trustedProxies).toBe(1);
  });

  it('names what is wrong and how to write it', () => {
    expect(problemsOf({ INTAKE_TRUSTED_PROXIES: 'proxy.local,10.0.0.0/33' })).toEqual([
      'INTAKE_TRUSTED_PROXIES: "proxy.local", "10.0.0.0/33" are not IP addresses or CIDR ranges: list your reverse proxies\' addresses (e.g. 10.0.0.5,10.1.0.0/16), or give how many proxies are in front of Intake (e.g. 1)',
    ]);
    expect(problemsOf({ INTAKE_TRUSTED_PROXIES: '0' })).toEqual(['INTAKE_TRUSTED_PROXIES: as a number of proxy hops must be from 1 to 10 (the reverse proxies in front of Intake)']);
  });
});
