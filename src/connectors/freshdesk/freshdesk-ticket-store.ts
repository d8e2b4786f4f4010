import { sortedIndex } from '../simulation/sorted-index.js';
import type { FreshdeskWireTicket } from './freshdesk-seed.js';

/** The three lists Freshdesk keeps apart: live tickets, the trash (`filter=deleted`) and spam. */
export type TicketView = 'tickets' | 'deleted' | 'spam';

interface Position {
  ms: number;
  id: number;
}

const compare = (a: Position, b: Position) => a.ms - b.ms || a.id - b.id;

export function viewOf(ticket: FreshdeskWireTicket): TicketView {
  return ticket.deleted ? 'deleted' : ticket.spam ? 'spam' : 'tickets';
}

/**
 * The simulator's tickets, each list kept in (updated_at, id) order, so a list by `updated_since`
 * ascending is a binary search and a slice. A change moves a ticket to the end of its list, and
 * out of it when it is deleted or marked spam — which is what shifts later tickets up a page.
 */
export class FreshdeskTicketStore {
  readonly #byId = new Map<number, FreshdeskWireTicket>();
  /** Each ticket's JSON with its stats, made once per change. */
  readonly #json = new Map<number, string>();
  readonly #order: Record<TicketView, Position[]> = { tickets: [], deleted: [], spam: [] };
  /** Ids in creation order (ascending), for picking recent tickets. */
  readonly #ids: number[] = [];

  get size(): number {
    return this.#byId.size;
  }

  get(id: number): FreshdeskWireTicket | undefined {
    return this.#byId.get(id);
  }

  all(): IterableIterator<FreshdeskWireTicket> {
    return this.#byId.values();
  }

  count(view: TicketView): number {
    return this.#order[view].length;
  }

  /** The JSON of a ticket as the list sends it: with `stats` only when asked for. */
  json(ticket: FreshdeskWireTicket, withStats: boolean): string {
    if (!withStats) {
      const { stats: _stats, ...rest } = ticket;
      return JSON.stringify(rest);
    }
    let text = this.#json.get(ticket.id);
    if (text === undefined) {
      text = JSON.stringify(ticket);
      this.#json.set(ticket.id, text);
    }
    return text;
  }

  put(ticket: FreshdeskWireTicket): void {
    const previous = this.#byId.get(ticket.id);
    if (previous) {
      const list = this.#order[viewOf(previous)];
      list.splice(this.#indexOf(list, { ms: Date.parse(previous.updated_at), id: previous.id }), 1);
    } else {
      const last = this.#ids[this.#ids.length - 1];
      if (last === undefined || last < ticket.id) this.#ids.push(ticket.id);
      else this.#ids.splice(sortedIndex(this.#ids, ticket.id), 0, ticket.id);
    }
    this.#byId.set(ticket.id, ticket);
    this.#json.delete(ticket.id);
    const list = this.#order[viewOf(ticket)];
    const position = { ms: Date.parse(ticket.updated_at), id: ticket.id };
    const tail = list[list.length - 1];
    if (!tail || compare(tail, position) < 0) list.push(position);
    else list.splice(this.#firstAfter(list, position), 0, position);
  }

  /** Tickets of one list updated at or after `sinceMs`, ascending, skipping `offset`; `more` says whether others follow. */
  page(view: TicketView, sinceMs: number, offset: number, limit: number, visible: (t: FreshdeskWireTicket) => boolean): { tickets: FreshdeskWireTicket[]; more: boolean } {
    const list = this.#order[view];
    const tickets: FreshdeskWireTicket[] = [];
    let skipped = 0;
    for (let index = this.#firstAfter(list, { ms: sinceMs, id: -1 }); index < list.length; index += 1) {
      const ticket = this.#byId.get(list[index]!.id)!;
      if (!visible(ticket)) continue;
      if (skipped < offset) skipped += 1;
      else if (tickets.length < limit) tickets.push(ticket);
      else return { tickets, more: true };
    }
    return { tickets, more: false };
  }

  /** Every ticket of one list, for the orders and filters the simulator does not index. */
  list(view: TicketView): FreshdeskWireTicket[] {
    return this.#order[view].map((p) => this.#byId.get(p.id)!);
  }

  /** Up to `limit` of the most recently created tickets that match. */
  recent(match: (t: FreshdeskWireTicket) => boolean, limit: number): FreshdeskWireTicket[] {
    const found: FreshdeskWireTicket[] = [];
    for (let i = this.#ids.length - 1; i >= 0 && found.length < limit; i -= 1) {
      const ticket = this.#byId.get(this.#ids[i]!)!;
      if (match(ticket)) found.push(ticket);
    }
    return found;
  }

  #firstAfter(list: Position[], position: Position): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(list[mid]!, position) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #indexOf(list: Position[], position: Position): number {
    const index = this.#firstAfter(list, position) - 1;
    if (index < 0 || compare(list[index]!, position) !== 0) throw new Error(`ticket ${position.id} is missing from its list order`);
    return index;
  }
}
