import type { Clock } from '../core/ports.js';

/** What a platform's headers say about a rate budget. */
export interface RateLimitReading {
  limit: number | null;
  remaining: number;
  resetAt: Date;
  /** The window the platform documents for this limit (Zendesk: a minute), when it does. */
  windowSeconds?: number;
}

/**
 * A rate budget shared by every request to one source account (and endpoint class), whatever
 * integration or run sends them: two integrations on one Zendesk subdomain draw from one budget.
 */
export interface RateBudgets {
  /**
   * Waits until the budget allows a request, then takes one. Returns the ms waited. `share` below 1
   * (a backfill's requests) may use only that share of each window: the rest is kept for the others.
   */
  acquire(key: string, signal?: AbortSignal, share?: number): Promise<number>;
  /** How long acquire would wait now, in ms (0 when a request may go at once). */
  waitFor(key: string, share?: number): Promise<number>;
  /** Records what the platform's headers said after a response. */
  observe(key: string, reading: RateLimitReading): Promise<void>;
  /** A request taken with acquire has its answer (or failed): it is no longer in flight. */
  release(key: string): void;
  /** Blocks the budget until the given time (a 429's Retry-After). */
  blockUntil(key: string, until: Date): Promise<void>;
}

interface BudgetState {
  limit: number | null;
  /** This process's estimate: the last reading, less what was sent since. */
  remaining: number | null;
  resetAt: number;
  blockedUntil: number;
  /** Requests sent on this budget and not answered yet. */
  inFlight: number;
}

/** Header reset times have one-second resolution: readings this close belong to one window. */
const SAME_WINDOW_MS = 1500;

/** Requests of each window kept back from a requester allowed only `share` of the limit. */
export function reservedFor(share: number | undefined, limit: number | null): number {
  if (share === undefined || share >= 1 || !limit) return 0;
  return Math.max(1, Math.floor(limit * (1 - share)));
}

/** One process's budgets. Pacing follows the platform's own remaining/reset headers. */
export class InMemoryRateBudgets implements RateBudgets {
  readonly #states = new Map<string, BudgetState>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  #state(key: string): BudgetState {
    let state = this.#states.get(key);
    if (!state) {
      state = { limit: null, remaining: null, resetAt: 0, blockedUntil: 0, inFlight: 0 };
      this.#states.set(key, state);
    }
    return state;
  }

  async waitFor(key: string, share?: number): Promise<number> {
    return this.#wait(key, share);
  }

  #wait(key: string, share?: number): number {
    const state = this.#states.get(key);
    if (!state) return 0;
    const now = this.#clock.now().getTime();
    let until = state.blockedUntil;
    if (state.remaining !== null && state.remaining <= reservedFor(share, state.limit) && state.resetAt > now) until = Math.max(until, state.resetAt);
    return Math.max(0, until - now);
  }

  async acquire(key: string, signal?: AbortSignal, share?: number): Promise<number> {
    let waited = 0;
    for (;;) {
      const wait = this.#wait(key, share);
      if (wait <= 0) break;
      await this.#clock.sleep(wait, signal);
      waited += wait;
    }
    const state = this.#state(key);
    const now = this.#clock.now().getTime();
    if (state.remaining !== null) {
      // A new window began: the headers of the next response will say how much is left.
      if (state.resetAt <= now) state.remaining = state.limit;
      // Taken before the response arrives, so concurrent callers on this budget pace each other.
      if (state.remaining !== null) state.remaining -= 1;
    }
    state.inFlight += 1;
    return waited;
  }

  release(key: string): void {
    const state = this.#state(key);
    state.inFlight = Math.max(0, state.inFlight - 1);
  }

  async observe(key: string, reading: RateLimitReading): Promise<void> {
    const state = this.#state(key);
    const resetAt = reading.resetAt.getTime();
    state.limit = reading.limit;
    if (state.remaining !== null && Math.abs(resetAt - state.resetAt) <= SAME_WINDOW_MS) {
      // Same window: a reading can be older than requests sent since; never raise the estimate.
      state.remaining = Math.min(state.remaining, reading.remaining);
    } else {
      // A new window: trust the reading, less the requests still on their way (not yet counted there).
      state.remaining = reading.remaining - Math.max(0, state.inFlight - 1);
      state.resetAt = resetAt;
    }
  }

  async blockUntil(key: string, until: Date): Promise<void> {
    const state = this.#state(key);
    state.blockedUntil = Math.max(state.blockedUntil, until.getTime());
  }
}
