import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/manual-clock.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/test-database.js';
import { DatabaseRateBudgets } from './database-rate-budgets.js';

describe.each(DIALECTS)('rate budgets shared through %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.destroy());

  it('paces two processes from one budget: the window\'s requests are shared, then both wait for the reset', async () => {
    const clock = new ManualClock('2025-03-10T12:00:00Z');
    const a = new DatabaseRateBudgets(database.db, clock);
    const b = new DatabaseRateBudgets(database.db, clock);
    const key = 'zendesk:acme:incremental-export';
    expect(await a.acquire(key)).toBe(0);
    await a.observe(key, { limit: 3, remaining: 2, resetAt: new Date(clock.now().getTime() + 60_000) });
    expect(await b.acquire(key)).toBe(0);
    expect(await a.acquire(key)).toBe(0);
    expect(await b.waitFor(key)).toBe(60_000);
    const started = clock.now().getTime();
    expect(await b.acquire(key)).toBe(60_000);
    expect(clock.now().getTime() - started).toBe(60_000);
    // A reading from before the others' requests does not give their budget back.
    await a.observe(key, { limit: 3, remaining: 2, resetAt: new Date(clock.now().getTime() + 60_000) });
    await b.observe(key, { limit: 3, remaining: 2, resetAt: new Date(clock.now().getTime() + 59_500) });
    expect(await a.acquire(key)).toBe(0);
    expect(await b.acquire(key)).toBe(0);
    expect(await a.waitFor(key)).toBeGreaterThan(0);
  });

  it('keeps a share of each window from a backfill for the scheduled runs of the same account', async () => {
    const clock = new ManualClock('2025-03-10T12:00:00Z');
    const scheduled = new DatabaseRateBudgets(database.db, clock);
    const backfill = new DatabaseRateBudgets(database.db, clock);
    const key = 'platform:shared-account:export';
    await backfill.acquire(key, undefined, 0.7);
    await backfill.observe(key, { limit: 10, remaining: 9, resetAt: new Date(clock.now().getTime() + 60_000) });
    // The backfill may use 7 of 10 a window: after 6 more it waits, while a scheduled run still goes.
    for (let i = 0; i < 6; i += 1) expect(await backfill.acquire(key, undefined, 0.7)).toBe(0);
    expect(await backfill.waitFor(key, 0.7)).toBe(60_000);
    expect(await scheduled.waitFor(key)).toBe(0);
    for (let i = 0; i < 3; i += 1) expect(await scheduled.acquire(key)).toBe(0);
    expect(await scheduled.waitFor(key)).toBe(60_000);
  });

  it('never gives the last request of a window to two concurrent acquirers', async () => {
    // Time stands still and anyone who would have to wait says so: only one may go now.
    const now = new Date('2025-03-10T12:00:00Z');
    const clock = { now: () => now, sleep: async () => Promise.reject(new Error('would wait')) };
    const processes = Array.from({ length: 4 }, () => new DatabaseRateBudgets(database.db, clock));
    const key = 'zendesk:race:incremental-export';
    await processes[0]!.acquire(key);
    await processes[0]!.observe(key, { limit: 10, remaining: 1, resetAt: new Date(now.getTime() + 3_600_000) });
    const outcomes = await Promise.allSettled(processes.map((p) => p.acquire(key)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(3);
  });

  it('blocks everyone until a Retry-After passes', async () => {
    const clock = new ManualClock('2025-03-10T12:00:00Z');
    const a = new DatabaseRateBudgets(database.db, clock);
    const b = new DatabaseRateBudgets(database.db, clock);
    const key = 'zendesk:blocked:api';
    await a.acquire(key);
    await a.blockUntil(key, new Date(clock.now().getTime() + 30_000));
    expect(await b.waitFor(key)).toBe(30_000);
    await a.blockUntil(key, new Date(clock.now().getTime() + 10_000));
    expect(await b.waitFor(key)).toBe(30_000);
  });
});
