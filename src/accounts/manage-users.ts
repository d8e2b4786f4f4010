import { newUserSchema, roleChangeSchema } from '../api/contract/users.js';
import { ROLE_PERMISSIONS, type Role } from '../core/permissions.js';
import type { IntakeServices } from '../services/intake-services.js';
import { ConflictError, NotFoundError, ValidationError, zodProblems } from '../services/service-errors.js';
import { findMember, findUserByEmail, insertUserWithMembership, listMembers, removeMember, setMemberRole, type Member } from '../storage/user.repository.js';
import type { Caller } from './caller.js';
import { assertWithinOwnPermissions } from './permission-scope.js';
import { createSignInLink } from './sign-in.js';

export async function listUsers(services: IntakeServices, caller: Caller): Promise<Member[]> {
  return listMembers(services.db, caller.workspaceId);
}

/** Adds a user to the caller's workspace; they sign in the first time with the one-time link returned. */
export async function addUser(services: IntakeServices, caller: Caller, rawInput: unknown): Promise<{ user: Member; signInLink: { token: string; expiresAt: string } }> {
  const parsed = newUserSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  assertWithinOwnPermissions(caller, ROLE_PERMISSIONS[parsed.data.role], 'role', 'this role grants');
  if (await findUserByEmail(services.db, parsed.data.email)) {
    throw new ConflictError('A user with this email already exists.', [{ path: 'email', message: 'is already used by another user' }]);
  }
  const user = await insertUserWithMembership(services.db, { ...parsed.data, passwordHash: null, workspaceId: caller.workspaceId, now: services.clock.now() });
  return { user, signInLink: await createSignInLink(services, user.id, caller.workspaceId) };
}

async function member(services: IntakeServices, caller: Caller, userId: string): Promise<Member> {
  const found = await findMember(services.db, caller.workspaceId, userId);
  if (!found) throw new NotFoundError('No such user in this workspace.');
  return found;
}

/** A user the caller may act on (change, remove, send a link to): one holding nothing the caller lacks. */
async function memberWithinReach(services: IntakeServices, caller: Caller, userId: string): Promise<Member> {
  const found = await member(services, caller, userId);
  assertWithinOwnPermissions(caller, ROLE_PERMISSIONS[found.role], 'id', 'this user has');
  return found;
}

async function assertAnotherAdminRemains(services: IntakeServices, caller: Caller, userId: string): Promise<void> {
  const admins = (await listMembers(services.db, caller.workspaceId)).filter((m) => m.role === 'admin' && m.id !== userId);
  if (admins.length === 0) {
    throw new ConflictError('The workspace needs at least one admin: make another user admin first.', [{ path: 'role', message: 'would leave the workspace without an admin' }]);
  }
}

export async function changeRole(services: IntakeServices, caller: Caller, userId: string, rawRole: unknown): Promise<Member> {
  const role = roleChangeSchema.safeParse(rawRole);
  if (!role.success) throw new ValidationError(zodProblems(role.error.issues));
  const current = await memberWithinReach(services, caller, userId);
  assertWithinOwnPermissions(caller, ROLE_PERMISSIONS[role.data.role], 'role', 'this role grants');
  if (current.role === 'admin' && role.data.role !== 'admin') await assertAnotherAdminRemains(services, caller, userId);
  await setMemberRole(services.db, caller.workspaceId, userId, role.data.role as Role);
  return member(services, caller, userId);
}

export async function removeUser(services: IntakeServices, caller: Caller, userId: string): Promise<void> {
  const current = await memberWithinReach(services, caller, userId);
  if (current.role === 'admin') await assertAnotherAdminRemains(services, caller, userId);
  await removeMember(services.db, caller.workspaceId, userId);
}

/** A fresh one-time sign-in link for a user who lost their password or never used theirs. */
export async function issueSignInLink(services: IntakeServices, caller: Caller, userId: string): Promise<{ token: string; expiresAt: string }> {
  // Whoever redeems the link becomes that user: a link is as good as the user's role.
  await memberWithinReach(services, caller, userId);
  return createSignInLink(services, userId, caller.workspaceId);
}

/** The same, for a user named by email (the command line's way). */
export async function issueSignInLinkByEmail(services: IntakeServices, caller: Caller, email: string): Promise<{ user: Member; token: string; expiresAt: string }> {
  const user = (await listUsers(services, caller)).find((m) => m.email.toLowerCase() === email.trim().toLowerCase());
  if (!user) throw new NotFoundError(`No user ${email} in this workspace. List them with: intake users list`);
  return { user, ...(await issueSignInLink(services, caller, user.id)) };
}
