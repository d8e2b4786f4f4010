import type { Kysely } from 'kysely';
import type { Health } from '../core/integration-status.js';
import type { RunWait } from '../core/run.js';
import { describeAlert, describeBackfillEnd, describeHealthChange, describeRateLimitDelay, type IntegrationRef } from '../core/describe-notification.js';
import { fromJson } from './json-column.js';
import { closeIncidentQuietly, findOpenIncident, writeNotificationEvent } from './notification-outbox.repository.js';
import type { Database, IntegrationRow } from './schema.js';

/*
 * The events that status changes cause, written by the repositories that make those changes, in
 * their transaction (the outbox): an integration's health, its alerts, a backfill's end, a rate
 * limit's wait. Nothing here sends anything.
 */

const ref = (row: Pick<IntegrationRow, 'id' | 'name' | 'platform'>): IntegrationRef => ({ id: row.id, name: row.name, platform: row.platform });

/** The integration's health moved from `row.health` to `to`. */
export async function notifyHealthChange(
  db: Kysely<Database>,
  row: IntegrationRow,
  to: Health,
  cause: { category?: string | null; message?: string | null; runId?: string | null; reconnectedBy?: string | null },
  now: Date,
): Promise<void> {
  const from = row.health as Health;
  if (from === to) return;
  let recovered: number | null = null;
  if (to === 'active' && cause.runId) {
    const run = await db.selectFrom('runs').select(['imported', 'updated', 'catch_up_since']).where('id', '=', cause.runId).executeTakeFirst();
    if (run) recovered = run.imported + run.updated;
  }
  const described = describeHealthChange({
    integration: ref(row),
    from,
    to,
    category: cause.category ?? null,
    errorMessage: cause.message ?? null,
    since: row.health_since,
    recovered,
    reconnectedBy: cause.reconnectedBy ?? null,
  });
  if (described) await writeNotificationEvent(db, { workspaceId: row.workspace_id, integration: ref(row), described, now });
}

/** A volume or no-import alert opened or closed. */
export async function notifyAlert(db: Kysely<Database>, input: { integrationId: string; kind: string; opened: boolean; message: string | null; detail: Record<string, unknown>; now: Date }): Promise<void> {
  if (input.kind !== 'volume_drop' && input.kind !== 'no_imports') return;
  const row = await db.selectFrom('integrations').selectAll().where('id', '=', input.integrationId).executeTakeFirst();
  if (!row) return;
  const described = describeAlert({ integration: ref(row), kind: input.kind, opened: input.opened, message: input.message, detail: input.detail });
  await writeNotificationEvent(db, { workspaceId: row.workspace_id, integration: ref(row), described, now: input.now });
}

/** A run ended: a backfill says how it went; a rate-limit wait's incident ends with its run. */
export async function notifyRunEnd(db: Kysely<Database>, runId: string, now: Date): Promise<void> {
  const run = await db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) return;
  await closeIncidentQuietly(db, run.integration_id, 'rate_limit', now);
  if (run.kind !== 'backfill' || run.dry_run === 1) return;
  const row = await db.selectFrom('integrations').selectAll().where('id', '=', run.integration_id).executeTakeFirst();
  if (!row) return;
  const error = fromJson<{ category?: string; message?: string } | null>(run.error, null);
  const described = describeBackfillEnd({
    integration: ref(row),
    runId,
    status: run.status,
    window: { from: run.window_from, to: run.window_to },
    counts: { imported: run.imported, updated: run.updated, excluded: run.excluded, failed: run.failed },
    errorMessage: error?.message ?? null,
    category: error?.category ?? null,
  });
  if (described) await writeNotificationEvent(db, { workspaceId: row.workspace_id, integration: ref(row), described, now });
}

const RATE_LIMIT_WAITS: readonly string[] = ['budget', 'retry_after'];

/**
 * A rate-limit wait long enough to be news (a minute or more). Shorter ones are pacing; checking
 * only these keeps the run's live writes a single statement (they race the page writes).
 */
export function mayDelayImports(wait: RunWait): boolean {
  return RATE_LIMIT_WAITS.includes(wait.kind) && Date.parse(wait.until) - Date.parse(wait.since) >= 60_000;
}

/**
 * A scheduled or manual run waits on a rate limit (a minute or more) past the time the next
 * scheduled run was due (its start plus the integration's interval): said once per run, however
 * often the wait is saved.
 */
export async function notifyRateLimitWait(db: Kysely<Database>, runId: string, wait: RunWait, now: Date): Promise<void> {
  if (!mayDelayImports(wait)) return;
  const run = await db.selectFrom('runs').select(['integration_id', 'kind', 'started_at']).where('id', '=', runId).executeTakeFirst();
  if (!run || (run.kind !== 'scheduled' && run.kind !== 'manual')) return;
  const row = await db.selectFrom('integrations').selectAll().where('id', '=', run.integration_id).executeTakeFirst();
  if (!row) return;
  const interval = Number(fromJson<{ intervalMinutes?: number }>(row.settings, {}).intervalMinutes ?? 0);
  if (!interval) return;
  const nextDue = new Date(Date.parse(run.started_at) + interval * 60_000);
  if (Date.parse(wait.until) <= nextDue.getTime()) return;
  if (await findOpenIncident(db, row.id, 'rate_limit')) return;
  const described = describeRateLimitDelay({ integration: ref(row), runId, until: wait.until, nextRunWasDueAt: nextDue.toISOString(), reason: wait.reason });
  await writeNotificationEvent(db, { workspaceId: row.workspace_id, integration: ref(row), described, now });
}
