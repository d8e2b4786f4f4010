import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fromJson, toJson } from './json-column.js';
import { inTransaction } from './notification-outbox.repository.js';
import { notifyAlert } from './notification-triggers.js';
import type { Database } from './schema.js';

export type AlertKind = 'volume_drop' | 'no_imports';
export type AlertCause = 'nothing_fetched' | 'excluded' | 'failing' | 'stale';

export interface Alert {
  id: string;
  integrationId: string;
  integrationName: string;
  kind: AlertKind;
  cause: AlertCause;
  message: string;
  detail: Record<string, unknown>;
  openedAt: string;
  closedAt: string | null;
}

export async function listAlerts(
  db: Kysely<Database>,
  filter: { workspaceId: string; integrationId?: string; openOnly?: boolean; since?: string },
): Promise<Alert[]> {
  let query = db
    .selectFrom('alerts')
    .innerJoin('integrations', 'integrations.id', 'alerts.integration_id')
    .selectAll('alerts')
    .select('integrations.name as integration_name')
    .where('alerts.workspace_id', '=', filter.workspaceId);
  if (filter.integrationId) query = query.where('alerts.integration_id', '=', filter.integrationId);
  if (filter.openOnly) query = query.where('alerts.closed_at', 'is', null);
  if (filter.since) {
    const since = filter.since;
    query = query.where((eb) => eb.or([eb('alerts.closed_at', 'is', null), eb('alerts.closed_at', '>=', since)]));
  }
  const rows = await query.orderBy('alerts.opened_at', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    integrationId: r.integration_id,
    integrationName: r.integration_name,
    kind: r.kind as AlertKind,
    cause: r.cause as AlertCause,
    message: r.message,
    detail: fromJson(r.detail, {}),
    openedAt: r.opened_at,
    closedAt: r.closed_at,
  }));
}

export async function openAlert(
  db: Kysely<Database>,
  alert: { workspaceId: string; integrationId: string; kind: AlertKind; cause: AlertCause; message: string; detail: Record<string, unknown>; now: Date },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('alerts')
      .values({
        id: randomUUID(),
        workspace_id: alert.workspaceId,
        integration_id: alert.integrationId,
        kind: alert.kind,
        cause: alert.cause,
        message: alert.message,
        detail: toJson(alert.detail),
        opened_at: alert.now.toISOString(),
        closed_at: null,
      })
      .execute();
    await notifyAlert(trx, { integrationId: alert.integrationId, kind: alert.kind, opened: true, message: alert.message, detail: alert.detail, now: alert.now });
  });
}

/** Keeps an open alert's explanation current while the condition lasts. */
export async function refreshAlert(db: Kysely<Database>, id: string, update: { cause: AlertCause; message: string; detail: Record<string, unknown> }): Promise<void> {
  await db.updateTable('alerts').set({ cause: update.cause, message: update.message, detail: toJson(update.detail) }).where('id', '=', id).execute();
}

export async function closeAlert(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const closed = await trx.updateTable('alerts').set({ closed_at: now.toISOString() }).where('id', '=', id).where('closed_at', 'is', null).returning(['integration_id', 'kind']).executeTakeFirst();
    if (closed) await notifyAlert(trx, { integrationId: closed.integration_id, kind: closed.kind, opened: false, message: null, detail: {}, now });
  });
}
