import type { IntakeServices } from '../services/intake-services.js';
import { countUsers, insertUserWithMembership, listMembers } from '../storage/user.repository.js';
import { createSignInLink } from './sign-in.js';

/**
 * The first admin's address until they choose theirs with the first-start link. Not a valid email
 * for anyone added later, so it marks exactly the one user whose link must set an email.
 */
export const FIRST_ADMIN_PLACEHOLDER_EMAIL = 'admin@localhost';

/** The first admin still has to choose the email they sign in with (and are named by in the history). */
export function mustChooseEmail(user: { email: string }): boolean {
  return user.email === FIRST_ADMIN_PLACEHOLDER_EMAIL;
}

/**
 * First start: the workspace gets an admin with no password, and a one-time link to choose one.
 * No default password exists. Until some admin has set a password, every start issues a new link.
 */
export async function bootstrapAdmin(services: IntakeServices, workspaceId: string): Promise<{ token: string; expiresAt: string } | null> {
  if ((await countUsers(services.db)) === 0) {
    const admin = await insertUserWithMembership(services.db, {
      email: FIRST_ADMIN_PLACEHOLDER_EMAIL,
      name: 'Admin',
      passwordHash: null,
      workspaceId,
      role: 'admin',
      now: services.clock.now(),
    });
    return createSignInLink(services, admin.id, workspaceId);
  }
  const admins = (await listMembers(services.db, workspaceId)).filter((m) => m.role === 'admin');
  if (admins.length > 0 && admins.every((a) => !a.passwordSet)) return createSignInLink(services, admins[0]!.id, workspaceId);
  return null;
}
