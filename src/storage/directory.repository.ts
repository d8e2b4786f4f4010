import { sql, type Kysely } from 'kysely';
import type { Directory, DirectoryItem, DirectoryKind } from '../core/directory.js';
import type { SettingsProblem } from '../core/settings-problems.js';
import { fromJson, toJson } from './json-column.js';
import type { Database } from './schema.js';

/** What a source listed in one read: only the kinds present were read. */
export interface ListedDirectory {
  agents?: ReadonlyArray<{ id: string; name: string; detail?: string | null }>;
  customFields?: ReadonlyArray<{ id: string; name: string; detail?: string | null }>;
}

/** Enough rows per insert to be quick, few enough for any engine's limit on bound parameters. */
const CHUNK = 200;

export async function readDirectory(db: Kysely<Database>, integrationId: string): Promise<Directory> {
  const [rows, refresh] = await Promise.all([
    db.selectFrom('directory_entries').selectAll().where('integration_id', '=', integrationId).orderBy('kind').orderBy('name').orderBy('source_id').execute(),
    db.selectFrom('directory_refreshes').selectAll().where('integration_id', '=', integrationId).executeTakeFirst(),
  ]);
  const items: DirectoryItem[] = rows.map((row) => ({
    kind: row.kind as DirectoryKind,
    id: row.source_id,
    name: row.name,
    detail: row.detail,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    goneAt: row.gone_at,
  }));
  return {
    items,
    kinds: fromJson<DirectoryKind[]>(refresh?.kinds, []),
    refreshedAt: refresh?.refreshed_at ?? null,
    attemptedAt: refresh?.attempted_at ?? null,
    error: fromJson<Directory['error']>(refresh?.error, null),
  };
}

/** The agents the workspace's directories list under this name (any case), per integration. */
export async function findAgentIdsByName(db: Kysely<Database>, workspaceId: string, name: string): Promise<Array<{ integrationId: string; agentId: string }>> {
  const rows = await db
    .selectFrom('directory_entries')
    .innerJoin('integrations', 'integrations.id', 'directory_entries.integration_id')
    .select(['directory_entries.integration_id', 'directory_entries.source_id'])
    .where('integrations.workspace_id', '=', workspaceId)
    .where('directory_entries.kind', '=', 'agent')
    .where(sql<boolean>`lower(directory_entries.name) = ${name.trim().toLowerCase()}`)
    .limit(1000)
    .execute();
  return rows.map((r) => ({ integrationId: r.integration_id, agentId: r.source_id }));
}

/**
 * Records a successful read: what is listed is upserted (a name or detail that changed is
 * updated, one that came back is no longer gone), what is not listed any more is marked gone —
 * kept, so a filter naming it can say what it was. In one transaction.
 */
export async function saveDirectory(db: Kysely<Database>, integrationId: string, listed: ListedDirectory, now: Date): Promise<void> {
  const at = now.toISOString();
  const byKind: Array<[DirectoryKind, ListedDirectory['agents']]> = [
    ['agent', listed.agents],
    ['custom_field', listed.customFields],
  ];
  const kinds = byKind.filter(([, entries]) => entries !== undefined).map(([kind]) => kind);
  await db.transaction().execute(async (trx) => {
    for (const [kind, entries] of byKind) {
      if (!entries) continue;
      // A source may list an id twice (pages that overlap): the last listing wins.
      const unique = [...new Map(entries.map((e) => [e.id, e])).values()];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const rows = unique.slice(i, i + CHUNK).map((e) => ({
          integration_id: integrationId,
          kind,
          source_id: e.id,
          name: e.name,
          detail: e.detail ?? null,
          first_seen_at: at,
          last_seen_at: at,
          gone_at: null,
        }));
        await trx
          .insertInto('directory_entries')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['integration_id', 'kind', 'source_id']).doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              detail: eb.ref('excluded.detail'),
              last_seen_at: eb.ref('excluded.last_seen_at'),
              gone_at: null,
            })),
          )
          .execute();
      }
      const listedIds = new Set(unique.map((e) => e.id));
      const stored = await trx.selectFrom('directory_entries').select('source_id').where('integration_id', '=', integrationId).where('kind', '=', kind).where('gone_at', 'is', null).execute();
      const gone = stored.map((r) => r.source_id).filter((id) => !listedIds.has(id));
      for (let i = 0; i < gone.length; i += CHUNK) {
        await trx
          .updateTable('directory_entries')
          .set({ gone_at: at })
          .where('integration_id', '=', integrationId)
          .where('kind', '=', kind)
          .where('source_id', 'in', gone.slice(i, i + CHUNK))
          .execute();
      }
    }
    const refresh = { attempted_at: at, refreshed_at: at, kinds: toJson(kinds), error: null };
    await trx
      .insertInto('directory_refreshes')
      .values({ integration_id: integrationId, ...refresh })
      .onConflict((oc) => oc.column('integration_id').doUpdateSet(refresh))
      .execute();
  });
}

/** Records a failed read: the cached directory stays as it was. */
export async function recordDirectoryFailure(db: Kysely<Database>, integrationId: string, error: { category: string; message: string }, now: Date): Promise<void> {
  const values = { attempted_at: now.toISOString(), error: toJson(error) };
  await db
    .insertInto('directory_refreshes')
    .values({ integration_id: integrationId, refreshed_at: null, kinds: toJson([]), ...values })
    .onConflict((oc) => oc.column('integration_id').doUpdateSet(values))
    .execute();
}

export async function saveSettingsProblems(db: Kysely<Database>, integrationId: string, problems: readonly SettingsProblem[]): Promise<void> {
  await db.updateTable('integrations').set({ settings_problems: toJson(problems) }).where('id', '=', integrationId).execute();
}

