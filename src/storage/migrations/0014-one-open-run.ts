import { sql, type Kysely, type Migration } from 'kysely';

/** The index that makes "one open scheduled or manual run per integration" the database's rule. */
export const ONE_OPEN_RUN_INDEX = 'runs_one_open_per_integration';

/**
 * At most one open (queued or running) scheduled or manual run per integration. Checking for one
 * before inserting is not enough: two processes (two `intake start`, or a start and a Run now)
 * can each find none and each queue one. The partial unique index refuses the second insert, and
 * the loser takes the winner's run instead (request-run.ts).
 *
 * Open duplicates left by that race before this migration are closed first, keeping the one that
 * runs (it holds the integration's lease) or else the oldest queued: the others end `cancelled`
 * (never started) or `interrupted` (their committed pages stand; the kept run's checkpoint moves on).
 */
export function oneOpenRunMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const now = new Date().toISOString();
      await sql`
        update runs
        set status = case when status = 'queued' then 'cancelled' else 'interrupted' end,
            stopped_by = 'duplicate_run', finished_at = ${now}, claimed_by = null, lease_expires_at = null
        where status in ('queued', 'running') and kind in ('scheduled', 'manual')
          and id <> (
            select k.id from runs k
            where k.integration_id = runs.integration_id and k.status in ('queued', 'running') and k.kind in ('scheduled', 'manual')
            order by case when k.status = 'running' then 0 else 1 end, k.queued_at, k.id
            limit 1
          )`.execute(db);
      await sql`
        create unique index ${sql.id(ONE_OPEN_RUN_INDEX)} on runs (integration_id)
        where status in ('queued', 'running') and kind in ('scheduled', 'manual')`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex(ONE_OPEN_RUN_INDEX).ifExists().execute();
    },
  };
}
