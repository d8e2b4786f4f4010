import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface ThrottlePolicy {
  /** Attempts allowed in a window; the next one is refused. */
  maxFailures: number;
  windowMs: number;
  /** How long the account is held once the allowance is spent. */
  lockMs: number;
}

export interface CountedAttempt {
  /** This attempt's number in the current window (1 for the first). */
  attempt: number;
  lockedUntil: string | null;
}

/**
 * Counts one attempt against a key and returns its number, in one UPDATE the database applies
 * atomically: parallel attempts each get their own number, so a burst cannot pass as one failure.
 * A window that is over (or a hold that has ended) starts again at 1. The hold starts when the
 * count reaches the allowance and is never extended by attempts made while it lasts.
 */
export async function countAttempt(db: Kysely<Database>, key: string, now: Date, policy: ThrottlePolicy): Promise<CountedAttempt> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
  const holdUntil = new Date(now.getTime() + policy.lockMs).toISOString();
  await db.insertInto('login_throttle').values({ key, failures: 0, window_started_at: at, locked_until: null }).onConflict((oc) => oc.column('key').doNothing()).execute();
  // Every SET expression reads the row as it was before this statement (both engines).
  const restart = sql<boolean>`(window_started_at <= ${windowStart} or (locked_until is not null and locked_until <= ${at}))`;
  const counted = sql<number>`case when ${restart} then 1 else failures + 1 end`;
  const row = await db
    .updateTable('login_throttle')
    .set({
      failures: counted,
      window_started_at: sql<string>`case when ${restart} then ${at} else window_started_at end`,
      locked_until: sql<string | null>`case when locked_until > ${at} then locked_until when ${counted} >= ${policy.maxFailures} then ${holdUntil} else null end`,
    })
    .where('key', '=', key)
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { attempt: Number(row.failures), lockedUntil: row.locked_until };
}

export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
