import type { Clock } from '../core/ports.js';

/** What a platform's headers say about a rate budget. */
export interface RateLimitReading {
  limit: number | null;
  remaining: number;
  resetAt: Date;
}

/**
 * A rate budget shared by every request to one source account (and endpoint class), whatever
 * integration or run sends them: two integrations on one Zendesk subdomain draw from one budget.
 */
export interface RateBudgets {
  /** Waits until the budget allows a request, then takes one. Returns the ms waited. */
  acquire(key: string, signal?: AbortSignal): Promise<number>;
  /** How long acquire would wait now, in ms (0 when a request may go at once). */
  waitFor(key: string): number;
  /** Records what the platform's headers said after a response. */
  observe(key: string, reading: RateLimitReading): void;
  /** Blocks the budget until the given time (a 429's Retry-After). */
  blockUntil(key: string, until: Date): void;
  reading(key: string): (RateLimitReading & { blockedUntil: Date | null }) | null;
}

interface BudgetState {
  limit: number | null;
  remaining: number | null;
  resetAt: number;
  blockedUntil: number;
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
      state = { limit: null, remaining: null, resetAt: 0, blockedUntil: 0 };
      this.#states.set(key, state);
    }
    return state;
  }

  waitFor(key: string): number {
    const state = this.#states.get(key);
    if (!state) return 0;
    const now = this.#clock.now().getTime();
    let until = state.blockedUntil;
    if (state.remaining !== null && state.remaining <= 0 && state.resetAt > now) until = Math.max(until, state.resetAt);
    return Math.max(0, until - now);
  }

  async acquire(key: string, signal?: AbortSignal): Promise<number> {
    let waited = 0;
    for (;;) {
      const wait = this.waitFor(key);
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
    return waited;
  }

  observe(key: string, reading: RateLimitReading): void {
    const state = this.#state(key);
    state.limit = reading.limit;
    state.remaining = reading.remaining;
    state.resetAt = reading.resetAt.getTime();
  }

  blockUntil(key: string, until: Date): void {
    const state = this.#state(key);
    state.blockedUntil = Math.max(state.blockedUntil, until.getTime());
  }

  reading(key: string) {
    const state = this.#states.get(key);
    if (!state || state.remaining === null) return null;
    return {
      limit: state.limit,
      remaining: state.remaining,
      resetAt: new Date(state.resetAt),
      blockedUntil: state.blockedUntil ? new Date(state.blockedUntil) : null,
    };
  }
}
