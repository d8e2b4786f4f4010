import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { can, type Caller } from '../accounts/caller.js';
import { DEFAULT_EVENT_TYPES, EVENT_TYPE_LABELS, NOTIFICATION_EVENT_TYPES } from '../core/notification-event.js';
import { webhookFormat, type NotificationSubscription } from '../core/notification-subscription.js';
import {
  newSubscriptionSchema,
  smtpSettingsSchema,
  subscriptionChangeSchema,
  type AttemptView,
  type CreatedSubscriptionView,
  type NotificationOptionsView,
  type SubscriptionView,
  type TestResultView,
} from '../api/contract/notifications.js';
import { NotificationSender, SMTP_SECRET_BINDING } from '../notifications/notification-sender.js';
import { webhookUrlProblem } from '../notifications/webhook-channel.js';
import { newWebhookSecret } from '../notifications/webhook-signature.js';
import { findIntegration } from '../storage/integration.repository.js';
import { countDeliveries, listAttempts } from '../storage/notification-outbox.repository.js';
import { deleteSubscription, findSubscription, insertSubscription, listSubscriptions, updateSubscription } from '../storage/notification-subscription.repository.js';
import { clearSmtpSettings, readSmtpSettings, writeSmtpSettings } from '../storage/operator-settings.repository.js';
import { findMember } from '../storage/user.repository.js';
import type { IntakeServices } from './intake-services.js';
import { NotFoundError, ValidationError, zodProblems, type FieldProblem } from './service-errors.js';

/**
 * Notification subscriptions. Admins and users with Manage Integrations manage every subscription
 * of the workspace; any signed-in user can subscribe their own email address and manage that.
 */
function managesAll(caller: Caller): boolean {
  return can(caller, 'manage_integrations') || can(caller, 'manage_workspace');
}

async function ownEmail(services: IntakeServices, caller: Caller): Promise<string | null> {
  if (!caller.userId) return null;
  return (await findMember(services.db, caller.workspaceId, caller.userId))?.email ?? null;
}

function visible(caller: Caller, subscription: NotificationSubscription): boolean {
  return subscription.workspaceId === caller.workspaceId && (managesAll(caller) || (caller.userId !== null && subscription.ownerUserId === caller.userId));
}

async function present(services: IntakeServices, s: NotificationSubscription): Promise<SubscriptionView> {
  const counts = await countDeliveries(services.db, s.id);
  return {
    id: s.id,
    name: s.name,
    channel: s.channel,
    target: s.target,
    format: s.format,
    events: s.events,
    integrationIds: s.integrationIds,
    quietHours: s.quietHours,
    ownerUserId: s.ownerUserId,
    enabled: s.enabled,
    disabledReason: s.disabledReason,
    disabledAt: s.disabledAt,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    deliveries: { pending: counts.pending ?? 0, sent: counts.sent ?? 0, failed: counts.failed ?? 0, skipped: counts.skipped ?? 0 },
  };
}

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  return parsed.data;
}

const emailSchema = z.email({ message: 'must be an email address' });

async function checkTarget(services: IntakeServices, channel: 'email' | 'webhook', target: string): Promise<FieldProblem | null> {
  if (channel === 'email') return emailSchema.safeParse(target).success ? null : { path: 'target', message: 'must be an email address' };
  const problem = await webhookUrlProblem(target, services.hostPolicy);
  return problem ? { path: 'target', message: problem } : null;
}

async function checkIntegrations(services: IntakeServices, caller: Caller, ids: string[] | null | undefined): Promise<void> {
  if (!ids) return;
  const problems: FieldProblem[] = [];
  for (const [i, id] of ids.entries()) {
    if (!(await findIntegration(services.db, id, { workspaceId: caller.workspaceId }))) problems.push({ path: `integrationIds.${i}`, message: `no integration ${id} in this workspace (list them with: intake integrations list)` });
  }
  if (problems.length) throw new ValidationError(problems);
}

async function findVisible(services: IntakeServices, caller: Caller, id: string): Promise<NotificationSubscription> {
  const subscription = await findSubscription(services.db, id, caller.workspaceId);
  if (!subscription || !visible(caller, subscription)) throw new NotFoundError(`No notification subscription ${id}; list them with: intake notifications list`);
  return subscription;
}

export async function notificationOptions(services: IntakeServices, caller: Caller): Promise<NotificationOptionsView> {
  const smtp = await readSmtpSettings(services.db);
  return {
    eventTypes: NOTIFICATION_EVENT_TYPES.map((type) => ({ type, label: EVENT_TYPE_LABELS[type] })),
    smtp: { configured: smtp !== null, host: smtp?.host ?? null, port: smtp?.port ?? null, from: smtp?.from ?? null },
    canManageAll: managesAll(caller),
    ownEmail: await ownEmail(services, caller),
  };
}

export async function listNotificationSubscriptions(services: IntakeServices, caller: Caller): Promise<SubscriptionView[]> {
  const all = (await listSubscriptions(services.db, caller.workspaceId)).filter((s) => visible(caller, s));
  return Promise.all(all.map((s) => present(services, s)));
}

export async function getNotificationSubscription(services: IntakeServices, caller: Caller, id: string): Promise<SubscriptionView> {
  return present(services, await findVisible(services, caller, id));
}

/** Adds a subscription; a webhook's signing secret is returned here only, once. */
export async function addNotificationSubscription(services: IntakeServices, caller: Caller, raw: unknown): Promise<CreatedSubscriptionView> {
  const input = parse(newSubscriptionSchema, raw);
  const all = managesAll(caller);
  const mine = await ownEmail(services, caller);
  if (!all) {
    if (input.channel !== 'email') throw new ValidationError([{ path: 'channel', message: 'only admins and users with Manage Integrations add webhooks; subscribe your own email instead' }]);
    if (input.target !== undefined && input.target.toLowerCase() !== mine?.toLowerCase()) {
      throw new ValidationError([{ path: 'target', message: 'you can subscribe only your own email address (leave it out to use yours)' }]);
    }
  }
  const target = input.target ?? (input.channel === 'email' ? mine : undefined);
  if (!target) throw new ValidationError([{ path: 'target', message: input.channel === 'email' ? 'give the email address to notify' : 'give the webhook URL (https://…)' }]);
  const problem = await checkTarget(services, input.channel, target);
  if (problem) throw new ValidationError([problem]);
  await checkIntegrations(services, caller, input.integrationIds);
  const id = randomUUID();
  const format = input.channel === 'email' ? 'email' : webhookFormat(target);
  const secret = format === 'intake' ? newWebhookSecret() : null;
  const self = input.channel === 'email' && mine !== null && target.toLowerCase() === mine.toLowerCase();
  const subscription = await insertSubscription(services.db, {
    id,
    workspaceId: caller.workspaceId,
    name: input.name ?? (input.channel === 'email' ? `Email to ${target}` : `${format === 'slack' ? 'Slack' : 'Webhook'} to ${new URL(target).host}`),
    channel: input.channel,
    target,
    format,
    secret: secret ? services.cipher.encrypt({ secret }, id) : null,
    events: input.events ?? [...DEFAULT_EVENT_TYPES],
    integrationIds: input.integrationIds ?? null,
    quietHours: input.quietHours ?? null,
    ownerUserId: self ? caller.userId : null,
    createdBy: caller.label,
    now: services.clock.now(),
  });
  services.logger.info({ subscriptionId: id, channel: input.channel, by: caller.label }, `notification subscription "${subscription.name}" added`);
  return { subscription: await present(services, subscription), signingSecret: secret };
}

export async function changeNotificationSubscription(services: IntakeServices, caller: Caller, id: string, raw: unknown): Promise<SubscriptionView> {
  const input = parse(subscriptionChangeSchema, raw);
  const current = await findVisible(services, caller, id);
  if (input.target !== undefined) {
    if (!managesAll(caller)) throw new ValidationError([{ path: 'target', message: 'your own subscription keeps your own address' }]);
    const problem = await checkTarget(services, current.channel, input.target);
    if (problem) throw new ValidationError([problem]);
    // A signed webhook keeps its secret and a Slack one has none: moving between them is a new subscription.
    if (current.channel === 'webhook' && webhookFormat(input.target) !== current.format) {
      throw new ValidationError([{ path: 'target', message: current.format === 'slack' ? 'a Slack webhook can only move to another Slack URL; add a new webhook subscription instead' : 'a signed webhook cannot become a Slack one; add a new subscription for the Slack URL' }]);
    }
  }
  await checkIntegrations(services, caller, input.integrationIds);
  const updated = await updateSubscription(services.db, id, {
    name: input.name,
    target: input.target,
    events: input.events,
    integrationIds: input.integrationIds,
    quietHours: input.quietHours,
    enabled: input.enabled,
    now: services.clock.now(),
  });
  return present(services, updated!);
}

export async function removeNotificationSubscription(services: IntakeServices, caller: Caller, id: string): Promise<void> {
  await findVisible(services, caller, id);
  await deleteSubscription(services.db, id);
  services.logger.info({ subscriptionId: id, by: caller.label }, 'notification subscription removed');
}

export async function listNotificationAttempts(services: IntakeServices, caller: Caller, id: string): Promise<AttemptView[]> {
  await findVisible(services, caller, id);
  return listAttempts(services.db, id);
}

/** Sends a test message now and says how it went (also recorded as an attempt). */
export async function sendNotificationTest(services: IntakeServices, caller: Caller, id: string): Promise<TestResultView> {
  const subscription = await findVisible(services, caller, id);
  return notificationSender(services).sendTest(subscription, caller.label);
}

/** The background sender of this process's services. */
export function notificationSender(services: IntakeServices, options: ConstructorParameters<typeof NotificationSender>[1] = {}): NotificationSender {
  return new NotificationSender({ db: services.db, cipher: services.cipher, hostPolicy: services.hostPolicy, clock: services.clock, logger: services.logger, owner: services.processId }, options);
}

// ---- the operator's SMTP server (command line only) -----------------------------------------

export interface SmtpSettingsView {
  host: string;
  port: number;
  secure: boolean;
  from: string;
  user: string | null;
  passwordSet: boolean;
  updatedAt: string;
  updatedBy: string;
}

export async function readSmtp(services: IntakeServices): Promise<SmtpSettingsView | null> {
  const s = await readSmtpSettings(services.db);
  return s ? { host: s.host, port: s.port, secure: s.secure, from: s.from, user: s.user, passwordSet: s.password !== null, updatedAt: s.updatedAt, updatedBy: s.updatedBy } : null;
}

export async function setSmtp(services: IntakeServices, raw: unknown, actor: string): Promise<SmtpSettingsView> {
  const input = parse(smtpSettingsSchema, raw);
  await writeSmtpSettings(
    services.db,
    { host: input.host, port: input.port, secure: input.secure, from: input.from, user: input.user, password: input.password ? services.cipher.encrypt({ password: input.password }, SMTP_SECRET_BINDING) : null },
    actor,
    services.clock.now(),
  );
  services.logger.info({ host: input.host, port: input.port, by: actor }, `SMTP server for notifications set to ${input.host}:${input.port}`);
  return (await readSmtp(services))!;
}

export async function clearSmtp(services: IntakeServices): Promise<boolean> {
  return clearSmtpSettings(services.db);
}
