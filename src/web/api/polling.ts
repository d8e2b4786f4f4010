/**
 * How often integration data is refreshed: every 2 s while a run is going on (or was just asked
 * for), else every 15 s so scheduled runs still show up.
 */
const FAST_MS = 2_000;
const SLOW_MS = 15_000;
let fastUntil = 0;

/** After "Run now", "Resume" or "Reconnect": poll fast for a while, the run is about to start. */
export function expectActivity(forMs = 12_000): void {
  fastUntil = Math.max(fastUntil, Date.now() + forMs);
}

export function pollInterval(running: boolean): number {
  return running || Date.now() < fastUntil ? FAST_MS : SLOW_MS;
}
