import { ActivitySchedule, type ActivityScheduleOptions } from '../simulation/activity-schedule.js';
import { isoSeconds } from '../simulation/iso-seconds.js';
import type { SeededRandom } from '../simulation/seeded-random.js';
import { SEED_TAGS } from '../simulation/seed-ticket-words.js';
import { makeTicket, type FreshdeskWireTicket } from './freshdesk-seed.js';
import type { FreshdeskTicketStore } from './freshdesk-ticket-store.js';

export interface LiveActivityOptions extends ActivityScheduleOptions {
  /** Ids for new tickets start here (above the seeded ones). */
  firstId: number;
}

/**
 * A help desk that keeps working: tickets arrive, get resolved, reopened, closed, retagged,
 * marked spam and deleted. Every event is a pure function of (seed, epoch, k) and the state
 * before it, so a restarted simulator replays the same history up to now.
 */
export class FreshdeskLiveActivity {
  readonly #schedule: ActivitySchedule;
  #nextId: number;

  constructor(readonly options: LiveActivityOptions) {
    this.#schedule = new ActivitySchedule(options);
    this.#nextId = options.firstId;
  }

  /** Applies every event due by `now`; returns how many were applied. */
  advance(store: FreshdeskTicketStore, now: Date): number {
    return this.#schedule.advance(now, (random, at) => this.#apply(store, random, at));
  }

  #apply(store: FreshdeskTicketStore, random: SeededRandom, at: number): void {
    const live = (statuses: number[]) => (t: FreshdeskWireTicket) => !t.deleted && !t.spam && statuses.includes(t.status);
    // Among the 200 most recent matching tickets, as a help desk works on recent tickets.
    const pick = (match: (t: FreshdeskWireTicket) => boolean) => {
      const recent = store.recent(match, 200);
      return recent.length ? random.pick(recent) : null;
    };
    const change = (ticket: FreshdeskWireTicket | null, patch: (t: FreshdeskWireTicket) => Partial<FreshdeskWireTicket>) => {
      if (!ticket) return;
      const next = { ...ticket, ...patch(ticket), updated_at: isoSeconds(at) };
      store.put({ ...next, stats: { ...next.stats, status_updated_at: next.status === ticket.status ? next.stats.status_updated_at : isoSeconds(at) } });
    };
    const roll = random.next();
    if (roll < 0.45) {
      store.put(makeTicket(random, this.#nextId++, at, at, random.weighted([[2, 6], [3, 2], [4, 2]] as const)));
    } else if (roll < 0.7) {
      change(pick(live([2, 3, 6])), (t) => ({ status: 4, stats: { ...t.stats, resolved_at: isoSeconds(at) } }));
    } else if (roll < 0.8) {
      change(pick(live([4])), (t) => ({ status: 2, tags: [...new Set([...t.tags, 'reopened'])], stats: { ...t.stats, reopened_at: isoSeconds(at), resolved_at: null } }));
    } else if (roll < 0.88) {
      change(pick(live([4])), (t) => ({ status: 5, stats: { ...t.stats, closed_at: isoSeconds(at) } }));
    } else if (roll < 0.95) {
      change(pick(live([2, 3, 4, 5, 6])), (t) => ({ tags: [...new Set([...t.tags, random.pick(SEED_TAGS)])], priority: random.int(1, 4) }));
    } else if (roll < 0.97) {
      change(pick(live([2])), () => ({ spam: true }));
    } else {
      change(pick(live([2, 4, 5])), () => ({ deleted: true }));
    }
  }
}
