import type { IntakeServices } from '../services/intake-services.js';
import { clearThrottle, countAttempt } from '../storage/login-throttle.repository.js';
import { normaliseEmail } from '../storage/user.repository.js';
import { TooManyAttemptsError } from './account-errors.js';
import { hashToken } from './secret-token.js';

/** Password checks allowed per account in a window, and how long the account is then held. */
export const LOGIN_POLICY = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * Checks a password for an account under its allowance. The attempt is counted before the password
 * is checked, atomically in the database, so a parallel burst gets at most `maxFailures` checks
 * between them; the rest are refused unchecked. A correct password clears the count. The key is the
 * email, whether or not the account exists, so the answer never tells them apart.
 */
export async function checkPasswordWithinAllowance(services: IntakeServices, email: string, check: () => Promise<boolean>): Promise<boolean> {
  const now = services.clock.now();
  const key = hashToken(`login:${normaliseEmail(email)}`);
  const counted = await countAttempt(services.db, key, now, LOGIN_POLICY);
  if (counted.attempt > LOGIN_POLICY.maxFailures) {
    const until = counted.lockedUntil ? Date.parse(counted.lockedUntil) : now.getTime() + LOGIN_POLICY.lockMs;
    throw new TooManyAttemptsError(Math.max(1, Math.ceil((until - now.getTime()) / 1000)));
  }
  const valid = await check();
  if (valid) await clearThrottle(services.db, key);
  return valid;
}
