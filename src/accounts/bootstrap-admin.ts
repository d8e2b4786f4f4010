import type { IntakeServices } from '../services/intake-services.js';
import { countUsers, insertUserWithMembership, listMembers } from '../storage/user.repository.js';
import { createSignInLink } from './sign-in.js';

/**
 * First start: the workspace gets an admin with no password, and a one-time link to choose one.
 * No default password exists. Until some admin has set a password, every start issues a new link.
 */
export async function bootstrapAdmin(services: IntakeServices, workspaceId: string): Promise<{ token: string; expiresAt: string } | null> {
  if ((await countUsers(services.db)) === 0) {
    const admin = await insertUserWithMembership(services.db, {
      email: 'admin@localhost',
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
