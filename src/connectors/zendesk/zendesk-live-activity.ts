import { ActivitySchedule, type ActivityScheduleOptions } from '../simulation/activity-schedule.js';
import { isoSeconds } from '../simulation/iso-seconds.js';
import type { SeededRandom } from '../simulation/seeded-random.js';
import { SEED_TAGS } from '../simulation/seed-ticket-words.js';
import { sortedIndex } from '../simulation/sorted-index.js';
import { makeTicket } from './zendesk-seed.js';
import type { ZendeskTicketStore } from './zendesk-ticket-store.js';
import type { ZendeskTicket } from './zendesk-wire.js';

export interface LiveActivityOptions extends ActivityScheduleOptions {
  /** Ids for new tickets start here (above the seeded ones). */
  firstId: number;
}

/**
 * A help desk that keeps working: tickets arrive, get solved, reopened, closed, retagged and
 * deleted. Every event is a pure function of (seed, epoch, k) and the state before it, so a
 * restarted simulator replays exactly the same history up to now.
 */
export class LiveActivity {
  readonly #schedule: ActivitySchedule;
  #nextId: number;
  /** Ticket ids by status, ascending: events pick among recent tickets without scanning them all. */
  #byStatus: Map<string, number[]> | null = null;

  constructor(readonly options: LiveActivityOptions) {
    this.#schedule = new ActivitySchedule(options);
    this.#nextId = options.firstId;
  }

  /** Applies every event due by `now`, in one go (for tests and tools, never on a request); returns how many. */
  advance(store: ZendeskTicketStore, now: Date, decorate: (t: ZendeskTicket) => ZendeskTicket): number {
    return this.#schedule.advance(now, (random, at) => this.#apply(store, random, at, decorate));
  }

  /** Brings the activity up to now in slices that yield to the event loop. */
  catchUp(store: ZendeskTicketStore, now: () => Date, decorate: (t: ZendeskTicket) => ZendeskTicket): Promise<void> {
    return this.#schedule.catchUp(now, (random, at) => this.#apply(store, random, at, decorate));
  }

  #index(store: ZendeskTicketStore): Map<string, number[]> {
    if (!this.#byStatus) {
      this.#byStatus = new Map();
      for (const ticket of store.all()) this.#list(ticket.status).push(ticket.id);
      for (const ids of this.#byStatus.values()) ids.sort((a, b) => a - b);
    }
    return this.#byStatus;
  }

  #list(status: string): number[] {
    const lists = this.#byStatus!;
    let ids = lists.get(status);
    if (!ids) lists.set(status, (ids = []));
    return ids;
  }

  /** Writes a ticket and keeps the status index in step. */
  #put(store: ZendeskTicketStore, ticket: ZendeskTicket): void {
    const before = store.get(ticket.id);
    if (before && before.status !== ticket.status) {
      const ids = this.#list(before.status);
      const at = sortedIndex(ids, ticket.id);
      if (ids[at] === ticket.id) ids.splice(at, 1);
    }
    if (!before || before.status !== ticket.status) {
      const ids = this.#list(ticket.status);
      ids.splice(sortedIndex(ids, ticket.id), 0, ticket.id);
    }
    store.put(ticket);
  }

  #apply(store: ZendeskTicketStore, random: SeededRandom, at: number, decorate: (t: ZendeskTicket) => ZendeskTicket): void {
    const index = this.#index(store);
    const roll = random.next();
    // Among the 200 most recent tickets in these statuses, as a help desk works on recent tickets.
    const pickWith = (statuses: string[]) => {
      const recent = largestIds(statuses.map((status) => index.get(status) ?? []), 200);
      return recent.length ? store.get(random.pick(recent))! : null;
    };
    const change = (ticket: ZendeskTicket | null, patch: Partial<ZendeskTicket>) => {
      if (!ticket) return;
      this.#put(store, decorate({ ...ticket, ...patch, updated_at: isoSeconds(at), generated_timestamp: Math.floor(at / 1000) }));
    };
    if (roll < 0.45) {
      const status = random.weighted([['new', 3], ['open', 5], ['solved', 2]] as const);
      this.#put(store, decorate(makeTicket(random, this.#nextId++, at, at, status)));
    } else if (roll < 0.7) {
      change(pickWith(['new', 'open', 'pending', 'hold']), { status: 'solved' });
    } else if (roll < 0.8) {
      const ticket = pickWith(['solved']);
      change(ticket, { status: 'open', tags: ticket ? [...new Set([...ticket.tags, 'reopened'])] : [] });
    } else if (roll < 0.9) {
      change(pickWith(['solved']), { status: 'closed' });
    } else if (roll < 0.97) {
      const ticket = pickWith(['new', 'open', 'pending', 'solved', 'closed']);
      change(ticket, { tags: ticket ? [...new Set([...ticket.tags, random.pick(SEED_TAGS)])] : [], priority: random.pick(['normal', 'high', 'urgent']) });
    } else {
      change(pickWith(['new', 'open', 'solved', 'closed']), { status: 'deleted' });
    }
  }
}

/**
 * The `count` largest ids of ascending, disjoint lists, ascending: a merge from the lists' ends.
 * (Concatenating their tails and sorting gave the same answer, at a cost that dominated replays.)
 */
function largestIds(lists: number[][], count: number): number[] {
  const ends = lists.map((ids) => ids.length);
  const picked: number[] = [];
  while (picked.length < count) {
    let best = -1;
    for (let i = 0; i < lists.length; i += 1) {
      if (ends[i]! > 0 && (best < 0 || lists[i]![ends[i]! - 1]! > lists[best]![ends[best]! - 1]!)) best = i;
    }
    if (best < 0) break;
    ends[best] = ends[best]! - 1;
    picked.push(lists[best]![ends[best]!]!);
  }
  return picked.reverse();
}
