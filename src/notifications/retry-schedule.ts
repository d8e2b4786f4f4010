/** How long a delivery is retried before it is given up: a day. */
export const RETRY_FOR_MS = 24 * 3_600_000;

const STEPS_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000, 2 * 3_600_000, 4 * 3_600_000, 8 * 3_600_000];

/**
 * When to try again after `attempts` failed tries that began at `firstAttemptAt`, or null when the
 * day is over (the delivery fails). 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, then every 8 h.
 */
export function nextAttemptAt(attempts: number, firstAttemptAt: Date, now: Date): Date | null {
  const step = STEPS_MS[Math.min(Math.max(attempts - 1, 0), STEPS_MS.length - 1)]!;
  const next = new Date(now.getTime() + step);
  if (next.getTime() - firstAttemptAt.getTime() > RETRY_FOR_MS) {
    // One last try at the day's end, unless that moment has passed.
    const last = firstAttemptAt.getTime() + RETRY_FOR_MS;
    return last > now.getTime() ? new Date(last) : null;
  }
  return next;
}
