import type { Kysely } from 'kysely';
import type { IntegrationStatus } from '../core/integration-status.js';
import { fromJson, toJson } from './json-column.js';
import type { Database } from './schema.js';

/** Why an integration's status changed: a run's end, a pause, a resume, a reconnect. */
export interface StatusCause {
  kind: 'run' | 'pause' | 'resume' | 'reconnect' | 'created';
  runId?: string;
  category?: string;
  message?: string;
  by?: string;
  note?: string | null;
}

export interface StatusEvent {
  id: number;
  integrationId: string;
  at: string;
  from: IntegrationStatus;
  to: IntegrationStatus;
  cause: StatusCause;
}

export async function insertStatusEvent(
  db: Kysely<Database>,
  event: { workspaceId: string; integrationId: string; at: string; from: IntegrationStatus; to: IntegrationStatus; cause: StatusCause },
): Promise<void> {
  await db
    .insertInto('status_events')
    .values({
      workspace_id: event.workspaceId,
      integration_id: event.integrationId,
      at: event.at,
      from_status: event.from,
      to_status: event.to,
      cause: toJson(event.cause),
    })
    .execute();
}

export async function listStatusEvents(
  db: Kysely<Database>,
  integrationId: string,
  range: { from?: string; to?: string } = {},
): Promise<StatusEvent[]> {
  let query = db.selectFrom('status_events').selectAll().where('integration_id', '=', integrationId);
  if (range.from) query = query.where('at', '>=', range.from);
  if (range.to) query = query.where('at', '<', range.to);
  const rows = await query.orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    integrationId: row.integration_id,
    at: row.at,
    from: row.from_status as IntegrationStatus,
    to: row.to_status as IntegrationStatus,
    cause: fromJson(row.cause, { kind: 'run' } as StatusCause),
  }));
}
