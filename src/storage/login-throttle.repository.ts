import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface ThrottleState {
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
}

export async function readThrottle(db: Kysely<Database>, key: string): Promise<ThrottleState | null> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? { failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until } : null;
}

export async function writeThrottle(db: Kysely<Database>, key: string, state: ThrottleState): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values({ key, failures: state.failures, window_started_at: state.windowStartedAt, locked_until: state.lockedUntil })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: state.failures, window_started_at: state.windowStartedAt, locked_until: state.lockedUntil }))
    .execute();
}

export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
