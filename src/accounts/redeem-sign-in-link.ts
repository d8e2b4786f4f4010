import { linkCheckInputSchema, redeemLinkInputSchema } from '../api/contract/accounts.js';
import type { IntakeServices } from '../services/intake-services.js';
import { ValidationError, zodProblems } from '../services/service-errors.js';
import { consumeSignInLink, findSignInLink, findUsableSignInLink } from '../storage/sign-in-link.repository.js';
import { findMember, findUserByEmail, normaliseEmail, recordSignIn, replacePassword } from '../storage/user.repository.js';
import { InvalidLinkError } from './account-errors.js';
import { mustChooseEmail } from './bootstrap-admin.js';
import { hashPassword } from './password-hash.js';
import { hashToken } from './secret-token.js';
import { openSession, type OpenedSession } from './sessions.js';

export type LinkCheck =
  | { state: 'usable'; expiresAt: string; email: string | null; name: string; choosesEmail: boolean; message: null }
  | { state: 'used' | 'expired' | 'unknown'; expiresAt: null; email: null; name: null; choosesEmail: false; message: string };

const NEW_LINK = 'a workspace admin can send you a new one (Account › Users › New sign-in link, or intake users link <email> on the server). On first start, restarting Intake prints a new link until the admin has a password.';

/**
 * What a link's holder can do with it, without using it: the page says at once that a link is
 * spent or expired instead of showing a form first. A spent link tells nothing about its user.
 */
export async function checkSignInLink(services: IntakeServices, rawInput: unknown): Promise<LinkCheck> {
  const parsed = linkCheckInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const now = services.clock.now().toISOString();
  const link = await findSignInLink(services.db, hashToken(parsed.data.token));
  const refused = (state: 'used' | 'expired' | 'unknown', message: string): LinkCheck => ({ state, expiresAt: null, email: null, name: null, choosesEmail: false, message });
  if (!link) return refused('unknown', `This sign-in link is not valid: check that the whole link was copied. If it was, ${NEW_LINK}`);
  if (link.usedAt) {
    return refused('used', `This sign-in link was already used, or a newer password replaced it. If you chose a password with it, sign in with that password; otherwise ${NEW_LINK}`);
  }
  if (link.expiresAt <= now) return refused('expired', `This sign-in link expired (links work for 24 hours): ${NEW_LINK}`);
  const user = await findMember(services.db, link.workspaceId, link.userId);
  if (!user) return refused('unknown', `This sign-in link belongs to a user who was removed from the workspace; ${NEW_LINK}`);
  const choosesEmail = mustChooseEmail(user);
  return { state: 'usable', expiresAt: link.expiresAt, email: choosesEmail ? null : user.email, name: user.name, choosesEmail, message: null };
}

/**
 * Uses a one-time link: sets the password and signs in. Only the first-start link sets an email
 * (and must); every other link keeps the email the admin invited, since emails name people in the
 * history of changes. The new password ends the user's other sessions and voids their other links.
 */
export async function redeemSignInLink(services: IntakeServices, rawInput: unknown): Promise<OpenedSession & { userId: string; workspaceId: string }> {
  const parsed = redeemLinkInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const input = parsed.data;
  const now = services.clock.now();
  const hash = hashToken(input.token);
  const usable = await findUsableSignInLink(services.db, hash, now);
  const user = usable ? await findMember(services.db, usable.workspaceId, usable.userId) : null;
  if (!usable || !user) throw new InvalidLinkError();
  const choosesEmail = mustChooseEmail(user);
  if (choosesEmail && !input.email) {
    throw new ValidationError([{ path: 'email', message: 'is required: choose the address you will sign in with (it names you in the history of changes)' }]);
  }
  if (!choosesEmail && input.email && normaliseEmail(input.email) !== user.email) {
    throw new ValidationError([{ path: 'email', message: 'cannot be changed with this link: you sign in with the address your admin invited; leave it out' }]);
  }
  if (choosesEmail && input.email) {
    const owner = await findUserByEmail(services.db, input.email);
    if (owner && owner.id !== user.id) throw new ValidationError([{ path: 'email', message: 'is already used by another user' }]);
  }
  const link = await consumeSignInLink(services.db, hash, now);
  if (!link) throw new InvalidLinkError();
  await replacePassword(services.db, link.userId, {
    passwordHash: await hashPassword(input.password),
    ...(choosesEmail ? { email: input.email } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    keepSessionId: null,
    now,
  });
  await recordSignIn(services.db, link.userId, now);
  return { ...(await openSession(services, link.userId, link.workspaceId)), userId: link.userId, workspaceId: link.workspaceId };
}
