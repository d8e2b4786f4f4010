import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { SourceHostPolicy } from '../connectors/source-host-policy.js';
import type { Clock } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { CredentialCipher } from '../security/credential-cipher.js';
import {
  claimDueDeliveries,
  fanOutEvent,
  listDeliveryClaimOwners,
  listEventsToFanOut,
  postponeDeliveries,
  pruneNotificationHistory,
  recordAttempt,
  releaseDeliveryClaims,
  settleDeliveries,
  skipPendingDeliveries,
  type ClaimedDelivery,
} from '../storage/notification-outbox.repository.js';
import { disableSubscription, findSubscription, listSubscriptions, readSubscriptionSecret } from '../storage/notification-subscription.repository.js';
import { readServiceAddress, readSmtpSettings } from '../storage/operator-settings.repository.js';
import type { Database } from '../storage/schema.js';
import { messageIdDomain, sendEmail } from './email-channel.js';
import type { NotificationEvent } from '../core/notification-event.js';
import { digestMessage, emailContent, singleMessage, type OutgoingMessage } from './outgoing-message.js';
import { quietUntil } from '../core/quiet-hours.js';
import { nextAttemptAt } from './retry-schedule.js';
import { wants, type NotificationSubscription } from '../core/notification-subscription.js';
import { sendWebhook, type SendResult } from './webhook-channel.js';

export interface NotificationSenderDeps {
  db: Kysely<Database>;
  cipher: CredentialCipher;
  hostPolicy: SourceHostPolicy;
  clock: Clock;
  logger: Logger;
  /** `host/pid/random`: whose delivery claims are whose. */
  owner: string;
}

export interface NotificationSenderOptions {
  /** How often the background loop looks for work. */
  tickMs?: number;
  /** How long a claim holds deliveries; one left by a dead sender on another machine expires after it. */
  claimMs?: number;
  /** A subscription with due events about this many integrations or more gets one digest. */
  digestThreshold?: number;
  /**
   * How long a new event waits for others before it is sent (20 s): integrations that fail together
   * (one platform's outage) end their runs seconds apart, and should make one digest, not many.
   */
  gatherMs?: number;
  /** How long a webhook receiver or SMTP server may take to answer. */
  timeoutMs?: number;
  /** Settled history (attempts, sent deliveries, closed incidents) is kept this many days (90). */
  historyDays?: number;
}

/** The associated data the SMTP password is encrypted with (credentials use the integration id). */
export const SMTP_SECRET_BINDING = 'operator-setting:smtp';

export interface SenderPass {
  fannedOut: number;
  sent: number;
  failed: number;
}

/**
 * Delivers the outbox: turns each new event into one delivery per subscription that wants it
 * (after its quiet hours), then sends what is due — one message per event, or one digest when many
 * integrations changed at once — retrying with backoff for a day, recording every attempt, and
 * disabling a webhook whose deliveries failed for a day. Crash-safe: a delivery is marked sent only
 * after the receiver accepted it, and every message carries its event's id as idempotency key.
 */
export class NotificationSender {
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  #pass: Promise<unknown> | null = null;
  #prunedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: NotificationSenderDeps,
    private readonly options: NotificationSenderOptions = {},
  ) {}

  start(): void {
    this.#stopped = false;
    const loop = async () => {
      if (this.#stopped) return;
      this.#pass = this.runOnce().catch((error: unknown) => this.deps.logger.error({ err: error }, 'the notification sender failed a pass; retrying'));
      await this.#pass;
      this.#pass = null;
      if (!this.#stopped) this.#timer = setTimeout(() => void loop(), this.options.tickMs ?? 2_000);
    };
    void this.releaseDeadClaims()
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not release the delivery claims of stopped processes'))
      .then(loop);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#pass;
  }

  /** One deterministic pass: fan out new events, send what is due. */
  async runOnce(): Promise<SenderPass> {
    const fannedOut = await this.#fanOut();
    // A subscription with something due takes along what is still gathering: one digest, not a trickle.
    const claimed = await claimDueDeliveries(this.deps.db, { owner: this.deps.owner, now: this.deps.clock.now(), claimMs: this.options.claimMs ?? 120_000, limit: 500, aheadMs: this.options.gatherMs ?? 20_000 });
    const bySubscription = new Map<string, ClaimedDelivery[]>();
    for (const d of claimed) bySubscription.set(d.subscriptionId, [...(bySubscription.get(d.subscriptionId) ?? []), d]);
    let sent = 0;
    let failed = 0;
    for (const [subscriptionId, deliveries] of bySubscription) {
      const result = await this.#deliver(subscriptionId, deliveries);
      sent += result.sent;
      failed += result.failed;
    }
    await this.#pruneDaily();
    return { fannedOut, sent, failed };
  }

  /** Once a day per process: the history of what was sent does not grow without end. */
  async #pruneDaily(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    if (now - this.#prunedAt < 86_400_000) return;
    this.#prunedAt = now;
    const days = this.options.historyDays ?? 90;
    const removed = await pruneNotificationHistory(this.deps.db, new Date(now - days * 86_400_000));
    if (removed > 0) this.deps.logger.info({ removed, historyDays: days }, `notification history: removed ${removed} row(s) older than ${days} days`);
  }

  /** Claims of this machine's processes that are gone are released: their deliveries are due at once. */
  async releaseDeadClaims(): Promise<void> {
    const host = hostname();
    for (const owner of await listDeliveryClaimOwners(this.deps.db)) {
      const [ownerHost, pidText] = owner.split('/');
      const pid = Number(pidText);
      if (owner === this.deps.owner || ownerHost !== host || !Number.isInteger(pid) || isAlive(pid)) continue;
      await releaseDeliveryClaims(this.deps.db, owner);
    }
  }

  /** Sends a test message to one subscription now, outside the outbox; the attempt is recorded. */
  async sendTest(subscription: NotificationSubscription, actor: string): Promise<SendResult> {
    const now = this.deps.clock.now();
    const event: NotificationEvent = {
      id: randomUUID(),
      workspaceId: subscription.workspaceId,
      integrationId: null,
      type: 'test',
      incidentId: null,
      occurredAt: now.toISOString(),
      payload: {
        title: 'Test message from Intake',
        message: `${actor} sent this test to check that "${subscription.name}" reaches you. Nothing is wrong.`,
        category: null,
        fix: null,
        integration: null,
        incident: null,
        path: '/account/notifications',
        detail: {},
      },
    };
    const result = await this.#send(subscription, singleMessage(event));
    await recordAttempt(this.deps.db, { workspaceId: subscription.workspaceId, subscriptionId: subscription.id, at: now.toISOString(), kind: 'test', eventIds: [event.id], ok: result.ok, statusCode: result.statusCode, error: result.error });
    return result;
  }

  async #fanOut(): Promise<number> {
    const events = await listEventsToFanOut(this.deps.db, 200);
    const subscriptions = new Map<string, NotificationSubscription[]>();
    for (const event of events) {
      const now = this.deps.clock.now();
      const all = subscriptions.get(event.workspaceId) ?? (await listSubscriptions(this.deps.db, event.workspaceId));
      subscriptions.set(event.workspaceId, all);
      const gathered = new Date(now.getTime() + (this.options.gatherMs ?? 20_000));
      const deliveries = all.filter((s) => wants(s, event)).map((s) => ({ subscriptionId: s.id, workspaceId: s.workspaceId, dueAt: quietUntil(s.quietHours, gathered) ?? gathered }));
      await fanOutEvent(this.deps.db, event.id, deliveries, now);
    }
    return events.length;
  }

  async #deliver(subscriptionId: string, deliveries: ClaimedDelivery[]): Promise<{ sent: number; failed: number }> {
    const { db, clock } = this.deps;
    const ids = deliveries.map((d) => d.id);
    const subscription = await findSubscription(db, subscriptionId);
    if (!subscription || !subscription.enabled) {
      await settleDeliveries(db, ids, { kind: 'skipped', error: subscription ? `the subscription is off: ${subscription.disabledReason ?? ''}`.trim() : 'the subscription was removed' }, clock.now());
      return { sent: 0, failed: 0 };
    }
    const quietEnd = quietUntil(subscription.quietHours, clock.now());
    if (quietEnd) {
      await postponeDeliveries(db, ids, quietEnd);
      return { sent: 0, failed: 0 };
    }
    const integrations = new Set(deliveries.map((d) => d.event.integrationId ?? d.event.id));
    const batches = integrations.size >= (this.options.digestThreshold ?? 3) ? [deliveries] : deliveries.map((d) => [d]);
    let sent = 0;
    let failed = 0;
    for (const batch of batches) {
      const message = batch.length > 1 ? digestMessage(batch.map((d) => d.event)) : singleMessage(batch[0]!.event);
      const result = await this.#send(subscription, message);
      const now = clock.now();
      await recordAttempt(db, { workspaceId: subscription.workspaceId, subscriptionId, at: now.toISOString(), kind: message.kind, eventIds: message.events.map((e) => e.id), ok: result.ok, statusCode: result.statusCode, error: result.error });
      if (result.ok) {
        await settleDeliveries(db, batch.map((d) => d.id), { kind: 'sent' }, now);
        sent += batch.length;
        this.deps.logger.info({ subscriptionId, eventIds: message.events.map((e) => e.id), kind: message.kind }, `notification sent to "${subscription.name}" (${message.events.length} event${message.events.length === 1 ? '' : 's'})`);
        continue;
      }
      const error = result.error ?? 'unknown error';
      for (const d of batch) {
        const next = nextAttemptAt(d.attempts + 1, new Date(d.firstAttemptAt ?? now.toISOString()), now);
        await settleDeliveries(db, [d.id], next ? { kind: 'retry', dueAt: next, error } : { kind: 'failed', error }, now);
        if (!next) failed += 1;
      }
      this.deps.logger.warn({ subscriptionId, error }, `a notification to "${subscription.name}" failed; it is retried with backoff for a day`);
      if (failed > 0 && subscription.channel === 'webhook') {
        const reason = `Disabled on ${now.toISOString()}: deliveries kept failing for a day (last: ${error}). Fix the receiver, then turn the webhook back on.`;
        await disableSubscription(db, subscriptionId, reason, now);
        await skipPendingDeliveries(db, subscriptionId, 'the webhook was disabled after failing for a day');
        this.deps.logger.warn({ subscriptionId }, `the webhook "${subscription.name}" was disabled: its deliveries failed for a day`);
        break;
      }
    }
    return { sent, failed };
  }

  /** Sends, turning anything unexpected (an unreadable secret after a key change) into a failed attempt. */
  async #send(subscription: NotificationSubscription, message: OutgoingMessage): Promise<SendResult> {
    try {
      return await this.#sendUnguarded(subscription, message);
    } catch (error) {
      this.deps.logger.error({ err: error, subscriptionId: subscription.id }, 'a notification could not be prepared');
      return { ok: false, statusCode: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async #sendUnguarded(subscription: NotificationSubscription, message: OutgoingMessage): Promise<SendResult> {
    const { db, cipher } = this.deps;
    const baseUrl = (await readServiceAddress(db))?.url ?? null;
    if (subscription.channel === 'webhook') {
      const envelope = await readSubscriptionSecret(db, subscription.id);
      const secret = envelope ? String(cipher.decrypt(envelope, subscription.id).secret ?? '') : null;
      return sendWebhook({ url: subscription.target, format: subscription.format === 'slack' ? 'slack' : 'intake', secret, message, baseUrl, hostPolicy: this.deps.hostPolicy, now: this.deps.clock.now(), timeoutMs: this.options.timeoutMs });
    }
    const smtp = await readSmtpSettings(db);
    if (!smtp) return { ok: false, statusCode: null, error: 'no SMTP server is set: the operator sets one with `intake notifications smtp set`' };
    const password = smtp.password ? String(cipher.decrypt(smtp.password, SMTP_SECRET_BINDING).password ?? '') : null;
    const content = emailContent(message, subscription, messageIdDomain(smtp.from), baseUrl);
    return sendEmail({ host: smtp.host, port: smtp.port, secure: smtp.secure, from: smtp.from, user: smtp.user, password }, subscription.target, content, message.id, this.options.timeoutMs);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
