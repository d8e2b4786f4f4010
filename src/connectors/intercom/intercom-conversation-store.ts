import type { ConversationPredicate } from './intercom-search-query.js';
import type { SimConversation } from './intercom-seed.js';

/**
 * The order search results come in. Intercom does not document it, so the simulator can serve
 * any: a client must not depend on it.
 */
export type ResultOrder = 'updated_desc' | 'updated_asc' | 'created_asc' | 'shuffled';
export const RESULT_ORDERS: readonly ResultOrder[] = ['updated_desc', 'updated_asc', 'created_asc', 'shuffled'];

type SortKey = [number, string];

/** Descending order as an ascending key that stays positive (cursors then start "Wz…" like Intercom's). */
const DESCENDING_FROM = 4_102_444_800;

function sortKey(c: SimConversation, order: ResultOrder): SortKey {
  switch (order) {
    case 'updated_desc':
      return [DESCENDING_FROM - c.updated_at, c.id];
    case 'updated_asc':
      return [c.updated_at, c.id];
    case 'created_asc':
      return [c.created_at, c.id];
    default:
      return [hash(c.id), c.id];
  }
}

const compareKeys = (a: SortKey, b: SortKey) => a[0] - b[0] || (a[1].length - b[1].length) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** A stable pseudo-random position for an id (FNV-1a). */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Cursors are base64 of a JSON array (Intercom's look like `WzE3…`, base64 for `[…`): the sort key of
 * the last conversation served and the page number. Positional by key, not by offset, so a
 * conversation that leaves the result set while a client pages never makes it skip another.
 */
export function encodeCursor(key: SortKey, page: number): string {
  return Buffer.from(JSON.stringify([...key, page])).toString('base64');
}

export function decodeCursor(cursor: string): { key: SortKey; page: number } | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && typeof parsed[0] === 'number' && typeof parsed[1] === 'string' && Number.isInteger(parsed[2])) {
      return { key: [parsed[0], parsed[1]], page: parsed[2] as number };
    }
  } catch {
    // reported as null
  }
  return null;
}

export interface ResultPage {
  conversations: SimConversation[];
  total: number;
  page: number;
  next: string | null;
}

/** The simulator's conversations; results of one query are kept while the data does not change. */
export class IntercomConversationStore {
  readonly #byId = new Map<string, SimConversation>();
  readonly #json = new Map<string, string>();
  #revision = 0;
  #cache: { query: string; revision: number; sorted: Array<{ key: SortKey; conversation: SimConversation }> } | null = null;

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): SimConversation | undefined {
    return this.#byId.get(id);
  }

  ids(): string[] {
    return [...this.#byId.keys()];
  }

  all(): IterableIterator<SimConversation> {
    return this.#byId.values();
  }

  put(conversation: SimConversation): void {
    this.#byId.set(conversation.id, conversation);
    this.#json.delete(conversation.id);
    this.#revision += 1;
  }

  delete(id: string): boolean {
    this.#json.delete(id);
    this.#revision += 1;
    return this.#byId.delete(id);
  }

  /** Each conversation's JSON, made once per change: serving a page is then string joining. */
  json(conversation: SimConversation): string {
    let text = this.#json.get(conversation.id);
    if (text === undefined) {
      text = JSON.stringify(conversation);
      this.#json.set(conversation.id, text);
    }
    return text;
  }

  /** One page of the conversations matching `predicate`, in `order`, after `cursor`. */
  page(queryKey: string, predicate: ConversationPredicate, order: ResultOrder, perPage: number, cursor: { key: SortKey; page: number } | null, overlap = 0): ResultPage {
    const cacheKey = `${order}:${queryKey}`;
    if (!this.#cache || this.#cache.query !== cacheKey || this.#cache.revision !== this.#revision) {
      const sorted: Array<{ key: SortKey; conversation: SimConversation }> = [];
      for (const conversation of this.#byId.values()) if (predicate(conversation)) sorted.push({ key: sortKey(conversation, order), conversation });
      sorted.sort((a, b) => compareKeys(a.key, b.key));
      this.#cache = { query: cacheKey, revision: this.#revision, sorted };
    }
    const { sorted } = this.#cache;
    let start = 0;
    if (cursor) {
      let hi = sorted.length;
      while (start < hi) {
        const mid = (start + hi) >>> 1;
        if (compareKeys(sorted[mid]!.key, cursor.key) <= 0) start = mid + 1;
        else hi = mid;
      }
    }
    if (cursor) start = Math.max(0, start - overlap);
    const slice = sorted.slice(start, start + perPage);
    const page = (cursor?.page ?? 0) + 1;
    const more = start + perPage < sorted.length;
    return { conversations: slice.map((s) => s.conversation), total: sorted.length, page, next: more ? encodeCursor(slice.at(-1)!.key, page) : null };
  }
}
