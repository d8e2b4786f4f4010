import type { Kysely, Migration } from 'kysely';

/**
 * Notifications: who is told what (subscriptions: an email address or a webhook, the events and
 * integrations it wants, its quiet hours), the outbox of events written in the same transaction as
 * the status change behind them, the incidents that thread them, one delivery per subscription and
 * event (unique: the idempotency of the fan-out), and every attempt to send one.
 */
export function notificationsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('notification_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('secret', 'text')
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('integration_ids', 'text')
        .addColumn('quiet_hours', 'text')
        .addColumn('owner_user_id', 'text')
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('disabled_reason', 'text')
        .addColumn('disabled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notification_subscriptions_workspace').on('notification_subscriptions').columns(['workspace_id']).execute();

      await db.schema
        .createTable('notification_incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('integration_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('notification_incidents_open').on('notification_incidents').columns(['integration_id', 'kind', 'closed_at']).execute();

      await db.schema
        .createTable('notification_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('integration_id', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('fanned_out_at', 'text')
        .execute();
      await db.schema.createIndex('notification_events_pending').on('notification_events').columns(['fanned_out_at', 'occurred_at']).execute();

      await db.schema
        .createTable('notification_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('first_attempt_at', 'text')
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('notification_deliveries_once', ['subscription_id', 'event_id'])
        .execute();
      await db.schema.createIndex('notification_deliveries_due').on('notification_deliveries').columns(['status', 'due_at']).execute();

      await db.schema
        .createTable('notification_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('event_ids', 'text', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('notification_attempts_subscription').on('notification_attempts').columns(['subscription_id', 'at']).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['notification_attempts', 'notification_deliveries', 'notification_events', 'notification_incidents', 'notification_subscriptions']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
