import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fromJson, toJson } from './json-column.js';
import type { Database, WorkspaceRow } from './schema.js';

export type FeatureFlags = Record<string, boolean>;

export interface Workspace {
  id: string;
  name: string;
  featureFlags: FeatureFlags;
  createdAt: string;
}

function workspaceRowToWorkspace(row: WorkspaceRow): Workspace {
  return { id: row.id, name: row.name, featureFlags: fromJson(row.feature_flags, {}), createdAt: row.created_at };
}

export async function insertWorkspace(
  db: Kysely<Database>,
  input: { name: string; featureFlags?: FeatureFlags; now: Date },
): Promise<Workspace> {
  const row = {
    id: randomUUID(),
    name: input.name,
    feature_flags: toJson(input.featureFlags ?? {}),
    created_at: input.now.toISOString(),
  };
  await db.insertInto('workspaces').values(row).execute();
  return workspaceRowToWorkspace(row);
}

export async function findWorkspace(db: Kysely<Database>, id: string): Promise<Workspace | null> {
  const row = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? workspaceRowToWorkspace(row) : null;
}

export async function listWorkspaces(db: Kysely<Database>): Promise<Workspace[]> {
  const rows = await db.selectFrom('workspaces').selectAll().orderBy('created_at').execute();
  return rows.map(workspaceRowToWorkspace);
}

export async function setFeatureFlag(db: Kysely<Database>, id: string, flag: string, on: boolean): Promise<Workspace | null> {
  return db.transaction().execute(async (trx) => {
    const current = await findWorkspace(trx, id);
    if (!current) return null;
    const featureFlags = { ...current.featureFlags, [flag]: on };
    await trx.updateTable('workspaces').set({ feature_flags: toJson(featureFlags) }).where('id', '=', id).execute();
    return { ...current, featureFlags };
  });
}

export async function renameWorkspace(db: Kysely<Database>, id: string, name: string): Promise<void> {
  await db.updateTable('workspaces').set({ name }).where('id', '=', id).execute();
}
