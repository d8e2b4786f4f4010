import type { Kysely } from 'kysely';
import type { Permission } from '../core/permissions.js';
import { fromJson, toJson } from './json-column.js';
import type { Database } from './schema.js';

export interface ApiToken {
  id: string;
  workspaceId: string;
  name: string;
  /** The first characters, to recognise a token without revealing it. */
  prefix: string;
  permissions: Permission[];
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Set: the token may only push records to this integration. */
  pushIntegrationId: string | null;
}

interface ApiTokenRow {
  id: string;
  workspace_id: string;
  name: string;
  prefix: string;
  permissions: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  push_integration_id: string | null;
}

function rowToApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    prefix: row.prefix,
    permissions: fromJson(row.permissions, []),
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    pushIntegrationId: row.push_integration_id,
  };
}

export async function insertApiToken(db: Kysely<Database>, token: Omit<ApiToken, 'lastUsedAt' | 'revokedAt'> & { tokenHash: string }): Promise<ApiToken> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      workspace_id: token.workspaceId,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      permissions: toJson(token.permissions),
      created_by: token.createdBy,
      created_at: token.createdAt,
      last_used_at: null,
      revoked_at: null,
      push_integration_id: token.pushIntegrationId,
    })
    .execute();
  return { ...token, lastUsedAt: null, revokedAt: null };
}

export async function findApiTokenByHash(db: Kysely<Database>, tokenHash: string): Promise<ApiToken | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? rowToApiToken(row) : null;
}

export async function listApiTokens(db: Kysely<Database>, workspaceId: string): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').execute();
  return rows.map(rowToApiToken);
}

export async function revokeApiToken(db: Kysely<Database>, workspaceId: string, id: string, now: Date): Promise<ApiToken | null> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db.selectFrom('api_tokens').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row ? rowToApiToken(row) : null;
}

export async function touchApiToken(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute();
}
