import type { AircallWireCall } from './aircall-seed.js';

interface Position {
  started: number;
  id: number;
}

const before = (a: Position, b: Position) => a.started < b.started || (a.started === b.started && a.id < b.id);

/**
 * The simulator's calls in (started_at, id) order — a call's creation time never changes — so a
 * list by `from`/`to` is two binary searches and a slice.
 */
export class AircallCallStore {
  readonly #byId = new Map<number, AircallWireCall>();
  readonly #order: Position[] = [];

  get size(): number {
    return this.#byId.size;
  }

  get(id: number): AircallWireCall | undefined {
    return this.#byId.get(id);
  }

  all(): AircallWireCall[] {
    return this.#order.map((p) => this.#byId.get(p.id)!);
  }

  /** The most recently started calls, newest last. */
  recent(count: number): AircallWireCall[] {
    return this.#order.slice(-count).map((p) => this.#byId.get(p.id)!);
  }

  put(call: AircallWireCall): void {
    const known = this.#byId.get(call.id);
    if (known && known.started_at !== call.started_at) throw new Error(`call ${call.id}: started_at never changes`);
    this.#byId.set(call.id, call);
    if (!known) this.#order.splice(this.#lowerBound({ started: call.started_at, id: call.id }), 0, { started: call.started_at, id: call.id });
  }

  /** Calls started within [from, to] (unix seconds, both included), oldest first (or newest with `desc`). */
  range(from: number, to: number, desc = false): { total: number; slice(offset: number, limit: number): AircallWireCall[] } {
    const lo = this.#lowerBound({ started: from, id: -Infinity });
    const hi = this.#lowerBound({ started: to + 1, id: -Infinity });
    const total = Math.max(0, hi - lo);
    return {
      total,
      slice: (offset, limit) => {
        const positions = desc ? this.#order.slice(Math.max(lo, hi - offset - limit), Math.max(lo, hi - offset)).reverse() : this.#order.slice(lo + offset, Math.min(hi, lo + offset + limit));
        return positions.map((p) => this.#byId.get(p.id)!);
      },
    };
  }

  #lowerBound(target: Position): number {
    let lo = 0;
    let hi = this.#order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.#order[mid]!, target)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
