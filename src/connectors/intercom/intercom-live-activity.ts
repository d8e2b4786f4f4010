import { ActivitySchedule, type ActivityScheduleOptions } from '../simulation/activity-schedule.js';
import type { SeededRandom } from '../simulation/seeded-random.js';
import type { IntercomConversationStore } from './intercom-conversation-store.js';
import { makeConversation, SEED_ADMINS, SEED_TAGS, type SimConversation } from './intercom-seed.js';

export interface IntercomLiveActivityOptions extends ActivityScheduleOptions {
  /** Numbers for new conversations start here (above the seeded ones). */
  firstNumber: number;
}

/**
 * A workspace that keeps working: conversations arrive, get closed, snoozed, reopened, retagged
 * and deleted (which makes them vanish, as in Intercom). Every event is a function of (seed,
 * epoch, k) and the state before it, so a restarted simulator replays the same history.
 */
export class IntercomLiveActivity {
  readonly #schedule: ActivitySchedule;
  #next: number;

  constructor(readonly options: IntercomLiveActivityOptions) {
    this.#schedule = new ActivitySchedule(options);
    this.#next = options.firstNumber;
  }

  /** Applies every event due by `now`; returns how many were applied. */
  advance(store: IntercomConversationStore, now: Date): number {
    return this.#schedule.advance(now, (random, atMs) => this.#apply(store, random, Math.floor(atMs / 1000)));
  }

  #apply(store: IntercomConversationStore, random: SeededRandom, at: number): void {
    const recent = store.ids().slice(-400);
    const pick = (states: Array<SimConversation['state']>) => {
      const candidates = recent.filter((id) => states.includes(store.get(id)!.state));
      return candidates.length ? store.get(random.pick(candidates))! : null;
    };
    const change = (conversation: SimConversation | null, patch: (c: SimConversation) => Partial<SimConversation>) => {
      if (conversation) store.put({ ...conversation, ...patch(conversation), updated_at: at });
    };
    const roll = random.next();
    if (roll < 0.4) {
      store.put(makeConversation(random, this.#next++, at, at, 'open'));
    } else if (roll < 0.6) {
      change(pick(['open']), (c) => ({ state: 'closed', open: false, waiting_since: null, statistics: { ...c.statistics, last_close_at: at, first_close_at: c.statistics.first_close_at ?? at } }));
    } else if (roll < 0.7) {
      change(pick(['open']), () => ({ state: 'snoozed', snoozed_until: at + 86_400 }));
    } else if (roll < 0.8) {
      change(pick(['closed', 'snoozed']), (c) => ({
        state: 'open',
        open: true,
        snoozed_until: null,
        waiting_since: at,
        statistics: { ...c.statistics, count_reopens: Number(c.statistics.count_reopens ?? 0) + 1 },
      }));
    } else if (roll < 0.92) {
      const [id, name] = random.pick(SEED_TAGS);
      change(pick(['open', 'snoozed', 'closed']), (c) => ({
        priority: random.chance(0.3) ? 'priority' : 'not_priority',
        tags: { type: 'tag.list', tags: [...c.tags.tags.filter((t) => t.id !== id), { type: 'tag', id, name, applied_at: at, applied_by: { type: 'admin', id: random.pick(SEED_ADMINS).id } }] },
      }));
    } else {
      const gone = pick(['open', 'snoozed', 'closed']);
      if (gone) store.delete(gone.id);
    }
  }
}
