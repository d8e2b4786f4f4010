import type { Kysely } from 'kysely';
import type { NotificationEventType } from '../core/notification-event.js';
import type { QuietHours } from '../core/quiet-hours.js';
import type { NotificationChannel, NotificationFormat, NotificationSubscription } from '../core/notification-subscription.js';
import { fromJson, toJson } from './json-column.js';
import type { Database, NotificationSubscriptionTable } from './schema.js';

type Row = NotificationSubscriptionTable;

function rowToSubscription(row: Row): NotificationSubscription {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    channel: row.channel as NotificationChannel,
    target: row.target,
    format: row.format as NotificationFormat,
    events: fromJson<NotificationEventType[]>(row.events, []),
    integrationIds: fromJson<string[] | null>(row.integration_ids, null),
    quietHours: fromJson<QuietHours | null>(row.quiet_hours, null),
    ownerUserId: row.owner_user_id,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

export interface NewSubscription {
  id: string;
  workspaceId: string;
  name: string;
  channel: NotificationChannel;
  target: string;
  format: NotificationFormat;
  /** Already encrypted. */
  secret: string | null;
  events: NotificationEventType[];
  integrationIds: string[] | null;
  quietHours: QuietHours | null;
  ownerUserId: string | null;
  createdBy: string;
  now: Date;
}

export async function insertSubscription(db: Kysely<Database>, input: NewSubscription): Promise<NotificationSubscription> {
  const at = input.now.toISOString();
  const row: Row = {
    id: input.id,
    workspace_id: input.workspaceId,
    name: input.name,
    channel: input.channel,
    target: input.target,
    format: input.format,
    secret: input.secret,
    events: toJson(input.events),
    integration_ids: input.integrationIds ? toJson(input.integrationIds) : null,
    quiet_hours: input.quietHours ? toJson(input.quietHours) : null,
    owner_user_id: input.ownerUserId,
    enabled: 1,
    disabled_reason: null,
    disabled_at: null,
    created_at: at,
    created_by: input.createdBy,
    updated_at: at,
  };
  await db.insertInto('notification_subscriptions').values(row).execute();
  return rowToSubscription(row);
}

export async function listSubscriptions(db: Kysely<Database>, workspaceId: string): Promise<NotificationSubscription[]> {
  const rows = await db.selectFrom('notification_subscriptions').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
  return rows.map(rowToSubscription);
}

export async function findSubscription(db: Kysely<Database>, id: string, workspaceId?: string): Promise<NotificationSubscription | null> {
  let query = db.selectFrom('notification_subscriptions').selectAll().where('id', '=', id);
  if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  return row ? rowToSubscription(row) : null;
}

/** The encrypted signing secret of a webhook (the sender decrypts it only to sign). */
export async function readSubscriptionSecret(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await db.selectFrom('notification_subscriptions').select('secret').where('id', '=', id).executeTakeFirst();
  return row?.secret ?? null;
}

export interface SubscriptionChange {
  name?: string;
  target?: string;
  format?: NotificationFormat;
  secret?: string | null;
  events?: NotificationEventType[];
  integrationIds?: string[] | null;
  quietHours?: QuietHours | null;
  /** Turning it on clears why it was off. */
  enabled?: boolean;
  now: Date;
}

export async function updateSubscription(db: Kysely<Database>, id: string, change: SubscriptionChange): Promise<NotificationSubscription | null> {
  await db
    .updateTable('notification_subscriptions')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.target !== undefined ? { target: change.target } : {}),
      ...(change.format !== undefined ? { format: change.format } : {}),
      ...(change.secret !== undefined ? { secret: change.secret } : {}),
      ...(change.events !== undefined ? { events: toJson(change.events) } : {}),
      ...(change.integrationIds !== undefined ? { integration_ids: change.integrationIds ? toJson(change.integrationIds) : null } : {}),
      ...(change.quietHours !== undefined ? { quiet_hours: change.quietHours ? toJson(change.quietHours) : null } : {}),
      ...(change.enabled === true ? { enabled: 1, disabled_reason: null, disabled_at: null } : {}),
      ...(change.enabled === false ? { enabled: 0, disabled_reason: 'Turned off by a user.', disabled_at: change.now.toISOString() } : {}),
      updated_at: change.now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
  return findSubscription(db, id);
}

/** Turns a subscription off, saying why (a webhook that kept failing). */
export async function disableSubscription(db: Kysely<Database>, id: string, reason: string, now: Date): Promise<void> {
  await db
    .updateTable('notification_subscriptions')
    .set({ enabled: 0, disabled_reason: reason, disabled_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('enabled', '=', 1)
    .execute();
}

/** Removes a subscription with its deliveries and attempts. */
export async function deleteSubscription(db: Kysely<Database>, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('notification_attempts').where('subscription_id', '=', id).execute();
    await trx.deleteFrom('notification_deliveries').where('subscription_id', '=', id).execute();
    const result = await trx.deleteFrom('notification_subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}
