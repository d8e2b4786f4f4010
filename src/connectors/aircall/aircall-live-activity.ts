import { ActivitySchedule, type ActivityScheduleOptions } from '../simulation/activity-schedule.js';
import type { SeededRandom } from '../simulation/seeded-random.js';
import type { AircallCallStore } from './aircall-call-store.js';
import { advanceCall, makeCall, SEED_CALL_TAGS, SEED_USERS, type AircallWireCall } from './aircall-seed.js';

export interface AircallLiveActivityOptions extends ActivityScheduleOptions {
  /** Ids for new calls start here (above the seeded ones). */
  firstId: number;
}

/**
 * A phone system that keeps working: calls ring, are answered, end, and are tagged and commented
 * after they ended — changes a scan by creation time only sees when it reads the call again. Every
 * event is a function of (seed, epoch, k) and the state before it, so a restart replays the same.
 */
export class AircallLiveActivity {
  readonly #schedule: ActivitySchedule;
  #nextId: number;

  constructor(readonly options: AircallLiveActivityOptions) {
    this.#schedule = new ActivitySchedule(options);
    this.#nextId = options.firstId;
  }

  advance(store: AircallCallStore, now: Date): number {
    return this.#schedule.advance(now, (random, atMs) => this.#apply(store, random, Math.floor(atMs / 1000)));
  }

  #apply(store: AircallCallStore, random: SeededRandom, at: number): void {
    const recent = store.recent(200);
    const pick = (match: (c: AircallWireCall) => boolean) => {
      const candidates = recent.filter(match);
      return candidates.length ? random.pick(candidates) : null;
    };
    const roll = random.next();
    if (roll < 0.4) {
      store.put(makeCall(random, this.#nextId++, at, 'initial'));
    } else if (roll < 0.6) {
      const ringing = pick((c) => c.status === 'initial');
      if (ringing) store.put(advanceCall(random, ringing, random.chance(0.8) ? 'answered' : 'done', at));
    } else if (roll < 0.85) {
      const talking = pick((c) => c.status === 'answered');
      if (talking) store.put(advanceCall(random, talking, 'done', at));
    } else if (roll < 0.95) {
      const ended = pick((c) => c.status === 'done');
      const [id, name] = random.pick(SEED_CALL_TAGS);
      if (ended && !ended.tags.some((t) => t.id === id)) store.put({ ...ended, tags: [...ended.tags, { id, name, created_at: at, tagged_by: random.pick(SEED_USERS) }] });
    } else {
      const ended = pick((c) => c.status === 'done');
      if (ended) store.put({ ...ended, comments: [...ended.comments, { id: ended.id * 10 + ended.comments.length + 1, content: 'Follow-up noted after the call.', posted_at: at, posted_by: random.pick(SEED_USERS) }] });
    }
  }
}
