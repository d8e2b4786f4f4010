import type { Clock, MappedRecord, ReadFrom, SourcePage } from '../../core/ports.js';
import { assertPageContract } from '../page-contract.js';
import type { GenesysApi } from './genesys-api.js';
import { readGenesysCheckpoint, writeGenesysCheckpoint } from './genesys-checkpoint.js';
import { MAX_REQUERY_DAYS } from './genesys-connection.js';
import { queryConversations, startOfDay, type QueryPosition } from './genesys-details-query.js';
import { GENESYS_NAME } from './genesys-profile.js';

const DAY_MS = 86_400_000;

/** Maps one answer's conversations (loading wrap-up names when first needed). */
export type MapConversations = (conversations: unknown[], signal?: AbortSignal) => Promise<MappedRecord[]>;

/**
 * A scheduled run: the synchronous details query from the checkpoint to now, then a checkpoint
 * `requeryDays` behind now for the next run — the interval selects conversations by the day they
 * started, so one that ends later is only seen again by querying its start day again. A
 * conversation still active (no `conversationEnd`) moves that start back to its own day (at most
 * MAX_REQUERY_DAYS), so it is read again once it ends.
 */
export async function* readScheduled(api: GenesysApi, map: MapConversations, clock: Clock, from: ReadFrom, requeryDays: number, signal?: AbortSignal): AsyncGenerator<SourcePage> {
  const saved = from.checkpoint ? readGenesysCheckpoint(from.checkpoint) : null;
  // A backfill's checkpoint is never the integration's; should one be found, its range's start is a safe place to begin.
  const start: QueryPosition = saved?.mode === 'query' ? saved.at : { since: new Date(startOfDay(saved?.mode === 'job' ? Date.parse(saved.from) : from.startDate.getTime())).toISOString() };
  let active = saved?.mode === 'query' ? saved.active : undefined;
  const now = clock.now();
  const restartAt = () => {
    const floor = startOfDay(now.getTime() - MAX_REQUERY_DAYS * DAY_MS);
    const requery = startOfDay(now.getTime() - requeryDays * DAY_MS);
    return Math.max(floor, Math.min(requery, active ? startOfDay(Date.parse(active)) : requery));
  };
  for await (const { conversations, next } of queryConversations(api, start, now, signal, restartAt())) {
    const records = await map(conversations, signal);
    assertPageContract(records, GENESYS_NAME, 'conversation');
    for (const record of records) {
      if (record.ok && record.contact.status === 'open' && (!active || record.contact.createdAt < active)) active = record.contact.createdAt;
    }
    if (next) {
      yield { records, checkpoint: writeGenesysCheckpoint({ v: 1, mode: 'query', at: next, ...(active ? { active } : {}) }) };
      continue;
    }
    yield { records, checkpoint: writeGenesysCheckpoint({ v: 1, mode: 'query', at: { since: new Date(restartAt()).toISOString() } }), reachedAt: now.toISOString() };
  }
}
