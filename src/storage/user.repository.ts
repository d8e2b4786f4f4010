import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../core/permissions.js';
import type { Database } from './schema.js';

export interface User {
  id: string;
  email: string;
  name: string;
  passwordSet: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface Member extends User {
  workspaceId: string;
  role: Role;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: string;
  last_sign_in_at: string | null;
}

function userRowToUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, passwordSet: row.password_hash !== null, createdAt: row.created_at, lastSignInAt: row.last_sign_in_at };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function insertUserWithMembership(
  db: Kysely<Database>,
  input: { email: string; name: string; passwordHash: string | null; workspaceId: string; role: Role; now: Date },
): Promise<Member> {
  const at = input.now.toISOString();
  const row: UserRow = { id: randomUUID(), email: normaliseEmail(input.email), name: input.name, password_hash: input.passwordHash, created_at: at, last_sign_in_at: null };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values(row).execute();
    await trx.insertInto('memberships').values({ user_id: row.id, workspace_id: input.workspaceId, role: input.role, created_at: at }).execute();
  });
  return { ...userRowToUser(row), workspaceId: input.workspaceId, role: input.role };
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The user and their password hash, for signing in. */
export async function findUserForSignIn(db: Kysely<Database>, email: string): Promise<(User & { passwordHash: string | null }) | null> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row ? { ...userRowToUser(row), passwordHash: row.password_hash } : null;
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row ? userRowToUser(row) : null;
}

export async function findMember(db: Kysely<Database>, workspaceId: string, userId: string): Promise<Member | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .selectAll('users')
    .select(['memberships.workspace_id', 'memberships.role'])
    .where('users.id', '=', userId)
    .where('memberships.workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row ? { ...userRowToUser(row), workspaceId: row.workspace_id, role: row.role as Role } : null;
}

/** The workspaces a user belongs to, oldest membership first. */
export async function listMemberships(db: Kysely<Database>, userId: string): Promise<Array<{ workspaceId: string; role: Role }>> {
  const rows = await db.selectFrom('memberships').select(['workspace_id', 'role']).where('user_id', '=', userId).orderBy('created_at').execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, role: r.role as Role }));
}

export async function listMembers(db: Kysely<Database>, workspaceId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .selectAll('users')
    .select(['memberships.workspace_id', 'memberships.role'])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.email')
    .execute();
  return rows.map((row) => ({ ...userRowToUser(row), workspaceId: row.workspace_id, role: row.role as Role }));
}

export async function setMemberRole(db: Kysely<Database>, workspaceId: string, userId: string, role: Role): Promise<boolean> {
  const result = await db.updateTable('memberships').set({ role }).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes the user from the workspace; the user goes too when it was their last workspace. */
export async function removeMember(db: Kysely<Database>, workspaceId: string, userId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) return false;
    await trx.deleteFrom('sessions').where('user_id', '=', userId).where('workspace_id', '=', workspaceId).execute();
    const left = await trx.selectFrom('memberships').select('user_id').where('user_id', '=', userId).executeTakeFirst();
    if (!left) await trx.deleteFrom('users').where('id', '=', userId).execute();
    return true;
  });
}

export async function renameUser(db: Kysely<Database>, userId: string, name: string): Promise<void> {
  await db.updateTable('users').set({ name }).where('id', '=', userId).execute();
}

/**
 * Sets a new password (with, on the first-start link, the email and name) and, in the same
 * transaction, ends every session of the user but `keepSessionId` and voids their unused sign-in
 * links: whoever held the old password, a session or an older link loses it with the change.
 */
export async function replacePassword(
  db: Kysely<Database>,
  userId: string,
  change: { passwordHash: string; email?: string; name?: string; keepSessionId: string | null; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const set: Partial<UserRow> = { password_hash: change.passwordHash };
    if (change.email !== undefined) set.email = normaliseEmail(change.email);
    if (change.name !== undefined) set.name = change.name;
    await trx.updateTable('users').set(set).where('id', '=', userId).execute();
    let sessions = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (change.keepSessionId !== null) sessions = sessions.where('id', '!=', change.keepSessionId);
    await sessions.execute();
    await trx.updateTable('sign_in_links').set({ used_at: change.now.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  });
}

export async function recordSignIn(db: Kysely<Database>, userId: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: now.toISOString() }).where('id', '=', userId).execute();
}
