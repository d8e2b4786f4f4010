import type { Kysely } from 'kysely';
import { fromJson, toJson } from './json-column.js';
import type { Database } from './schema.js';

export type HistoryKind = 'created' | 'settings' | 'name' | 'connection' | 'credentials' | 'reconnect';

export interface HistoryEntry {
  id: number;
  integrationId: string;
  at: string;
  actor: string;
  kind: HistoryKind;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
}

export async function insertHistory(
  db: Kysely<Database>,
  entry: { workspaceId: string; integrationId: string; at: Date; actor: string; kind: HistoryKind; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; note?: string | null },
): Promise<void> {
  await db
    .insertInto('integration_history')
    .values({
      workspace_id: entry.workspaceId,
      integration_id: entry.integrationId,
      at: entry.at.toISOString(),
      actor: entry.actor,
      kind: entry.kind,
      before: entry.before ? toJson(entry.before) : null,
      after: entry.after ? toJson(entry.after) : null,
      note: entry.note ?? null,
    })
    .execute();
}

/** Oldest first; optionally within [from, to). */
export async function listHistory(db: Kysely<Database>, integrationId: string, range: { from?: string; to?: string } = {}): Promise<HistoryEntry[]> {
  let query = db.selectFrom('integration_history').selectAll().where('integration_id', '=', integrationId);
  if (range.from) query = query.where('at', '>=', range.from);
  if (range.to) query = query.where('at', '<', range.to);
  const rows = await query.orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    integrationId: row.integration_id,
    at: row.at,
    actor: row.actor,
    kind: row.kind as HistoryKind,
    before: fromJson(row.before, null),
    after: fromJson(row.after, null),
    note: row.note,
  }));
}

export async function setBackfillHint(db: Kysely<Database>, integrationId: string, hint: unknown): Promise<void> {
  await db.updateTable('integrations').set({ backfill_hint: hint ? toJson(hint) : null }).where('id', '=', integrationId).execute();
}
