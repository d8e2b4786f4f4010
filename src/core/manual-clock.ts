import type { Clock } from './ports.js';

/**
 * A clock that moves only when told to. `sleep` advances it at once, so code that waits for a
 * rate-limit window runs instantly in tests and simulators while seeing the same times.
 */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: Date | string | number = '2025-03-10T12:00:00.000Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  advance(ms: number): Date {
    this.#now += ms;
    return this.now();
  }

  set(to: Date | string | number): void {
    this.#now = new Date(to).getTime();
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.#now += Math.max(0, ms);
  }
}
