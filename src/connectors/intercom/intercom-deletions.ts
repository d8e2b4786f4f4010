import { SourceError } from '../../core/source-error.js';
import type { IntercomApi } from './intercom-api.js';
import { intercomContractError } from './intercom-contract-error.js';
import { intercomConversationListSchema } from './intercom-wire.js';

/** Ids asked about per search: one full page answers a batch. */
const BATCH = 150;
/** If Intercom refuses a long IN list, smaller batches still work (one group holds at most 15 filters). */
const FALLBACK_BATCH = 15;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Deleted conversations simply vanish from Intercom (no marker, no feed). Given the references
 * Intake holds, asks search which of each batch still exist (`id IN [...]`): one request per 150
 * known conversations, whatever the size of the workspace. A reference search does not return is
 * confirmed with GET /conversations/{id} before it is reported, so a lagging index never deletes.
 */
export async function* findDeletedConversations(api: IntercomApi, known: readonly string[], signal?: AbortSignal): AsyncGenerator<string[]> {
  const ids = [...new Set(known.filter((id) => ID_PATTERN.test(id)))];
  let batchSize = BATCH;
  for (let start = 0; start < ids.length; ) {
    const batch = ids.slice(start, start + batchSize);
    let present: Set<string>;
    try {
      present = await existing(api, batch, signal);
    } catch (error) {
      if (batchSize > FALLBACK_BATCH && error instanceof SourceError && error.detail.status === 400) {
        batchSize = FALLBACK_BATCH;
        continue;
      }
      throw error;
    }
    start += batch.length;
    const gone: string[] = [];
    for (const id of batch) if (!present.has(id) && (await isGone(api, id, signal))) gone.push(id);
    if (gone.length > 0) yield gone;
  }
}

async function existing(api: IntercomApi, batch: string[], signal?: AbortSignal): Promise<Set<string>> {
  const present = new Set<string>();
  let cursor: string | undefined;
  do {
    const response = await api.post(
      '/conversations/search',
      { query: { field: 'id', operator: 'IN', value: batch }, pagination: { per_page: BATCH, ...(cursor ? { starting_after: cursor } : {}) } },
      signal,
    );
    const page = intercomConversationListSchema.safeParse(response.body);
    if (!page.success) throw intercomContractError(page.error.issues[0], 'conversation search');
    for (const conversation of page.data.conversations) {
      const id = (conversation as { id?: unknown } | null)?.id;
      if (typeof id === 'string' || typeof id === 'number') present.add(String(id));
    }
    cursor = page.data.pages?.next?.starting_after;
  } while (cursor);
  return present;
}

async function isGone(api: IntercomApi, id: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await api.get(`/conversations/${encodeURIComponent(id)}`, {}, signal);
    return false;
  } catch (error) {
    if (isConversationNotFound(error)) return true;
    throw error;
  }
}

/** A 404 in Intercom's own error.list: the workspace answered, and it has no such conversation. */
export function isConversationNotFound(error: unknown): boolean {
  return error instanceof SourceError && error.detail.status === 404 && error.detail.platformCode === 'not_found';
}
