import type { RateLimitReading } from './rate-budget.js';

/** What the responses on one rate budget said about its limit. */
interface BudgetLimit {
  limit: number | null;
  /** The window the platform documents (0: none). */
  documentedMs: number;
  /** The longest "resets in" seen: the window is at least this long. */
  longestResetMs: number;
  /** The window measured between the resets of two windows in a row (0: not yet). */
  measuredMs: number;
  lastResetAt: number;
  /** Until when a 429 on this budget asked to wait (this process's view). */
  blockedUntil: number;
}

/** Header times have one-second resolution. */
const SAME_SECOND_MS = 1000;

/**
 * What each rate budget's responses said about its limit, kept to explain a wait in words ("10
 * requests a minute"). Only words: pacing itself is the RateBudgets' job.
 */
export class BudgetLimits {
  readonly #known = new Map<string, BudgetLimit>();

  #limit(key: string): BudgetLimit {
    let known = this.#known.get(key);
    if (!known) {
      known = { limit: null, documentedMs: 0, longestResetMs: 0, measuredMs: 0, lastResetAt: 0, blockedUntil: 0 };
      this.#known.set(key, known);
    }
    return known;
  }

  note(key: string, reading: RateLimitReading, now: Date): void {
    const known = this.#limit(key);
    if (reading.limit !== null) known.limit = reading.limit;
    if (reading.windowSeconds) known.documentedMs = reading.windowSeconds * 1000;
    const resetAt = reading.resetAt.getTime();
    known.longestResetMs = Math.max(known.longestResetMs, resetAt - now.getTime());
    // Windows follow one another: the time between two resets is a whole number of windows, and
    // the smallest such gap that still holds the longest reset seen is the window itself.
    const gap = resetAt - known.lastResetAt;
    if (known.lastResetAt > 0 && gap > SAME_SECOND_MS * 1.5 && gap >= known.longestResetMs - SAME_SECOND_MS) {
      const measured = wholeWindow(gap);
      known.measuredMs = known.measuredMs > 0 ? Math.min(known.measuredMs, measured) : measured;
    }
    if (resetAt > known.lastResetAt + SAME_SECOND_MS * 1.5) known.lastResetAt = resetAt;
  }

  /** A 429 asked to wait until then. */
  block(key: string, until: Date): void {
    this.#limit(key).blockedUntil = until.getTime();
  }

  /** Whether a wait until `until` is a 429's Retry-After rather than the limit itself. */
  isBlocked(key: string, until: Date): boolean {
    const known = this.#known.get(key);
    return known !== undefined && known.blockedUntil >= until.getTime() - SAME_SECOND_MS;
  }

  /** "10 requests a minute", or '' while the limit is unknown. */
  words(key: string): string {
    const known = this.#known.get(key);
    if (!known?.limit) return '';
    // What was measured wins; the documented window holds until a reset longer than it says it is wrong.
    const windowMs = known.measuredMs || (known.documentedMs > 0 && known.longestResetMs <= known.documentedMs + SAME_SECOND_MS ? known.documentedMs : 0);
    return `${known.limit} requests ${perWindow(windowMs)}`;
  }
}

/** "08:14:20 UTC": waits are seconds to minutes long, so the time of day says it. */
export function timeOfDay(at: Date): string {
  return `${at.toISOString().slice(11, 19)} UTC`;
}

/** Reset times are whole seconds off the real ones: a gap within a second and a half of whole minutes is those minutes. */
function wholeWindow(gapMs: number): number {
  const minutes = Math.round(gapMs / 60_000);
  if (minutes > 0 && Math.abs(gapMs - minutes * 60_000) <= 1500) return minutes * 60_000;
  return Math.round(gapMs / 1000) * 1000;
}

/** "a minute", "every 6 seconds"; "per window" while its length is unknown. */
function perWindow(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds <= 0) return 'per window';
  if (seconds === 1) return 'a second';
  if (seconds === 60) return 'a minute';
  if (seconds === 3600) return 'an hour';
  if (seconds % 60 === 0) return `every ${seconds / 60} minutes`;
  return `every ${seconds} seconds`;
}
