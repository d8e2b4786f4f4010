import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DecisionReason } from '../core/decision.js';
import type { RunCounts } from '../core/run-counts.js';
import type { RunError } from '../core/run-import.js';
import type { BackfillEstimate, Run, RunKind, RunStatus, RunWait, SourceUsage } from '../core/run.js';
import { fromJson, toJson } from './json-column.js';
import { inTransaction } from './notification-outbox.repository.js';
import { mayDelayImports, notifyRateLimitWait, notifyRunEnd } from './notification-triggers.js';
import type { Database, RunRow } from './schema.js';

export function runRowToRun(row: RunRow): Run {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    integrationId: row.integration_id,
    kind: row.kind as RunKind,
    status: row.status as RunStatus,
    queuedAt: row.queued_at ?? row.started_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    heartbeatAt: row.heartbeat_at,
    window: { from: row.window_from, to: row.window_to },
    sourceRef: row.source_ref,
    fileName: row.file_name,
    checkpointBefore: row.checkpoint_before,
    checkpointAfter: row.checkpoint_after,
    pages: row.pages,
    counts: {
      seen: row.seen,
      imported: row.imported,
      updated: row.updated,
      unchanged: row.unchanged,
      excluded: row.excluded,
      failed: row.failed,
      reasons: fromJson<Partial<Record<DecisionReason, number>>>(row.reason_counts, {}),
    },
    source: { requests: row.requests, throttled: row.throttled, rateLimitedMs: row.rate_limited_ms },
    wait: row.status === 'running' ? fromJson<RunWait | null>(row.wait, null) : null,
    error: fromJson<RunError | null>(row.error, null),
    stoppedBy: row.stopped_by,
    requestedBy: row.requested_by,
    catchUp: row.catch_up_since ? { since: row.catch_up_since, recovered: row.imported + row.updated } : null,
    dryRun: row.dry_run === 1,
    reachedAt: row.reached_at,
    estimate: fromJson<BackfillEstimate | null>(row.estimate, null),
    cancelRequestedAt: row.cancel_requested_at,
    claimedBy: row.claimed_by,
    claims: row.claims,
  };
}

export interface NewRun {
  workspaceId: string;
  integrationId: string;
  kind: RunKind;
  checkpointBefore: string | null;
  windowFrom?: string | null;
  windowTo?: string | null;
  sourceRef?: string | null;
  /** An upload's file name. */
  fileName?: string | null;
  requestedBy?: string | null;
  catchUpSince?: string | null;
  dryRun?: boolean;
  /** What the kind needs beyond the columns (JSON). */
  input?: Record<string, unknown> | null;
  /**
   * For records handed to Intake in a request (an upload, a pushed batch): the run is executed by
   * that request, so it starts `running` under its lease instead of waiting in the queue. Should the
   * process die, the lease expires and a claimer ends the run (see executeRun).
   */
  receivedBy?: { owner: string; leaseMs: number };
  now: Date;
}

export async function insertRun(db: Kysely<Database>, input: NewRun): Promise<Run> {
  const at = input.now.toISOString();
  const row: RunRow = {
    id: randomUUID(),
    workspace_id: input.workspaceId,
    integration_id: input.integrationId,
    kind: input.kind,
    // A run is a row before it is work: it waits until a process claims it (run-queue.repository).
    status: input.receivedBy ? 'running' : 'queued',
    started_at: at,
    finished_at: null,
    heartbeat_at: at,
    window_from: input.windowFrom ?? null,
    window_to: input.windowTo ?? null,
    source_ref: input.sourceRef ?? null,
    checkpoint_before: input.checkpointBefore,
    checkpoint_after: input.checkpointBefore,
    pages: 0,
    seen: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    excluded: 0,
    failed: 0,
    reason_counts: '{}',
    requests: 0,
    throttled: 0,
    rate_limited_ms: 0,
    wait: null,
    error: null,
    stopped_by: null,
    requested_by: input.requestedBy ?? null,
    catch_up_since: input.catchUpSince ?? null,
    dry_run: input.dryRun ? 1 : 0,
    reached_at: null,
    estimate: null,
    cancel_requested_at: null,
    queued_at: at,
    claimed_by: input.receivedBy?.owner ?? null,
    lease_expires_at: input.receivedBy ? new Date(input.now.getTime() + input.receivedBy.leaseMs).toISOString() : null,
    input: input.input ? toJson(input.input) : null,
    output: null,
    claims: input.receivedBy ? 1 : 0,
    file_name: input.fileName ?? null,
  };
  await db.insertInto('runs').values(row).execute();
  return runRowToRun(row);
}

/** Called inside the page transaction: the run's counters move with the page. */
export async function saveRunProgress(
  db: Kysely<Database>,
  runId: string,
  progress: { counts: RunCounts; pages: number; checkpoint: string; reachedAt: string | null; now: Date },
  lease: { owner: string; durationMs: number } | null = null,
): Promise<{ cancelRequested: boolean; leaseHeld: boolean }> {
  const { counts } = progress;
  let query = db
    .updateTable('runs')
    .set({
      ...(progress.reachedAt ? { reached_at: progress.reachedAt } : {}),
      pages: progress.pages,
      seen: counts.seen,
      imported: counts.imported,
      updated: counts.updated,
      unchanged: counts.unchanged,
      excluded: counts.excluded,
      failed: counts.failed,
      reason_counts: toJson(counts.reasons),
      checkpoint_after: progress.checkpoint,
      heartbeat_at: progress.now.toISOString(),
      ...(lease ? { lease_expires_at: new Date(progress.now.getTime() + lease.durationMs).toISOString() } : {}),
    })
    .where('id', '=', runId);
  // A run held under its lease writes only while it is still ours: another process may have taken it over.
  if (lease) query = query.where('claimed_by', '=', lease.owner).where('status', '=', 'running');
  const row = await query.returning('cancel_requested_at').executeTakeFirst();
  return { cancelRequested: Boolean(row?.cancel_requested_at), leaseHeld: row !== undefined };
}

/** Asks a running run to stop after its current page (backfill cancel). */
export async function requestRunCancel(db: Kysely<Database>, runId: string, now: Date): Promise<void> {
  await db.updateTable('runs').set({ cancel_requested_at: now.toISOString() }).where('id', '=', runId).where('status', 'in', ['queued', 'running']).execute();
}

export async function saveRunEstimate(db: Kysely<Database>, runId: string, estimate: BackfillEstimate): Promise<void> {
  await db.updateTable('runs').set({ estimate: toJson(estimate) }).where('id', '=', runId).execute();
}

/** Ends a run, with what its end is news of (a backfill's result) in the same transaction. */
export async function finishRun(
  db: Kysely<Database>,
  runId: string,
  end: RunEnd,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await writeRunEnd(trx, runId, end);
    await notifyRunEnd(trx, runId, end.now);
  });
}

async function writeRunEnd(db: Kysely<Database>, runId: string, end: RunEnd): Promise<void> {
  await db
    .updateTable('runs')
    .set({
      status: end.status,
      error: end.error ? toJson(end.error) : null,
      stopped_by: end.stoppedBy,
      finished_at: end.now.toISOString(),
      requests: end.source.requests,
      throttled: end.source.throttled,
      rate_limited_ms: end.source.rateLimitedMs,
      wait: null,
      claimed_by: null,
      lease_expires_at: null,
    })
    .where('id', '=', runId)
    .execute();
}

/**
 * What a running run costs at the source so far, and what it waits for now: written as it
 * happens, so a running run never reads 0 requests while it waits on a rate limit. Only while
 * the run is still running: a late write never reopens a wait on a finished run.
 */
export async function saveRunLive(db: Kysely<Database>, runId: string, live: { source: SourceUsage; wait: RunWait | null }): Promise<void> {
  const wait = live.wait;
  if (wait && mayDelayImports(wait)) {
    // A rate limit that delays imports past the next scheduled run is news: said with the wait.
    await inTransaction(db, async (trx) => {
      await writeRunLive(trx, runId, live);
      await notifyRateLimitWait(trx, runId, wait, new Date(wait.since));
    });
    return;
  }
  await writeRunLive(db, runId, live);
}

async function writeRunLive(db: Kysely<Database>, runId: string, live: { source: SourceUsage; wait: RunWait | null }): Promise<void> {
  await db
    .updateTable('runs')
    .set({
      requests: live.source.requests,
      throttled: live.source.throttled,
      rate_limited_ms: live.source.rateLimitedMs,
      wait: live.wait ? toJson(live.wait) : null,
    })
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .execute();
}

/**
 * Whether the integration has read its source to the end at least once (a scheduled or manual run
 * that finished without an error). Until then a run is still the first import, never a catch-up.
 */
export async function hasCompletedRead(db: Kysely<Database>, integrationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('runs')
    .select('id')
    .where('integration_id', '=', integrationId)
    .where('kind', 'in', ['scheduled', 'manual'])
    .where('status', 'in', ['succeeded', 'partial'])
    .where('error', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The newest running scheduled or manual run of each integration given (the one holding its lease). */
export async function findRunningRuns(db: Kysely<Database>, integrationIds: readonly string[]): Promise<Map<string, Run>> {
  if (integrationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('runs')
    .selectAll()
    .where('integration_id', 'in', [...integrationIds])
    .where('status', '=', 'running')
    .where('kind', 'in', ['scheduled', 'manual', 'backfill'])
    .orderBy('started_at', 'asc')
    .execute();
  // A scheduled or manual run (the one reading the feed) wins over a backfill beside it; within a
  // kind, ascending order lets the newest run, written last, win.
  const runs = new Map<string, Run>();
  for (const row of rows) {
    const held = runs.get(row.integration_id);
    if (held && held.kind !== 'backfill' && row.kind === 'backfill') continue;
    runs.set(row.integration_id, runRowToRun(row));
  }
  return runs;
}

export async function findRun(db: Kysely<Database>, id: string, workspaceId?: string): Promise<Run | null> {
  let query = db.selectFrom('runs').selectAll().where('id', '=', id);
  if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  return row ? runRowToRun(row) : null;
}

/**
 * Newest first; `before` is the started_at of the last run of the previous page. Live checks (dry
 * single runs a diagnosis makes to ask the source) are left out: they decide nothing anyone keeps.
 */
export async function listRuns(
  db: Kysely<Database>,
  integrationId: string,
  options: { limit?: number; before?: string; kind?: RunKind } = {},
): Promise<Run[]> {
  let query = db
    .selectFrom('runs')
    .selectAll()
    .where('integration_id', '=', integrationId)
    .where((eb) => eb.not(eb.and([eb('kind', '=', 'single'), eb('dry_run', '=', 1)])));
  if (options.before) query = query.where('started_at', '<', options.before);
  if (options.kind) query = query.where('kind', '=', options.kind);
  const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 20).execute();
  return rows.map(runRowToRun);
}

/**
 * Runs still marked running whose process stopped beating: they died (crash, kill). Marked
 * `interrupted`; their committed pages stand, and the next run resumes at the checkpoint.
 */
export async function markStaleRunsInterrupted(db: Kysely<Database>, now: Date, staleAfterMs: number): Promise<number> {
  const result = await db
    .updateTable('runs')
    .set({ status: 'interrupted', finished_at: now.toISOString(), stopped_by: 'process_stopped' })
    .where('status', '=', 'running')
    // Runs under a lease are taken over by the queue, not given up.
    .where('claimed_by', 'is', null)
    .where('heartbeat_at', '<', new Date(now.getTime() - staleAfterMs).toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends one run of a process that died before the run queue (no lease: nobody takes it over). */
export async function interruptStaleRun(db: Kysely<Database>, runId: string, now: Date): Promise<void> {
  await db
    .updateTable('runs')
    .set({ status: 'interrupted', finished_at: now.toISOString(), stopped_by: 'process_stopped' })
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .where('claimed_by', 'is', null)
    .execute();
}

export async function touchRunHeartbeat(db: Kysely<Database>, runId: string, now: Date): Promise<void> {
  await db.updateTable('runs').set({ heartbeat_at: now.toISOString() }).where('id', '=', runId).execute();
}

/** A `running` run of an integration whose lease we now hold belongs to a process that died. */
export async function interruptRunningRuns(db: Kysely<Database>, integrationId: string, kinds: readonly RunKind[], now: Date, exceptRunId?: string): Promise<number> {
  let query = db
    .updateTable('runs')
    .set({ status: 'interrupted', finished_at: now.toISOString(), stopped_by: 'process_stopped', claimed_by: null, lease_expires_at: null })
    .where('integration_id', '=', integrationId)
    .where('status', '=', 'running')
    .where('kind', 'in', [...kinds]);
  if (exceptRunId) query = query.where('id', '!=', exceptRunId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface RunEnd {
  status: RunStatus;
  error: RunError | null;
  stoppedBy: string | null;
  source: SourceUsage;
  now: Date;
}

