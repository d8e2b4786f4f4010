import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DescribedEvent, IntegrationRef } from '../core/describe-notification.js';
import type { IncidentKind, NotificationEvent, NotificationEventType, NotificationPayload } from '../core/notification-event.js';
import { fromJson, toJson } from './json-column.js';
import type { Database, NotificationEventTable } from './schema.js';

/**
 * Writes an event to the outbox, opening or resolving its incident. INVARIANT: called inside the
 * transaction that writes the change behind it, so the change and its notification commit (or roll
 * back) together. Returns the event's id, or null when there is nothing to say (resolving an
 * incident nobody was told about).
 */
export async function writeNotificationEvent(
  db: Kysely<Database>,
  input: { workspaceId: string; integration: IntegrationRef | null; described: DescribedEvent; now: Date },
): Promise<string | null> {
  const { described, integration } = input;
  const at = input.now.toISOString();
  let incident: NotificationPayload['incident'] = null;
  if (described.incident && integration) {
    const open = await findOpenIncident(db, integration.id, described.incident.kind);
    if (described.incident.action === 'close') {
      if (!open) return null;
      await db.updateTable('notification_incidents').set({ closed_at: at }).where('id', '=', open.id).execute();
      incident = { id: open.id, kind: described.incident.kind, state: 'resolved', title: open.title, first: false };
    } else {
      const id = open?.id ?? randomUUID();
      if (!open) {
        await db
          .insertInto('notification_incidents')
          .values({ id, workspace_id: input.workspaceId, integration_id: integration.id, kind: described.incident.kind, title: described.incident.title, opened_at: at, closed_at: null })
          .execute();
      }
      incident = { id, kind: described.incident.kind, state: 'open', title: open?.title ?? described.incident.title, first: !open };
    }
  }
  const payload: NotificationPayload = {
    title: described.title,
    message: described.message,
    category: described.category,
    fix: described.fix,
    integration,
    incident,
    path: described.path,
    detail: described.detail,
  };
  const id = randomUUID();
  await db
    .insertInto('notification_events')
    .values({ id, workspace_id: input.workspaceId, integration_id: integration?.id ?? null, type: described.type, incident_id: incident?.id ?? null, payload: toJson(payload), occurred_at: at, fanned_out_at: null })
    .execute();
  return id;
}

export async function findOpenIncident(db: Kysely<Database>, integrationId: string, kind: IncidentKind): Promise<{ id: string; title: string } | null> {
  const row = await db
    .selectFrom('notification_incidents')
    .select(['id', 'title'])
    .where('integration_id', '=', integrationId)
    .where('kind', '=', kind)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

/** Ends an incident that needs no message of its own (a rate-limit wait over with its run). */
export async function closeIncidentQuietly(db: Kysely<Database>, integrationId: string, kind: IncidentKind, now: Date): Promise<void> {
  await db.updateTable('notification_incidents').set({ closed_at: now.toISOString() }).where('integration_id', '=', integrationId).where('kind', '=', kind).where('closed_at', 'is', null).execute();
}

/** Runs `work` in the caller's transaction, or in a new one when called outside any. */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function rowToEvent(row: NotificationEventTable): NotificationEvent {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    integrationId: row.integration_id,
    type: row.type as NotificationEventType,
    incidentId: row.incident_id,
    payload: fromJson<NotificationPayload>(row.payload, { title: row.type, message: '', category: null, fix: null, integration: null, incident: null, path: '/', detail: {} }),
    occurredAt: row.occurred_at,
  };
}

/** Events not yet turned into deliveries, oldest first. */
export async function listEventsToFanOut(db: Kysely<Database>, limit: number): Promise<NotificationEvent[]> {
  const rows = await db.selectFrom('notification_events').selectAll().where('fanned_out_at', 'is', null).orderBy('occurred_at').orderBy('id').limit(limit).execute();
  return rows.map(rowToEvent);
}

/**
 * Makes one delivery per subscription that wants the event and marks the event fanned out, in one
 * transaction. A repeat (a sender that died after the insert) adds nothing: one delivery per
 * subscription and event.
 */
export async function fanOutEvent(db: Kysely<Database>, eventId: string, deliveries: Array<{ subscriptionId: string; workspaceId: string; dueAt: Date }>, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    for (const d of deliveries) {
      await trx
        .insertInto('notification_deliveries')
        .values({
          id: randomUUID(),
          workspace_id: d.workspaceId,
          subscription_id: d.subscriptionId,
          event_id: eventId,
          status: 'pending',
          due_at: d.dueAt.toISOString(),
          attempts: 0,
          first_attempt_at: null,
          claimed_by: null,
          claimed_until: null,
          sent_at: null,
          last_error: null,
          created_at: at,
        })
        .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
        .execute();
    }
    await trx.updateTable('notification_events').set({ fanned_out_at: at }).where('id', '=', eventId).where('fanned_out_at', 'is', null).execute();
  });
}

/** A pending delivery a sender holds, with its event. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  attempts: number;
  firstAttemptAt: string | null;
  event: NotificationEvent;
}

/**
 * Claims the due deliveries (pending, due, not held by a live claim) for this sender. A claim that
 * expires belongs to a sender that died: its deliveries become due again (sent at least once; the
 * event id lets a receiver drop a repeat).
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  input: { owner: string; now: Date; claimMs: number; limit: number; /** Also take a subscription's first tries due within this much, when it has one due now. */ aheadMs?: number },
): Promise<ClaimedDelivery[]> {
  const at = input.now.toISOString();
  const candidates = await db
    .selectFrom('notification_deliveries')
    .select(['id', 'subscription_id'])
    .where('status', '=', 'pending')
    .where('due_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .orderBy('due_at')
    .orderBy('id')
    .limit(input.limit)
    .execute();
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.id);
  if (input.aheadMs) {
    const soon = await db
      .selectFrom('notification_deliveries')
      .select('id')
      .where('subscription_id', 'in', [...new Set(candidates.map((c) => c.subscription_id))])
      .where('status', '=', 'pending')
      .where('attempts', '=', 0)
      .where('due_at', '>', at)
      .where('due_at', '<=', new Date(input.now.getTime() + input.aheadMs).toISOString())
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
      .limit(input.limit)
      .execute();
    ids.push(...soon.map((r) => r.id));
  }
  await db
    .updateTable('notification_deliveries')
    .set({ claimed_by: input.owner, claimed_until: new Date(input.now.getTime() + input.claimMs).toISOString() })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .execute();
  const rows = await db
    .selectFrom('notification_deliveries')
    .innerJoin('notification_events', 'notification_events.id', 'notification_deliveries.event_id')
    .selectAll('notification_events')
    .select(['notification_deliveries.id as delivery_id', 'notification_deliveries.subscription_id', 'notification_deliveries.attempts', 'notification_deliveries.first_attempt_at'])
    .where('notification_deliveries.id', 'in', ids)
    .where('notification_deliveries.claimed_by', '=', input.owner)
    .where('notification_deliveries.status', '=', 'pending')
    .orderBy('notification_events.occurred_at')
    .execute();
  return rows.map((r) => ({ id: r.delivery_id, subscriptionId: r.subscription_id, attempts: r.attempts, firstAttemptAt: r.first_attempt_at, event: rowToEvent(r) }));
}

/** Claims held by senders that are gone (this machine's dead processes), so their deliveries are due at once. */
export async function listDeliveryClaimOwners(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('notification_deliveries').select('claimed_by').distinct().where('status', '=', 'pending').where('claimed_by', 'is not', null).execute();
  return rows.map((r) => r.claimed_by!).filter(Boolean);
}

export async function releaseDeliveryClaims(db: Kysely<Database>, owner: string): Promise<void> {
  await db.updateTable('notification_deliveries').set({ claimed_by: null, claimed_until: null }).where('claimed_by', '=', owner).where('status', '=', 'pending').execute();
}

/** The outcome of one try, for the deliveries it carried. */
export type DeliveryOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; dueAt: Date; error: string }
  | { kind: 'failed'; error: string }
  | { kind: 'skipped'; error: string };

export async function settleDeliveries(db: Kysely<Database>, ids: readonly string[], outcome: DeliveryOutcome, now: Date): Promise<void> {
  if (ids.length === 0) return;
  const at = now.toISOString();
  const base = db.updateTable('notification_deliveries').where('id', 'in', [...ids]);
  if (outcome.kind === 'sent') {
    await base.set((eb) => ({ status: 'sent', sent_at: at, attempts: eb('attempts', '+', 1), first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(at)), claimed_by: null, claimed_until: null, last_error: null })).execute();
  } else if (outcome.kind === 'retry') {
    await base
      .set((eb) => ({ status: 'pending', due_at: outcome.dueAt.toISOString(), attempts: eb('attempts', '+', 1), first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(at)), claimed_by: null, claimed_until: null, last_error: outcome.error }))
      .execute();
  } else if (outcome.kind === 'failed') {
    await base.set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(at)), claimed_by: null, claimed_until: null, last_error: outcome.error })).execute();
  } else {
    await base.set({ status: 'skipped', claimed_by: null, claimed_until: null, last_error: outcome.error }).execute();
  }
}

/** Moves a subscription's pending deliveries to a later time (quiet hours began meanwhile). */
export async function postponeDeliveries(db: Kysely<Database>, ids: readonly string[], dueAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('notification_deliveries').set({ due_at: dueAt.toISOString(), claimed_by: null, claimed_until: null }).where('id', 'in', [...ids]).execute();
}

/** A subscription that is disabled or gone gets nothing more: its pending deliveries are skipped. */
export async function skipPendingDeliveries(db: Kysely<Database>, subscriptionId: string, reason: string): Promise<void> {
  await db.updateTable('notification_deliveries').set({ status: 'skipped', claimed_by: null, claimed_until: null, last_error: reason }).where('subscription_id', '=', subscriptionId).where('status', '=', 'pending').execute();
}

export interface DeliveryAttempt {
  id: string;
  subscriptionId: string;
  at: string;
  kind: 'event' | 'digest' | 'test';
  eventIds: string[];
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

export async function recordAttempt(db: Kysely<Database>, attempt: Omit<DeliveryAttempt, 'id'> & { workspaceId: string }): Promise<void> {
  await db
    .insertInto('notification_attempts')
    .values({
      id: randomUUID(),
      workspace_id: attempt.workspaceId,
      subscription_id: attempt.subscriptionId,
      at: attempt.at,
      kind: attempt.kind,
      event_ids: toJson(attempt.eventIds),
      ok: attempt.ok ? 1 : 0,
      status_code: attempt.statusCode,
      error: attempt.error,
    })
    .execute();
}

export async function listAttempts(db: Kysely<Database>, subscriptionId: string, limit = 100): Promise<DeliveryAttempt[]> {
  const rows = await db.selectFrom('notification_attempts').selectAll().where('subscription_id', '=', subscriptionId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    subscriptionId: r.subscription_id,
    at: r.at,
    kind: r.kind as DeliveryAttempt['kind'],
    eventIds: fromJson<string[]>(r.event_ids, []),
    ok: r.ok === 1,
    statusCode: r.status_code,
    error: r.error,
  }));
}

/** How a subscription's deliveries stand: pending, sent, failed (for its page). */
export async function countDeliveries(db: Kysely<Database>, subscriptionId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('notification_deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('subscription_id', '=', subscriptionId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * Forgets settled notification history older than `cutoff`: attempts, deliveries that are no longer
 * pending, events every delivery of which is gone, incidents closed before it. Open incidents and
 * anything still to send stay.
 */
export async function pruneNotificationHistory(db: Kysely<Database>, cutoff: Date): Promise<number> {
  const at = cutoff.toISOString();
  return db.transaction().execute(async (trx) => {
    const attempts = await trx.deleteFrom('notification_attempts').where('at', '<', at).executeTakeFirst();
    const deliveries = await trx.deleteFrom('notification_deliveries').where('status', '!=', 'pending').where('created_at', '<', at).executeTakeFirst();
    const events = await trx
      .deleteFrom('notification_events')
      .where('occurred_at', '<', at)
      .where('fanned_out_at', 'is not', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('notification_deliveries').select('notification_deliveries.id').whereRef('notification_deliveries.event_id', '=', 'notification_events.id'))))
      .executeTakeFirst();
    const incidents = await trx.deleteFrom('notification_incidents').where('closed_at', '<', at).executeTakeFirst();
    return [attempts, deliveries, events, incidents].reduce((n, r) => n + Number(r.numDeletedRows), 0);
  });
}
