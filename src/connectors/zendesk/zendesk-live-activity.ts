import { SeededRandom } from '../seeded-random.js';
import { makeTicket, SEED_TAGS } from './zendesk-seed.js';
import type { ZendeskTicketStore } from './zendesk-ticket-store.js';
import type { ZendeskTicket } from './zendesk-wire.js';

export interface LiveActivityOptions {
  /** Activity starts here; event k happens at epoch + k × everyMs. */
  epoch: Date;
  everyMs: number;
  seed: number;
  /** Ids for new tickets start here (above the seeded ones). */
  firstId: number;
}

/**
 * A help desk that keeps working: tickets arrive, get solved, reopened, closed, retagged and
 * deleted. Every event is a pure function of (seed, epoch, k) and the state before it, so a
 * restarted simulator replays exactly the same history up to now.
 */
export class LiveActivity {
  #applied = 0;
  #nextId: number;

  constructor(readonly options: LiveActivityOptions) {
    this.#nextId = options.firstId;
  }

  /** Applies every event due by `now`; returns how many were applied. */
  advance(store: ZendeskTicketStore, now: Date, decorate: (t: ZendeskTicket) => ZendeskTicket): number {
    const due = Math.floor((now.getTime() - this.options.epoch.getTime()) / this.options.everyMs);
    let applied = 0;
    while (this.#applied < due) {
      this.#applied += 1;
      const at = this.options.epoch.getTime() + this.#applied * this.options.everyMs;
      this.#apply(store, new SeededRandom(this.options.seed * 7919 + this.#applied), at, decorate);
      applied += 1;
    }
    return applied;
  }

  #apply(store: ZendeskTicketStore, random: SeededRandom, at: number, decorate: (t: ZendeskTicket) => ZendeskTicket): void {
    const roll = random.next();
    const pickWith = (statuses: string[]) => {
      const ids = store.ids().filter((id) => statuses.includes(store.get(id)!.status)).sort((a, b) => a - b);
      return ids.length ? store.get(random.pick(ids.slice(-200)))! : null;
    };
    const change = (ticket: ZendeskTicket | null, patch: Partial<ZendeskTicket>) => {
      if (!ticket) return;
      store.put(decorate({ ...ticket, ...patch, updated_at: isoSeconds(at), generated_timestamp: Math.floor(at / 1000) }));
    };
    if (roll < 0.45) {
      const status = random.weighted([['new', 3], ['open', 5], ['solved', 2]] as const);
      store.put(decorate(makeTicket(random, this.#nextId++, at, at, status)));
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

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
