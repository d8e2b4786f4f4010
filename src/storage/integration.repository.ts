import type { Kysely } from 'kysely';
import type { BackfillHint, Integration, LastError } from '../core/integration.js';
import type { SettingsProblem } from '../core/settings-problems.js';
import { storedSettings, type IntegrationSettings } from '../core/integration-settings.js';
import { displayedStatus, healthAfterReconnect, type Health, type HealthState, type IntegrationStatus } from '../core/integration-status.js';
import { INTEGRATIONS_FLAG } from '../core/permissions.js';
import { fromJson, toJson } from './json-column.js';
import type { Database, IntegrationRow, IntegrationRowUpdate } from './schema.js';
import { insertStatusEvent, type StatusCause } from './status-event.repository.js';
import { insertHistory, type HistoryKind } from './integration-history.repository.js';
import { findRunningRuns } from './run.repository.js';
import { inTransaction } from './notification-outbox.repository.js';
import { notifyHealthChange } from './notification-triggers.js';

export function integrationRowToIntegration(row: IntegrationRow, now?: Date): Integration {
  const health = row.health as Health;
  const leaseHeld = row.lease_owner !== null && row.lease_expires_at !== null && (!now || row.lease_expires_at > now.toISOString());
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    platform: row.platform,
    name: row.name,
    sourceAccount: row.source_account,
    connection: fromJson(row.connection, {}),
    credentialsSet: row.credentials !== null,
    credentialsUpdatedAt: row.credentials_updated_at,
    settings: storedSettings(fromJson(row.settings, {})),
    checkpoint: row.checkpoint,
    status: statusOfRow(row),
    health,
    healthSince: row.health_since,
    outageRuns: row.outage_runs,
    outageSince: row.outage_since,
    lastError: fromJson<LastError | null>(row.last_error, null),
    lastRanAt: row.last_ran_at,
    lastDataImportedAt: row.last_data_imported_at,
    nextRunAt: row.next_run_at,
    pause: row.paused_at ? { at: row.paused_at, by: row.paused_by ?? 'unknown', note: row.pause_note } : null,
    runningSince: leaseHeld ? row.last_ran_at : null,
    activeRun: null,
    catchUpSince: row.catch_up_since,
    checkpointReachedAt: row.checkpoint_reached_at,
    backfillHint: fromJson<BackfillHint | null>(row.backfill_hint, null),
    settingsProblems: fromJson<SettingsProblem[] | null>(row.settings_problems, null) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function statusOfRow(row: Pick<IntegrationRow, 'paused_at' | 'health'>): IntegrationStatus {
  return displayedStatus({ health: row.health as Health, paused: row.paused_at !== null });
}

export interface NewIntegration {
  /** Chosen by the caller: the credentials are encrypted bound to it before the insert. */
  id: string;
  workspaceId: string;
  platform: string;
  name: string;
  sourceAccount: string;
  connection: Record<string, unknown>;
  /** Already encrypted. */
  credentials: string | null;
  settings: IntegrationSettings;
  now: Date;
  createdBy: string;
}

export async function insertIntegration(db: Kysely<Database>, input: NewIntegration): Promise<Integration> {
  const at = input.now.toISOString();
  const row: IntegrationRow = {
    id: input.id,
    workspace_id: input.workspaceId,
    platform: input.platform,
    name: input.name,
    source_account: input.sourceAccount,
    connection: toJson(input.connection),
    credentials: input.credentials,
    credentials_updated_at: input.credentials ? at : null,
    settings: toJson(input.settings),
    checkpoint: null,
    health: 'active',
    health_since: at,
    outage_runs: 0,
    outage_since: null,
    last_error: null,
    last_ran_at: null,
    last_data_imported_at: null,
    // A new integration is due at once: the admin wants to see it work.
    next_run_at: at,
    paused_at: null,
    paused_by: null,
    pause_note: null,
    lease_owner: null,
    lease_expires_at: null,
    catch_up_since: null,
    checkpoint_reached_at: null,
    backfill_hint: null,
    reconciled_at: null,
    settings_problems: null,
    created_at: at,
    updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('integrations').values(row).execute();
    await insertHistory(trx, {
      workspaceId: row.workspace_id,
      integrationId: row.id,
      at: input.now,
      actor: input.createdBy,
      kind: 'created',
      after: { name: row.name, platform: row.platform, sourceAccount: row.source_account, connection: input.connection, settings: input.settings, credentials: input.credentials ? 'set' : 'none' },
    });
    await insertStatusEvent(trx, {
      workspaceId: row.workspace_id,
      integrationId: row.id,
      at,
      from: 'active',
      to: 'active',
      cause: { kind: 'created', by: input.createdBy },
    });
  });
  return integrationRowToIntegration(row);
}

export async function findIntegration(
  db: Kysely<Database>,
  id: string,
  options: { workspaceId?: string; now?: Date } = {},
): Promise<Integration | null> {
  let query = db.selectFrom('integrations').selectAll().where('id', '=', id);
  if (options.workspaceId) query = query.where('workspace_id', '=', options.workspaceId);
  const row = await query.executeTakeFirst();
  return row ? ((await withActiveRuns(db, [integrationRowToIntegration(row, options.now)]))[0] ?? null) : null;
}

/**
 * Attaches the run in flight to each integration: the scheduled or manual run of one that holds its
 * run lease, else a backfill running beside (a report it waits for shows on the Platforms row too).
 */
async function withActiveRuns(db: Kysely<Database>, integrations: Integration[]): Promise<Integration[]> {
  if (integrations.length === 0) return integrations;
  const runs = await findRunningRuns(db, integrations.map((i) => i.id));
  if (runs.size === 0) return integrations;
  return integrations.map((i) => {
    const run = runs.get(i.id) ?? null;
    if (i.runningSince !== null) return { ...i, activeRun: run && run.kind !== 'backfill' ? run : null };
    return run?.kind === 'backfill' ? { ...i, activeRun: run } : i;
  });
}

export async function findIntegrationByName(db: Kysely<Database>, workspaceId: string, name: string): Promise<Integration | null> {
  const row = await db
    .selectFrom('integrations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? ((await withActiveRuns(db, [integrationRowToIntegration(row)]))[0] ?? null) : null;
}

export async function listIntegrations(db: Kysely<Database>, workspaceId: string, now?: Date): Promise<Integration[]> {
  const rows = await db
    .selectFrom('integrations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
  return withActiveRuns(db, rows.map((row) => integrationRowToIntegration(row, now)));
}

/** One integration's encrypted credentials, any, to check a key against. */
export async function readAnyEncryptedCredentials(db: Kysely<Database>): Promise<{ integrationId: string; envelope: string } | null> {
  const row = await db.selectFrom('integrations').select(['id', 'credentials']).where('credentials', 'is not', null).limit(1).executeTakeFirst();
  return row?.credentials ? { integrationId: row.id, envelope: row.credentials } : null;
}

export async function readEncryptedCredentials(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await db.selectFrom('integrations').select('credentials').where('id', '=', id).executeTakeFirst();
  return row?.credentials ?? null;
}

export interface IntegrationPatch {
  name?: string;
  settings?: IntegrationSettings;
  connection?: Record<string, unknown>;
  sourceAccount?: string;
  credentials?: string;
}

/** What to record in the settings history with a change. */
export interface ChangeRecord {
  actor: string;
  kind: HistoryKind;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  note?: string | null;
}

/** Applies a patch and records it in the settings history, in one transaction. */
export async function updateIntegration(db: Kysely<Database>, id: string, patch: IntegrationPatch, now: Date, changes: ChangeRecord[] = []): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writePatch(trx, id, patch, now);
    const row = await trx.selectFrom('integrations').select('workspace_id').where('id', '=', id).executeTakeFirst();
    if (!row) return;
    for (const change of changes) await insertHistory(trx, { ...change, workspaceId: row.workspace_id, integrationId: id, at: now });
  });
}

async function writePatch(db: Kysely<Database>, id: string, patch: IntegrationPatch, now: Date): Promise<void> {
  const at = now.toISOString();
  const update: IntegrationRowUpdate = { updated_at: at };
  if (patch.name !== undefined) update.name = patch.name;
  if (patch.settings !== undefined) update.settings = toJson(patch.settings);
  if (patch.connection !== undefined) update.connection = toJson(patch.connection);
  if (patch.sourceAccount !== undefined) update.source_account = patch.sourceAccount;
  if (patch.credentials !== undefined) {
    update.credentials = patch.credentials;
    update.credentials_updated_at = at;
  }
  await db.updateTable('integrations').set(update).where('id', '=', id).execute();
}

export async function deleteIntegration(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('integrations').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Pauses at once for the schedule; a run in flight stops after its current page. */
export async function pauseIntegration(
  db: Kysely<Database>,
  id: string,
  input: { by: string; note: string | null; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.paused_at) return false;
    const at = input.now.toISOString();
    await trx
      .updateTable('integrations')
      .set({ paused_at: at, paused_by: input.by, pause_note: input.note, updated_at: at })
      .where('id', '=', id)
      .execute();
    await insertStatusEvent(trx, {
      workspaceId: row.workspace_id,
      integrationId: id,
      at,
      from: statusOfRow(row),
      to: 'paused',
      cause: { kind: 'pause', by: input.by, note: input.note },
    });
    return true;
  });
}

/** Resumes from the checkpoint; the integration is due at once. */
export async function resumeIntegration(db: Kysely<Database>, id: string, input: { by: string; now: Date }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !row.paused_at) return false;
    const at = input.now.toISOString();
    await trx
      .updateTable('integrations')
      .set({ paused_at: null, paused_by: null, pause_note: null, next_run_at: at, updated_at: at })
      .where('id', '=', id)
      .execute();
    await insertStatusEvent(trx, {
      workspaceId: row.workspace_id,
      integrationId: id,
      at,
      from: 'paused',
      to: row.health as Health,
      cause: { kind: 'resume', by: input.by },
    });
    return true;
  });
}

/**
 * Takes the integration's run lease. INVARIANT: at most one process runs an integration at a time;
 * the lease is held in the database so separate processes and machines respect it.
 */
export async function claimLease(db: Kysely<Database>, id: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('integrations')
    .set({ lease_owner: owner, lease_expires_at: new Date(now.getTime() + leaseMs).toISOString(), last_ran_at: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Extends a held lease; false when another process took it over (ours had expired). */
export async function renewLease(db: Kysely<Database>, id: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('integrations')
    .set({ lease_expires_at: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Kysely<Database>, id: string, owner: string): Promise<void> {
  await db
    .updateTable('integrations')
    .set({ lease_owner: null, lease_expires_at: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/**
 * Unpaused integrations whose next run is due and which nobody is running, in workspaces whose
 * Integrations flag is on: with it off nothing imports, and each integration stays due, so it
 * resumes from its checkpoint as soon as the flag is back on.
 */
export async function findDueIntegrationIds(db: Kysely<Database>, now: Date, limit: number, options: { exceptPlatforms?: readonly string[] } = {}): Promise<string[]> {
  const at = now.toISOString();
  const enabled = await enabledWorkspaceIds(db);
  if (enabled.length === 0) return [];
  let query = db
    .selectFrom('integrations')
    .select('id')
    .where('workspace_id', 'in', enabled);
  if (options.exceptPlatforms?.length) query = query.where('platform', 'not in', [...options.exceptPlatforms]);
  const rows = await query
    .where('paused_at', 'is', null)
    .where('next_run_at', '<=', at)
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', at)]))
    .orderBy('next_run_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Workspaces whose Integrations flag is on. The flags are JSON text, read the same way on both
 * dialects; workspaces are few (tenants), so reading them all stays cheap.
 */
async function enabledWorkspaceIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('workspaces').select(['id', 'feature_flags']).execute();
  return rows.filter((row) => fromJson<Record<string, unknown>>(row.feature_flags, {})[INTEGRATIONS_FLAG] === true).map((row) => row.id);
}

export interface RunEndUpdate {
  health: HealthState;
  /** The run caught up the outage: forget its start. */
  clearCatchUp?: boolean;
  lastError: LastError | null;
  nextRunAt: Date | null;
  now: Date;
  cause: StatusCause;
}

/** Records how a run left the integration, and a status event when its status changed. */
export async function recordRunEnd(db: Kysely<Database>, id: string, update: RunEndUpdate): Promise<void> {
  const row = await db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return;
  const at = update.now.toISOString();
  const set: IntegrationRowUpdate = {
    health: update.health.health,
    outage_runs: update.health.outageRuns,
    outage_since: update.health.outageSince,
  };
  if (update.health.health !== row.health) set.health_since = at;
  if (update.clearCatchUp) set.catch_up_since = null;
  if (update.lastError) set.last_error = toJson(update.lastError);
  if (update.nextRunAt) set.next_run_at = update.nextRunAt.toISOString();
  await db.updateTable('integrations').set(set).where('id', '=', id).execute();
  const before = statusOfRow(row);
  const after = displayedStatus({ health: update.health.health, paused: row.paused_at !== null });
  if (before !== after) {
    await insertStatusEvent(db, { workspaceId: row.workspace_id, integrationId: id, at, from: before, to: after, cause: update.cause });
  }
  // The outbox: its notification commits with the health it reports (completeRun's transaction).
  await notifyHealthChange(db, row, update.health.health, { category: update.cause.category, message: update.cause.message, runId: update.cause.runId }, update.now);
}

/** Integrations whose run lease someone holds, with the holder. */
export async function listHeldLeases(db: Kysely<Database>): Promise<Array<{ id: string; owner: string }>> {
  const rows = await db.selectFrom('integrations').select(['id', 'lease_owner']).where('lease_owner', 'is not', null).execute();
  return rows.map((r) => ({ id: r.id, owner: r.lease_owner! }));
}

/** New credentials were verified: out of `failure`, due at once, from the saved checkpoint. */
export async function recordReconnect(db: Kysely<Database>, id: string, input: { by: string; now: Date }): Promise<void> {
  await inTransaction(db, (trx) => reconnect(trx, id, input));
}

async function reconnect(db: Kysely<Database>, id: string, input: { by: string; now: Date }): Promise<void> {
  const row = await db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return;
  const at = input.now.toISOString();
  const before: HealthState & { healthSince: string } = { health: row.health as Health, outageRuns: row.outage_runs, outageSince: row.outage_since, healthSince: row.health_since };
  const { health, catchUpSince } = healthAfterReconnect(before);
  const changed = health.health !== before.health;
  await db
    .updateTable('integrations')
    .set({
      next_run_at: at,
      ...(changed ? { health: health.health, health_since: at, outage_runs: health.outageRuns, outage_since: health.outageSince, catch_up_since: catchUpSince } : {}),
    })
    .where('id', '=', id)
    .execute();
  const from = statusOfRow(row);
  const to = displayedStatus({ health: health.health, paused: row.paused_at !== null });
  if (from !== to) {
    await insertStatusEvent(db, { workspaceId: row.workspace_id, integrationId: id, at, from, to, cause: { kind: 'reconnect', by: input.by } });
  }
  await notifyHealthChange(db, row, health.health, { reconnectedBy: input.by }, input.now);
}
