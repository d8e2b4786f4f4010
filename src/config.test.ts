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
