import { randomBytes } from 'node:crypto';
import { ROLE_PERMISSIONS, type Role } from '../core/permissions.js';
import type { IntakeServices } from '../services/intake-services.js';
import { deleteSession, findSession, insertSession, touchSession } from '../storage/session.repository.js';
import { bestEffort } from './best-effort-write.js';
import { findMember } from '../storage/user.repository.js';
import type { Caller } from './caller.js';
import { hashToken, newSecretToken } from './secret-token.js';

/** A session lapses after this long without use… */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** …and after this long in any case. */
export const SESSION_MAX_MS = 7 * 86_400_000;

/**
 * When a session used now lapses: after the idle time, but never past its maximum life. The cookie
 * gets the same end (Max-Age), so browser and server always agree on when a session is over.
 */
export function sessionEnd(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS));
}

export interface OpenedSession {
  /** The cookie value: given to the browser once, stored only as a hash. */
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export async function openSession(services: IntakeServices, userId: string, workspaceId: string): Promise<OpenedSession> {
  const now = services.clock.now();
  const { token, hash } = newSecretToken('s_');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = sessionEnd(now, now).toISOString();
  await insertSession(services.db, { id: hash, userId, workspaceId, csrfToken, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt });
  return { token, csrfToken, expiresAt };
}

export interface ResolvedSession {
  caller: Caller;
  csrfToken: string;
  role: Role;
  /** The session's new end when this use slid it forward (the cookie is renewed to match), else null. */
  renewedUntil: string | null;
}

/** The caller behind a session cookie, or null when it is unknown or lapsed. */
export async function resolveSession(services: IntakeServices, token: string): Promise<ResolvedSession | null> {
  const id = hashToken(token);
  const session = await findSession(services.db, id);
  const now = services.clock.now();
  if (!session) return null;
  if (session.expiresAt <= now.toISOString() || now.getTime() - Date.parse(session.createdAt) > SESSION_MAX_MS) {
    await deleteSession(services.db, id);
    return null;
  }
  const member = await findMember(services.db, session.workspaceId, session.userId);
  if (!member) {
    await deleteSession(services.db, id);
    return null;
  }
  // Sliding expiry, written at most once a minute rather than on every request.
  let renewedUntil: string | null = null;
  if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
    renewedUntil = sessionEnd(new Date(session.createdAt), now).toISOString();
    // Best effort: while another process holds the database's write lock, reads must still answer.
    if (!(await bestEffort(() => touchSession(services.db, id, now.toISOString(), renewedUntil!)))) renewedUntil = null;
  }
  return {
    caller: { kind: 'user', workspaceId: member.workspaceId, permissions: ROLE_PERMISSIONS[member.role], userId: member.id, tokenId: null, label: member.email },
    csrfToken: session.csrfToken,
    role: member.role,
    renewedUntil,
  };
}

/** The stored id of a session cookie's token (its hash), e.g. to keep this session when ending the others. */
export function sessionIdOf(token: string): string {
  return hashToken(token);
}

export async function closeSession(services: IntakeServices, token: string): Promise<void> {
  await deleteSession(services.db, hashToken(token));
}
