import type { Kysely } from 'kysely';
import { reservedFor, type RateBudgets, type RateLimitReading } from '../connectors/rate-budget.js';
import type { Clock } from '../core/ports.js';
import type { Database, RateBudgetTable } from './schema.js';

/** Header reset times have one-second resolution: readings this close belong to one window. */
const SAME_WINDOW_MS = 1500;
/** A count of requests in flight not touched for this long is from a process that died: ignore it. */
const IN_FLIGHT_STALE_MS = 60_000;

/**
 * Rate budgets kept in the database, so every process and machine of a distributed deployment
 * draws from the same budget per source account. Each change is a compare-and-set on the row's
 * revision: concurrent acquires can never both take the last request of a window.
 */
export class DatabaseRateBudgets implements RateBudgets {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async waitFor(key: string, share?: number): Promise<number> {
    const row = await this.#row(key);
    return row ? this.#wait(row, this.clock.now().getTime(), share) : 0;
  }

  async acquire(key: string, signal?: AbortSignal, share?: number): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.clock.now().getTime();
      const row = await this.#row(key);
      if (!row) {
        await this.db
          .insertInto('rate_budgets')
          .values({ key, limit_count: null, remaining: null, reset_at: new Date(0).toISOString(), blocked_until: null, in_flight: 0, in_flight_at: null, revision: 0 })
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
        continue;
      }
      const wait = this.#wait(row, now, share);
      if (wait > 0) {
        await this.clock.sleep(wait, signal);
        waited += wait;
        continue;
      }
      const inFlight = { in_flight: this.#inFlight(row, now) + 1, in_flight_at: new Date(now).toISOString() };
      if (row.remaining === null) {
        if (await this.#write(row, inFlight)) return waited;
        continue;
      }
      const windowOver = Date.parse(row.reset_at) <= now;
      const remaining = (windowOver ? (row.limit_count ?? row.remaining) : row.remaining) - 1;
      if (await this.#write(row, { remaining, ...inFlight })) return waited;
    }
  }

  release(key: string): void {
    void this.db
      .updateTable('rate_budgets')
      .set((eb) => ({ in_flight: eb('in_flight', '-', 1), revision: eb('revision', '+', 1) }))
      .where('key', '=', key)
      .where('in_flight', '>', 0)
      .execute()
      .catch(() => undefined);
  }

  async observe(key: string, reading: RateLimitReading): Promise<void> {
    for (;;) {
      const row = await this.#row(key);
      if (!row) return;
      const resetAt = reading.resetAt.getTime();
      const sameWindow = row.remaining !== null && Math.abs(resetAt - Date.parse(row.reset_at)) <= SAME_WINDOW_MS;
      // A new window: trust the reading, less the other requests on their way (not yet counted there).
      const others = Math.max(0, this.#inFlight(row, this.clock.now().getTime()) - 1);
      const next = sameWindow
        ? { limit_count: reading.limit, remaining: Math.min(row.remaining!, reading.remaining) }
        : { limit_count: reading.limit, remaining: reading.remaining - others, reset_at: new Date(resetAt).toISOString() };
      if (await this.#write(row, next)) return;
    }
  }

  async blockUntil(key: string, until: Date): Promise<void> {
    await this.db
      .updateTable('rate_budgets')
      .set((eb) => ({ blocked_until: until.toISOString(), revision: eb('revision', '+', 1) }))
      .where('key', '=', key)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', until.toISOString())]))
      .execute();
  }

  #inFlight(row: RateBudgetTable, now: number): number {
    return row.in_flight_at && now - Date.parse(row.in_flight_at) < IN_FLIGHT_STALE_MS ? row.in_flight : 0;
  }

  #wait(row: RateBudgetTable, now: number, share?: number): number {
    let until = row.blocked_until ? Date.parse(row.blocked_until) : 0;
    const resetAt = Date.parse(row.reset_at);
    if (row.remaining !== null && row.remaining <= reservedFor(share, row.limit_count) && resetAt > now) until = Math.max(until, resetAt);
    return Math.max(0, until - now);
  }

  async #row(key: string): Promise<RateBudgetTable | undefined> {
    return this.db.selectFrom('rate_budgets').selectAll().where('key', '=', key).executeTakeFirst();
  }

  /** Compare-and-set on the revision; false when another process changed the row first. */
  async #write(row: RateBudgetTable, set: Partial<Omit<RateBudgetTable, 'key' | 'revision'>>): Promise<boolean> {
    const result = await this.db
      .updateTable('rate_budgets')
      .set({ ...set, revision: row.revision + 1 })
      .where('key', '=', row.key)
      .where('revision', '=', row.revision)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
