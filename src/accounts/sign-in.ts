import type { LoginInput } from '../api/contract/accounts.js';
import type { IntakeServices } from '../services/intake-services.js';
import { insertSignInLink } from '../storage/sign-in-link.repository.js';
import { findUserForSignIn, listMemberships, recordSignIn } from '../storage/user.repository.js';
import { InvalidCredentialsError } from './account-errors.js';
import { checkPasswordWithinAllowance } from './login-throttle.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password-hash.js';
import { newSecretToken } from './secret-token.js';
import { openSession, type OpenedSession } from './sessions.js';

export const SIGN_IN_LINK_TTL_MS = 24 * 3_600_000;

/**
 * Signs in with email and password. Attempts are counted per email whether or not the account
 * exists, and a missing account costs the same time as a wrong password: nothing tells them apart.
 */
export async function signIn(services: IntakeServices, input: LoginInput): Promise<OpenedSession & { userId: string; workspaceId: string }> {
  const user = await findUserForSignIn(services.db, input.email);
  let workspaceId: string | undefined;
  const valid = await checkPasswordWithinAllowance(services, input.email, async () => {
    if (!user?.passwordHash) return (await verifyPassword(input.password, await DUMMY_HASH_PROMISE), false);
    if (!(await verifyPassword(input.password, user.passwordHash))) return false;
    workspaceId = (await listMemberships(services.db, user.id))[0]?.workspaceId;
    return workspaceId !== undefined;
  });
  if (!user || !valid || !workspaceId) throw new InvalidCredentialsError();
  await recordSignIn(services.db, user.id, services.clock.now());
  return { ...(await openSession(services, user.id, workspaceId)), userId: user.id, workspaceId };
}

/** A one-time link for a user to sign in and choose a password (first start, new users, lost passwords). */
export async function createSignInLink(services: IntakeServices, userId: string, workspaceId: string): Promise<{ token: string; expiresAt: string }> {
  const now = services.clock.now();
  const { token, hash } = newSecretToken('l_');
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
  await insertSignInLink(services.db, { tokenHash: hash, userId, workspaceId, now, expiresAt });
  return { token, expiresAt: expiresAt.toISOString() };
}
