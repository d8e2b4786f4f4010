import type { ZendeskTicket } from './zendesk-wire.js';

/** A position in the export's order: after (generated_timestamp, id). */
export interface ExportPosition {
  gts: number;
  id: number;
}

const compare = (a: ExportPosition, b: ExportPosition) => a.gts - b.gts || a.id - b.id;

/**
 * The simulator's tickets, kept in the export's order (generated_timestamp, then id). A change
 * moves a ticket to the end, which is how the real export makes a changed ticket show up again.
 */
export class ZendeskTicketStore {
  readonly #byId = new Map<number, ZendeskTicket>();
  /** Each ticket's JSON, made once per change: serving a page is then string joining. */
  readonly #json = new Map<number, string>();
  /** Sorted by (gts, id). */
  readonly #order: ExportPosition[] = [];

  get size(): number {
    return this.#byId.size;
  }

  get(id: number): ZendeskTicket | undefined {
    return this.#byId.get(id);
  }

  ids(): number[] {
    return [...this.#byId.keys()];
  }

  all(): IterableIterator<ZendeskTicket> {
    return this.#byId.values();
  }

  json(ticket: ZendeskTicket): string {
    let text = this.#json.get(ticket.id);
    if (text === undefined) {
      text = JSON.stringify(ticket);
      this.#json.set(ticket.id, text);
    }
    return text;
  }

  put(ticket: ZendeskTicket): void {
    const previous = this.#byId.get(ticket.id);
    if (previous) this.#order.splice(this.#indexOf({ gts: previous.generated_timestamp, id: previous.id }), 1);
    this.#byId.set(ticket.id, ticket);
    this.#json.delete(ticket.id);
    const position = { gts: ticket.generated_timestamp, id: ticket.id };
    const last = this.#order[this.#order.length - 1];
    // Seeding and live changes append in order: keep that O(1).
    if (!last || compare(last, position) < 0) this.#order.push(position);
    else this.#order.splice(this.#firstAfter(position), 0, position);
  }

  /**
   * Up to `limit` tickets after `after`, none changed later than `visibleUntil` (unix seconds);
   * `more` tells whether further visible tickets follow.
   */
  page(after: ExportPosition, limit: number, visibleUntil: number, skip?: (t: ZendeskTicket) => boolean): { tickets: ZendeskTicket[]; last: ExportPosition; more: boolean } {
    const tickets: ZendeskTicket[] = [];
    let last = after;
    let index = this.#firstAfter(after);
    for (; index < this.#order.length && tickets.length < limit; index += 1) {
      const position = this.#order[index]!;
      if (position.gts > visibleUntil) break;
      last = position;
      const ticket = this.#byId.get(position.id)!;
      if (!skip?.(ticket)) tickets.push(ticket);
    }
    const next = this.#order[index];
    return { tickets, last, more: next !== undefined && next.gts <= visibleUntil };
  }

  #firstAfter(position: ExportPosition): number {
    let lo = 0;
    let hi = this.#order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.#order[mid]!, position) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #indexOf(position: ExportPosition): number {
    const index = this.#firstAfter(position) - 1;
    if (index < 0 || compare(this.#order[index]!, position) !== 0) throw new Error(`ticket ${position.id} is missing from the export order`);
    return index;
  }
}

/** Opaque to clients, like Zendesk's; encodes the export position. */
export function encodeCursor(position: ExportPosition): string {
  return Buffer.from(`${position.gts}.0||${position.id}|`).toString('base64url');
}

export function decodeCursor(cursor: string): ExportPosition | null {
  const match = /^(\d+)\.0\|\|(\d+)\|$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { gts: Number(match[1]), id: Number(match[2]) } : null;
}
