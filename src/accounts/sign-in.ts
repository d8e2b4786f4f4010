import { z } from 'zod';
import type { IntakeServices } from '../services/intake-services.js';
import { ValidationError, zodProblems } from '../services/service-errors.js';
import { consumeSignInLink, findUsableSignInLink, insertSignInLink } from '../storage/sign-in-link.repository.js';
import { clearThrottle, readThrottle, writeThrottle } from '../storage/login-throttle.repository.js';
import { findUserByEmail, findUserForSignIn, listMemberships, normaliseEmail, recordSignIn, updateUser } from '../storage/user.repository.js';
import { InvalidCredentialsError, InvalidLinkError, TooManyAttemptsError } from './account-errors.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password-hash.js';
import { hashToken, newSecretToken } from './secret-token.js';
import { openSession, type OpenedSession } from './sessions.js';

/** Failed attempts allowed per account in a window, and how long the account is then held. */
export const LOGIN_POLICY = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const SIGN_IN_LINK_TTL_MS = 24 * 3_600_000;

export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(200, 'must be at most 200 characters');

/**
 * Signs in with email and password. Failures are counted per email whether or not the account
 * exists, and a missing account costs the same time as a wrong password: nothing tells them apart.
 */
export async function signIn(services: IntakeServices, input: { email: string; password: string }): Promise<OpenedSession & { userId: string; workspaceId: string }> {
  const now = services.clock.now();
  const key = hashToken(`login:${normaliseEmail(input.email)}`);
  const throttle = await readThrottle(services.db, key);
  if (throttle?.lockedUntil && throttle.lockedUntil > now.toISOString()) {
    throw new TooManyAttemptsError(Math.ceil((Date.parse(throttle.lockedUntil) - now.getTime()) / 1000));
  }
  const user = await findUserForSignIn(services.db, input.email);
  const valid = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : (await verifyPassword(input.password, await DUMMY_HASH_PROMISE), false);
  const workspaceId = user && valid ? (await listMemberships(services.db, user.id))[0]?.workspaceId : undefined;
  if (!user || !valid || !workspaceId) {
    const fresh = !throttle || now.getTime() - Date.parse(throttle.windowStartedAt) > LOGIN_POLICY.windowMs;
    const failures = fresh ? 1 : throttle.failures + 1;
    await writeThrottle(services.db, key, {
      failures,
      windowStartedAt: fresh ? now.toISOString() : throttle.windowStartedAt,
      lockedUntil: failures >= LOGIN_POLICY.maxFailures ? new Date(now.getTime() + LOGIN_POLICY.lockMs).toISOString() : null,
    });
    throw new InvalidCredentialsError();
  }
  await clearThrottle(services.db, key);
  await recordSignIn(services.db, user.id, now);
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

export const redeemLinkSchema = z
  .object({
    token: z.string().min(1, 'is required').max(200),
    password: passwordSchema,
    email: z.email({ message: 'must be an email address' }).max(254).optional(),
    name: z.string().trim().min(1, 'must not be empty').max(100).optional(),
  })
  .strict();

/** Uses a one-time link: sets the password (and, on first start, the admin's email and name) and signs in. */
export async function redeemSignInLink(services: IntakeServices, rawInput: unknown): Promise<OpenedSession & { userId: string; workspaceId: string }> {
  const parsed = redeemLinkSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const input = parsed.data;
  const now = services.clock.now();
  const hash = hashToken(input.token);
  const usable = await findUsableSignInLink(services.db, hash, now);
  if (!usable) throw new InvalidLinkError();
  if (input.email) {
    const owner = await findUserByEmail(services.db, input.email);
    if (owner && owner.id !== usable.userId) throw new ValidationError([{ path: 'email', message: 'is already used by another user' }]);
  }
  const link = await consumeSignInLink(services.db, hash, now);
  if (!link) throw new InvalidLinkError();
  await updateUser(services.db, link.userId, { passwordHash: await hashPassword(input.password), email: input.email, name: input.name });
  await recordSignIn(services.db, link.userId, now);
  return { ...(await openSession(services, link.userId, link.workspaceId)), userId: link.userId, workspaceId: link.workspaceId };
}
