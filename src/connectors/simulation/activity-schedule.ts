// Live activity's clock: when each event of a simulated account's activity happens, and the
// replay of what is due (in slices, so a long history does not stall the process).
import { SeededRandom } from './seeded-random.js';

export interface ActivityScheduleOptions {
  /** Activity starts here; event k happens at epoch + k × everyMs. */
  epoch: Date;
  everyMs: number;
  seed: number;
}

/** Replaying a long history is split into slices of about this long, with a turn of the event loop between them. */
const SLICE_MS = 10;
const SLICE_EVENTS = 256;

/**
 * When a simulated account's live activity happens: event k at epoch + k × everyMs, each drawn
 * from its own random numbers (seed, k). What an event does is the platform's (`apply`); since it
 * depends only on (seed, epoch, k) and the state before it, a restarted simulator replays exactly
 * the same history up to now.
 */
export class ActivitySchedule {
  #applied = 0;
  /** The replay in progress, shared by every request that arrives meanwhile. */
  #catchingUp: Promise<void> | null = null;

  constructor(readonly options: ActivityScheduleOptions) {}

  /** How many events are due by `now` and not applied yet. */
  behind(now: Date): number {
    return Math.max(0, this.#due(now) - this.#applied);
  }

  /**
   * Applies the events due by `now`, at most `limit` of them (the rest stay due); returns how many
   * were applied. `apply` gets the event's random numbers and its time in ms.
   */
  advance(now: Date, apply: (random: SeededRandom, atMs: number) => void, limit = Number.POSITIVE_INFINITY): number {
    const due = this.#due(now);
    let applied = 0;
    while (this.#applied < due && applied < limit) {
      this.#applied += 1;
      apply(new SeededRandom(this.options.seed * 7919 + this.#applied), this.options.epoch.getTime() + this.#applied * this.options.everyMs);
      applied += 1;
    }
    return applied;
  }

  /**
   * Brings the activity up to now in short slices that yield to the event loop: an account that
   * has been "working" for weeks must not stall the process that hosts it (the sandbox runs
   * inside the service). Requests arriving meanwhile wait for the same replay.
   */
  catchUp(now: () => Date, apply: (random: SeededRandom, atMs: number) => void): Promise<void> {
    if (this.#catchingUp === null && this.behind(now()) === 0) return Promise.resolve();
    this.#catchingUp ??= this.#replay(now, apply).finally(() => {
      this.#catchingUp = null;
    });
    return this.#catchingUp;
  }

  async #replay(now: () => Date, apply: (random: SeededRandom, atMs: number) => void): Promise<void> {
    for (;;) {
      const sliceEnds = performance.now() + SLICE_MS;
      do {
        this.advance(now(), apply, SLICE_EVENTS);
      } while (this.behind(now()) > 0 && performance.now() < sliceEnds);
      if (this.behind(now()) === 0) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  #due(now: Date): number {
    return Math.floor((now.getTime() - this.options.epoch.getTime()) / this.options.everyMs);
  }
}
