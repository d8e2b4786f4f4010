import { createHash, randomBytes } from 'node:crypto';

/** A random token to hand out once (session, API token, sign-in link) and the hash to store. */
export function newSecretToken(prefix = ''): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
