import { passwordChangeSchema, profileChangeSchema } from '../api/contract/accounts.js';
import type { IntakeServices } from '../services/intake-services.js';
import { NotFoundError, ValidationError, zodProblems } from '../services/service-errors.js';
import { findMember, findUserForSignIn, renameUser, replacePassword, type Member } from '../storage/user.repository.js';
import type { Caller } from './caller.js';
import { checkPasswordWithinAllowance } from './login-throttle.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { sessionIdOf } from './sessions.js';

async function self(services: IntakeServices, caller: Caller): Promise<Member> {
  const member = caller.userId ? await findMember(services.db, caller.workspaceId, caller.userId) : null;
  if (!member) throw new NotFoundError('Only a signed-in user has a profile.');
  return member;
}

/** Changes the caller's own name. The email stays: it names the user in the history of changes. */
export async function updateProfile(services: IntakeServices, caller: Caller, rawInput: unknown): Promise<Member> {
  const parsed = profileChangeSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const member = await self(services, caller);
  await renameUser(services.db, member.id, parsed.data.name);
  return self(services, caller);
}

/**
 * Changes the caller's own password, given the current one. Wrong current passwords count against
 * the same allowance as sign-in, so a borrowed session cannot be used to guess it. The change ends
 * every other session of the user and voids their unused sign-in links; this session stays.
 */
export async function changePassword(services: IntakeServices, caller: Caller, sessionToken: string, rawInput: unknown): Promise<void> {
  const parsed = passwordChangeSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const member = await self(services, caller);
  const stored = await findUserForSignIn(services.db, member.email);
  const hash = stored?.passwordHash;
  const valid = await checkPasswordWithinAllowance(services, member.email, async () => (hash ? verifyPassword(parsed.data.currentPassword, hash) : false));
  if (!valid) throw new ValidationError([{ path: 'currentPassword', message: 'is not your current password' }]);
  await replacePassword(services.db, member.id, {
    passwordHash: await hashPassword(parsed.data.newPassword),
    keepSessionId: sessionIdOf(sessionToken),
    now: services.clock.now(),
  });
}
