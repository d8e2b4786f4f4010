import { sql, type Kysely } from 'kysely';
import type { Run, RunKind } from '../core/run.js';
import { claimLease } from './integration.repository.js';
import type { DialectName } from './open-database.js';
import { ONE_OPEN_RUN_INDEX } from './migrations/0014-one-open-run.js';
import { insertRun, runRowToRun, type NewRun } from './run.repository.js';
import type { Database, RunRow } from './schema.js';

/** Kinds that read the integration's change feed and move its checkpoint: one at a time per integration. */
export const INTEGRATION_LEASE_KINDS: readonly RunKind[] = ['scheduled', 'manual'];

export function needsIntegrationLease(kind: RunKind): boolean {
  return INTEGRATION_LEASE_KINDS.includes(kind);
}

export interface RunLease {
  owner: string;
  now: Date;
  leaseMs: number;
}

export type ClaimResult = { kind: 'claimed'; run: Run } | { kind: 'busy' } | { kind: 'gone' };

/**
 * Takes one run by id: a queued one, or one whose lease expired (its process died). Scheduled and
 * manual runs also take their integration's run lease, in the same transaction, so one integration
 * is never read by two of them at once. `busy`: the integration is held by another run.
 */
export async function claimRun(db: Kysely<Database>, runId: string, lease: RunLease): Promise<ClaimResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
      if (!row || !claimable(row, lease.now)) return { kind: 'gone' } as const;
      return takeClaimed(trx, row, lease);
    });
  } catch (error) {
    if (error instanceof ClaimRace) return { kind: 'gone' };
    throw error;
  }
}

export interface ClaimOrder {
  /** Leave backfills (and previews) queued: this process runs as many as it may. */
  skipBackfills: boolean;
}

/**
 * The queue: takes the next run in claiming order — single imports and live checks first (someone
 * waits for the answer), then manual, then scheduled, then backfills; the oldest first within each —
 * skipping runs another process is claiming at this moment (`FOR UPDATE SKIP LOCKED` on
 * PostgreSQL) and scheduled or manual runs whose integration is busy. A run whose lease expired
 * is taken like a queued one: it continues from its checkpoint.
 */
export async function claimNextRun(db: Kysely<Database>, dialect: DialectName, lease: RunLease, order: ClaimOrder): Promise<Run | null> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const result = await db.transaction().execute(async (trx) => {
        const at = lease.now.toISOString();
        let query = trx
          .selectFrom('runs as r')
          .innerJoin('integrations as i', 'i.id', 'r.integration_id')
          .selectAll('r')
          .where((eb) => eb.or([eb('r.status', '=', 'queued'), eb.and([eb('r.status', '=', 'running'), eb('r.lease_expires_at', '<', at)])]))
          .where((eb) =>
            eb.or([
              eb('r.kind', 'not in', [...INTEGRATION_LEASE_KINDS]),
              eb('i.lease_owner', 'is', null),
              eb('i.lease_expires_at', '<', at),
              eb('i.lease_owner', '=', eb.ref('r.claimed_by')),
            ]),
          );
        if (order.skipBackfills) query = query.where('r.kind', '!=', 'backfill');
        query = query
          .orderBy(sql`case r.kind when 'single' then 0 when 'manual' then 1 when 'scheduled' then 2 else 3 end`)
          .orderBy('r.queued_at')
          .orderBy('r.id')
          .limit(1);
        if (dialect === 'postgres') query = query.forUpdate('r').skipLocked();
        const row = await query.executeTakeFirst();
        if (!row) return null;
        const taken = await takeClaimed(trx, row as RunRow, lease);
        return taken.kind === 'claimed' ? taken.run : ('retry' as const);
      });
      if (result !== 'retry') return result;
    } catch (error) {
      if (!(error instanceof ClaimRace)) throw error;
    }
  }
  return null;
}

class ClaimRace extends Error {}

function claimable(row: RunRow, now: Date): boolean {
  return row.status === 'queued' || (row.status === 'running' && row.lease_expires_at !== null && row.lease_expires_at < now.toISOString());
}

async function takeClaimed(trx: Kysely<Database>, row: RunRow, lease: RunLease): Promise<ClaimResult> {
  const at = lease.now.toISOString();
  const kind = row.kind as RunKind;
  if (needsIntegrationLease(kind)) {
    // The dead holder's integration lease expired with its run lease (one heartbeat renews both).
    if (row.claimed_by !== null) await releaseIfHeldBy(trx, row.integration_id, row.claimed_by);
    if (!(await claimLease(trx, row.integration_id, lease.owner, lease.now, lease.leaseMs))) return { kind: 'busy' };
  }
  const result = await trx
    .updateTable('runs')
    .set({
      status: 'running',
      claimed_by: lease.owner,
      lease_expires_at: new Date(lease.now.getTime() + lease.leaseMs).toISOString(),
      heartbeat_at: at,
      // When the run first started: a run taken over keeps its start.
      started_at: row.claims === 0 ? at : row.started_at,
      claims: row.claims + 1,
      wait: null,
    })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .where((eb) => (row.claimed_by === null ? eb('claimed_by', 'is', null) : eb('claimed_by', '=', row.claimed_by)))
    .returningAll()
    .executeTakeFirst();
  if (!result) throw new ClaimRace();
  return { kind: 'claimed', run: runRowToRun(result) };
}

/** Frees an integration lease still naming a run's dead holder. */
async function releaseIfHeldBy(trx: Kysely<Database>, integrationId: string, owner: string): Promise<boolean> {
  const result = await trx.updateTable('integrations').set({ lease_owner: null, lease_expires_at: null }).where('id', '=', integrationId).where('lease_owner', '=', owner).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The heartbeat: extends the run's lease (and its integration's); false when the run is no longer ours. */
export async function renewRunLease(db: Kysely<Database>, run: Pick<Run, 'id' | 'integrationId' | 'kind'>, lease: RunLease): Promise<boolean> {
  const until = new Date(lease.now.getTime() + lease.leaseMs).toISOString();
  const result = await db
    .updateTable('runs')
    .set({ heartbeat_at: lease.now.toISOString(), lease_expires_at: until })
    .where('id', '=', run.id)
    .where('claimed_by', '=', lease.owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (needsIntegrationLease(run.kind)) {
    await db.updateTable('integrations').set({ lease_expires_at: until }).where('id', '=', run.integrationId).where('lease_owner', '=', lease.owner).execute();
  }
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Gives a run back to the queue (the process is stopping): it waits `queued` again with its
 * checkpoint and counters, and the next process to claim it continues from there.
 */
export async function handBackRun(db: Kysely<Database>, run: Pick<Run, 'id' | 'integrationId' | 'kind'>, owner: string, source: { requests: number; throttled: number; rateLimitedMs: number }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('runs')
      .set({ status: 'queued', claimed_by: null, lease_expires_at: null, wait: null, requests: source.requests, throttled: source.throttled, rate_limited_ms: source.rateLimitedMs })
      .where('id', '=', run.id)
      .where('claimed_by', '=', owner)
      .execute();
    if (needsIntegrationLease(run.kind)) await trx.updateTable('integrations').set({ lease_owner: null, lease_expires_at: null }).where('id', '=', run.integrationId).where('lease_owner', '=', owner).execute();
  });
}

/** Withdraws a run that never started (its integration was busy when it was asked for). */
export async function withdrawQueuedRun(db: Kysely<Database>, runId: string): Promise<void> {
  await db.deleteFrom('runs').where('id', '=', runId).where('status', '=', 'queued').where('claims', '=', 0).execute();
}

/** Ends a queued run that will not start (cancelled before a process took it). */
export async function cancelQueuedRun(db: Kysely<Database>, runId: string, stoppedBy: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('runs').set({ status: 'cancelled', stopped_by: stoppedBy, finished_at: now.toISOString() }).where('id', '=', runId).where('status', '=', 'queued').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The open (queued or running) scheduled or manual run of an integration, if any. */
export async function findOpenIntegrationRun(db: Kysely<Database>, integrationId: string): Promise<Run | null> {
  const row = await db
    .selectFrom('runs')
    .selectAll()
    .where('integration_id', '=', integrationId)
    .where('status', 'in', ['queued', 'running'])
    .where('kind', 'in', [...INTEGRATION_LEASE_KINDS])
    .orderBy('queued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? runRowToRun(row) : null;
}

/**
 * Queues a scheduled or manual run unless its integration has an open one already, which it answers
 * with instead (`created: false`). The database decides (the partial unique index of migration
 * 0014), so of two processes queuing at the same moment exactly one writes a run, and the other
 * finds it. INVARIANT: no transaction around it, so a refused insert aborts nothing else.
 */
export async function queueIntegrationRun(db: Kysely<Database>, input: NewRun & { kind: 'scheduled' | 'manual' }): Promise<{ run: Run; created: boolean }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { run: await insertRun(db, input), created: true };
    } catch (error) {
      if (!isOpenRunConflict(error) || attempt === 3) throw error;
    }
    const open = await findOpenIntegrationRun(db, input.integrationId);
    if (open) return { run: open, created: false };
    // The winner's run ended between our insert and this read: the way is free again.
  }
}

/** The insert was refused by the one-open-run index (and no other constraint). */
function isOpenRunConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code === '23505') return constraint === ONE_OPEN_RUN_INDEX;
  // SQLite names the index's columns, not the index; integration_id is unique in no other index of runs.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('runs.integration_id');
}

/** Due integrations without an open scheduled or manual run: each gets a queued scheduled run. */
export async function findDueWithoutOpenRun(db: Kysely<Database>, dueIds: readonly string[]): Promise<string[]> {
  if (dueIds.length === 0) return [];
  const open = await db
    .selectFrom('runs')
    .select('integration_id')
    .where('integration_id', 'in', [...dueIds])
    .where('status', 'in', ['queued', 'running'])
    .where('kind', 'in', [...INTEGRATION_LEASE_KINDS])
    .execute();
  const busy = new Set(open.map((r) => r.integration_id));
  return dueIds.filter((id) => !busy.has(id));
}

/**
 * Deletes up to `limit` live checks (dry single runs a diagnosis made) that ended before `before`:
 * their answer was for whoever asked then, and no list shows them. Returns how many went.
 */
export async function deleteEndedLiveChecks(db: Kysely<Database>, before: Date, limit: number): Promise<number> {
  const ids = db
    .selectFrom('runs')
    .select('id')
    .where('kind', '=', 'single')
    .where('dry_run', '=', 1)
    .where('status', 'not in', ['queued', 'running'])
    .where('queued_at', '<', before.toISOString())
    .limit(limit);
  const result = await db.deleteFrom('runs').where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** What a run that writes nothing found (a live check's answer). */
export async function saveRunOutput(db: Kysely<Database>, runId: string, output: unknown): Promise<void> {
  await db.updateTable('runs').set({ output: JSON.stringify(output) }).where('id', '=', runId).execute();
}

export async function readRunOutput(db: Kysely<Database>, runId: string): Promise<{ input: unknown; output: unknown } | null> {
  const row = await db.selectFrom('runs').select(['input', 'output']).where('id', '=', runId).executeTakeFirst();
  if (!row) return null;
  return { input: row.input ? JSON.parse(row.input) : null, output: row.output ? JSON.parse(row.output) : null };
}

/** Running runs and who holds them. */
export async function listClaimedRuns(db: Kysely<Database>): Promise<Array<{ id: string; owner: string }>> {
  const rows = await db.selectFrom('runs').select(['id', 'claimed_by']).where('status', '=', 'running').where('claimed_by', 'is not', null).execute();
  return rows.map((r) => ({ id: r.id, owner: r.claimed_by! }));
}

/** Ends the leases of runs whose process is known dead: the next claim takes them over. */
export async function expireRunLeases(db: Kysely<Database>, runIds: readonly string[], now: Date): Promise<void> {
  if (runIds.length === 0) return;
  await db.updateTable('runs').set({ lease_expires_at: new Date(now.getTime() - 1).toISOString() }).where('id', 'in', [...runIds]).where('status', '=', 'running').execute();
}
