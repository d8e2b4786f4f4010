import { SourceError } from '../../core/source-error.js';
import type { GenesysApi } from './genesys-api.js';
import { GENESYS_NAME } from './genesys-profile.js';
import { genesysQueryResponseSchema } from './genesys-wire.js';

export const DETAILS_QUERY_PATH = '/api/v2/analytics/conversations/details/query';
const DAY_MS = 86_400_000;
/** The largest page the details query serves. */
export const QUERY_PAGE_SIZE = 100;

/** Where a sweep of the details query stands: the window [since, windowEnd) and its next page. */
export interface QueryPosition {
  since: string;
  windowEnd?: string;
  page?: number;
  /** The page size the service served on the window's first page (it may serve fewer than asked). */
  size?: number;
}

export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Reads every conversation that started in [start.since, end) with the synchronous details query:
 * one interval, paged by number until `totalHits` (the interval is kept while paging, so a read
 * resumed in a later run pages the same result set, then reads on from its end). The interval
 * selects conversations that started on a day it touches. Yields each answer's conversations with
 * the position after it (null once `end` is reached). A resumed interval that ends before `end` is
 * followed by one from `restartAt` (the re-query window), so what changed meanwhile is read too.
 */
export async function* queryConversations(api: GenesysApi, start: QueryPosition, end: Date, signal?: AbortSignal, restartAt?: number): AsyncGenerator<{ conversations: unknown[]; next: QueryPosition | null }> {
  let since = Date.parse(start.since);
  let windowEnd = start.windowEnd ? Date.parse(start.windowEnd) : null;
  let page = start.page ?? 1;
  let size = start.size ?? QUERY_PAGE_SIZE;
  const endMs = end.getTime();
  while (since < endMs) {
    // One interval to the end: no maximum length is documented (docs/platforms/genesys.md).
    const until = windowEnd ?? endMs;
    const interval = `${new Date(since).toISOString()}/${new Date(until).toISOString()}`;
    const response = await api.post(DETAILS_QUERY_PATH, { interval, order: 'asc', orderBy: 'conversationStart', paging: { pageSize: QUERY_PAGE_SIZE, pageNumber: page } }, signal);
    const parsed = genesysQueryResponseSchema.safeParse(response.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new SourceError('api_changed', `${GENESYS_NAME}'s conversation details query answered in a shape Intake does not know (\`${issue.path.join('.') || 'body'}\`: ${issue.message}). Nothing from it was written. Contact support with this run id.`, {
        path: DETAILS_QUERY_PATH,
        field: issue.path.join('.'),
      });
    }
    const conversations = parsed.data.conversations ?? [];
    // The service may serve smaller pages than asked: page numbers count its pages.
    if (page === 1) size = conversations.length;
    const more = conversations.length > 0 && (page - 1) * size + conversations.length < parsed.data.totalHits;
    let next: QueryPosition | null;
    if (more) {
      next = { since: new Date(since).toISOString(), windowEnd: new Date(until).toISOString(), page: page + 1, size };
    } else {
      next = until >= endMs ? null : { since: new Date(Math.min(until, restartAt ?? until)).toISOString() };
    }
    yield { conversations, next };
    if (!next) return;
    since = Date.parse(next.since);
    windowEnd = next.windowEnd ? Date.parse(next.windowEnd) : null;
    page = next.page ?? 1;
    size = next.size ?? QUERY_PAGE_SIZE;
  }
}
