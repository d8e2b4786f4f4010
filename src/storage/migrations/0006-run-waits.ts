import type { Kysely, Migration } from 'kysely';

/**
 * What a running run is waiting for (a rate limit's window, a Retry-After, a retry's backoff), so
 * every screen can say why a run is not moving and until when. JSON RunWait; null when not waiting.
 */
export function runWaitsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').addColumn('wait', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').dropColumn('wait').execute();
    },
  };
}
