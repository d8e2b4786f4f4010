// Windowed rate limiting for simulators: how much of a fixed window a request finds left. The
// platform turns the answer into its own headers and 429.
import type { Clock } from '../../core/ports.js';

/** What a window said about one request. */
export interface RateWindowAnswer {
  /** Whether the request fitted (and was counted). */
  allowed: boolean;
  /** Units left in the window after this request (0 at the least). */
  remaining: number;
  /** When the window ends, in ms since the epoch. */
  endsAt: number;
  /** Whole seconds until it ends, at least 1: what a Retry-After says. */
  secondsLeft: number;
}

/**
 * A rate limit over fixed windows on the simulator's clock, as the platforms meter their APIs: a
 * window of `windowSeconds` starts at each multiple of it, and holds `units` (requests, or credits
 * when requests cost differently). A request that does not fit is refused and takes nothing. The
 * platform turns the answer into its own headers and 429.
 */
export class RateWindow {
  #start = 0;
  #used = 0;

  constructor(private readonly clock: Clock) {}

  /** Takes `cost` units from the current window if they fit. */
  take(limit: { units: number; windowSeconds: number }, cost = 1): RateWindowAnswer {
    const windowMs = limit.windowSeconds * 1000;
    const now = this.clock.now().getTime();
    const start = Math.floor(now / windowMs) * windowMs;
    if (this.#start !== start) {
      this.#start = start;
      this.#used = 0;
    }
    const allowed = this.#used + cost <= limit.units;
    if (allowed) this.#used += cost;
    const endsAt = start + windowMs;
    return { allowed, remaining: Math.max(0, limit.units - this.#used), endsAt, secondsLeft: Math.max(1, Math.ceil((endsAt - now) / 1000)) };
  }
}
