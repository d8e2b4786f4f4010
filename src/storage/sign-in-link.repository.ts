import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface SignInLink {
  userId: string;
  workspaceId: string;
  expiresAt: string;
  usedAt: string | null;
}

export async function insertSignInLink(db: Kysely<Database>, link: { tokenHash: string; userId: string; workspaceId: string; now: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('sign_in_links')
    .values({ token_hash: link.tokenHash, user_id: link.userId, workspace_id: link.workspaceId, created_at: link.now.toISOString(), expires_at: link.expiresAt.toISOString(), used_at: null })
    .execute();
}

/** Marks the link used and returns it, once: a second use, or an expired link, returns null. */
export async function consumeSignInLink(db: Kysely<Database>, tokenHash: string, now: Date): Promise<SignInLink | null> {
  const at = now.toISOString();
  const result = await db
    .updateTable('sign_in_links')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  const row = await db.selectFrom('sign_in_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirstOrThrow();
  return { userId: row.user_id, workspaceId: row.workspace_id, expiresAt: row.expires_at, usedAt: row.used_at };
}

/** The link in whatever state it is (used, expired), to tell its holder what to do; null when unknown. */
export async function findSignInLink(db: Kysely<Database>, tokenHash: string): Promise<SignInLink | null> {
  const row = await db.selectFrom('sign_in_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? { userId: row.user_id, workspaceId: row.workspace_id, expiresAt: row.expires_at, usedAt: row.used_at } : null;
}

export async function findUsableSignInLink(db: Kysely<Database>, tokenHash: string, now: Date): Promise<SignInLink | null> {
  const row = await db
    .selectFrom('sign_in_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row ? { userId: row.user_id, workspaceId: row.workspace_id, expiresAt: row.expires_at, usedAt: row.used_at } : null;
}
