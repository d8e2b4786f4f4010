import type { Clock, MappedRecord, ReadFrom, SourcePage } from '../../core/ports.js';
import { assertPageContract } from '../page-contract.js';
import type { IntercomApi } from './intercom-api.js';
import { readIntercomCheckpoint, writeIntercomCheckpoint, type IntercomCheckpoint } from './intercom-checkpoint.js';
import { intercomContractError } from './intercom-contract-error.js';
import { mapIntercomConversation } from './intercom-mapping.js';
import { intercomConversationListSchema } from './intercom-wire.js';

export interface IncrementalReadTuning {
  /** Conversations per search page (Intercom's maximum is 150). */
  pageSize: number;
  /** A window with more conversations than this is narrowed first, so a crash re-reads at most this many. */
  maxWindow: number;
  /** Changes younger than this are left for the next run: the search index trails writes. */
  settleSeconds: number;
  /** Beyond this many conversations sharing the last second, the boundary is passed instead of remembered. */
  maxBoundary: number;
}

export const DEFAULT_READ_TUNING: IncrementalReadTuning = { pageSize: 150, maxWindow: 30_000, settleSeconds: 120, maxBoundary: 1_000 };

type SearchPage = { conversations: unknown[]; total_count?: number; pages?: { next?: { starting_after: string } | null } | null };

/**
 * Reads changed conversations through POST /conversations/search, in closed windows of updated_at.
 * The order of search results is undocumented, so nothing here depends on it: a window
 * [since, until) is read to its last page before the checkpoint moves past it, and a run that
 * stops inside a window reads that window again (re-reading is harmless: the ledger dedups).
 */
export async function* readIntercomPages(api: IntercomApi, clock: Clock, from: ReadFrom, tuning: IncrementalReadTuning, signal?: AbortSignal): AsyncGenerator<SourcePage> {
  let checkpoint: IntercomCheckpoint = from.checkpoint
    ? readIntercomCheckpoint(from.checkpoint)
    : { v: 1, since: Math.max(0, Math.floor(from.startDate.getTime() / 1000)), skip: [] };
  const target = Math.floor(clock.now().getTime() / 1000) - tuning.settleSeconds;
  for (;;) {
    const until = checkpoint.until ?? target;
    if (until <= checkpoint.since) return;
    const { next, until: readUntil } = yield* readWindow(api, checkpoint, until, until >= target, tuning, signal);
    if (readUntil >= target) return;
    checkpoint = next;
  }
}

async function* readWindow(
  api: IntercomApi,
  from: IntercomCheckpoint,
  requestedUntil: number,
  reachesTarget: boolean,
  tuning: IncrementalReadTuning,
  signal?: AbortSignal,
): AsyncGenerator<SourcePage, { next: IntercomCheckpoint; until: number }> {
  const { since } = from;
  let until = requestedUntil;
  let page = await search(api, since, until, tuning.pageSize, undefined, signal);
  // Narrow a window too large to re-read cheaply, assuming changes spread evenly over it.
  while (page.total_count !== undefined && page.total_count > tuning.maxWindow && until - since > 1) {
    until = since + Math.max(1, Math.floor(((until - since) * tuning.maxWindow) / page.total_count));
    page = await search(api, since, until, tuning.pageSize, undefined, signal);
  }
  const isFinal = reachesTarget && until === requestedUntil;
  const reached = Math.max(since, from.reached ?? 0);
  const skip = new Set(from.skip);
  const seen = new Set<string>();
  let maxSeen: number | undefined;
  let atMax: string[] = [];

  for (;;) {
    const records: MappedRecord[] = [];
    for (const raw of page.conversations) {
      const id = rawId(raw);
      const updatedAt = rawUpdatedAt(raw);
      if (updatedAt !== null) {
        // The query's bounds are widened by a second each way (whether > and < include their value
        // is not certain); the window itself is exactly [since, until).
        if (updatedAt < since || updatedAt >= until) continue;
        if (updatedAt === since && id !== null && skip.has(id)) continue;
      }
      if (id !== null) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      if (updatedAt !== null && id !== null) {
        if (maxSeen === undefined || updatedAt > maxSeen) [maxSeen, atMax] = [updatedAt, []];
        if (updatedAt === maxSeen) atMax.push(id);
      }
      records.push(mapIntercomConversation(raw));
    }
    assertPageContract(records, 'Intercom', 'conversation');
    const cursor = page.pages?.next?.starting_after;
    if (cursor) {
      const inWindow: IntercomCheckpoint = { v: 1, since, skip: from.skip, until, ...(from.reached !== undefined ? { reached: from.reached } : {}) };
      if (records.length > 0) yield { records, checkpoint: writeIntercomCheckpoint(inWindow), reachedAt: iso(reached) };
      page = await search(api, since, until, tuning.pageSize, cursor, signal);
      continue;
    }
    const next = afterWindow(from, until, isFinal, maxSeen, atMax, tuning.maxBoundary);
    yield { records, checkpoint: writeIntercomCheckpoint(next), reachedAt: iso(next.reached!) };
    return { next, until };
  }
}

/**
 * Where the next window starts. An inner window ends exactly at its upper bound. The last one
 * (up to now, less the settle time) moves only to the largest updated_at it saw — Intercom's clock,
 * not ours — remembering the conversations at that second so they are not delivered again.
 */
function afterWindow(from: IntercomCheckpoint, until: number, isFinal: boolean, maxSeen: number | undefined, atMax: string[], maxBoundary: number): IntercomCheckpoint {
  const reached = Math.max(until, from.reached ?? 0);
  if (!isFinal) return { v: 1, since: until, skip: [], reached };
  if (maxSeen === undefined) return { v: 1, since: from.since, skip: from.skip, reached };
  const boundary = maxSeen === from.since ? [...new Set([...from.skip, ...atMax])] : atMax;
  // That many changes in one second were all read, long enough ago to be settled: step past them.
  if (boundary.length > maxBoundary) return { v: 1, since: maxSeen + 1, skip: [], reached };
  return { v: 1, since: maxSeen, skip: boundary, reached };
}

async function search(api: IntercomApi, since: number, until: number, perPage: number, cursor: string | undefined, signal?: AbortSignal): Promise<SearchPage> {
  const response = await api.post(
    '/conversations/search',
    {
      query: {
        operator: 'AND',
        value: [
          { field: 'updated_at', operator: '>', value: Math.max(0, since - 1) },
          { field: 'updated_at', operator: '<', value: until },
        ],
      },
      pagination: { per_page: perPage, ...(cursor ? { starting_after: cursor } : {}) },
    },
    signal,
  );
  const parsed = intercomConversationListSchema.safeParse(response.body);
  if (!parsed.success) throw intercomContractError(parsed.error.issues[0], 'conversation search');
  return parsed.data;
}

function rawId(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : null;
}

function rawUpdatedAt(raw: unknown): number | null {
  const value = (raw as { updated_at?: unknown } | null)?.updated_at;
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
