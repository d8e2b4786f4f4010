import { z } from 'zod';
import { NOTIFICATION_EVENT_TYPES } from '../../core/notification-event.js';
import { NOTIFICATION_CHANNELS } from '../../core/notification-subscription.js';
import { isKnownTimeZone } from '../../core/quiet-hours.js';
import { isoTimestamp } from './common.js';

// Notifications: subscriptions (an email address or a webhook, the events and integrations it
// wants, its quiet hours), their delivery attempts, a test message, and the SMTP server in use.

const clockTime = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (e.g. 22:00)');

export const quietHoursSchema = z
  .object({
    start: clockTime,
    end: clockTime,
    timeZone: z
      .string()
      .trim()
      .max(64, 'must be at most 64 characters')
      .default('UTC')
      .refine(isKnownTimeZone, { message: 'must be an IANA time zone such as Europe/Paris or UTC' }),
  })
  .strict()
  .refine((q) => q.start !== q.end, { message: 'start and end must differ (22:00 to 07:00 spans the night)', path: ['end'] });
export type QuietHoursInput = z.input<typeof quietHoursSchema>;

const eventTypes = z.array(z.enum(NOTIFICATION_EVENT_TYPES)).min(1, 'choose at least one event').max(NOTIFICATION_EVENT_TYPES.length);
const integrationIds = z.array(z.string().min(1).max(100)).min(1, 'name at least one integration, or send null for all of them').max(500).nullable();
const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export const newSubscriptionSchema = z
  .object({
    name: name.optional(),
    channel: z.enum(NOTIFICATION_CHANNELS),
    /** The email address (yours when omitted) or the webhook's URL. */
    target: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').optional(),
    events: eventTypes.optional(),
    integrationIds: integrationIds.optional(),
    quietHours: quietHoursSchema.nullable().optional(),
  })
  .strict();
export type NewSubscriptionInput = z.input<typeof newSubscriptionSchema>;

export const subscriptionChangeSchema = z
  .object({
    name: name.optional(),
    target: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').optional(),
    events: eventTypes.optional(),
    integrationIds: integrationIds.optional(),
    quietHours: quietHoursSchema.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type SubscriptionChangeInput = z.input<typeof subscriptionChangeSchema>;

export const subscriptionView = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  target: z.string(),
  format: z.enum(['email', 'intake', 'slack']).describe('slack: a Slack incoming webhook gets a Slack-shaped body'),
  events: z.array(z.enum(NOTIFICATION_EVENT_TYPES)),
  integrationIds: z.array(z.string()).nullable().describe('null: every integration'),
  quietHours: z.object({ start: z.string(), end: z.string(), timeZone: z.string() }).nullable(),
  ownerUserId: z.string().nullable().describe('Set when a user subscribed themselves'),
  enabled: z.boolean(),
  disabledReason: z.string().nullable().describe('Why it is off: a webhook that kept failing says so here'),
  disabledAt: isoTimestamp.nullable(),
  createdAt: isoTimestamp,
  createdBy: z.string(),
  deliveries: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int(), skipped: z.number().int() }),
});
export type SubscriptionView = z.infer<typeof subscriptionView>;

export const subscriptionListView = z.object({ subscriptions: z.array(subscriptionView) });
export type SubscriptionListView = z.infer<typeof subscriptionListView>;

export const createdSubscriptionView = z.object({
  subscription: subscriptionView,
  signingSecret: z.string().nullable().describe('A webhook’s signing secret: shown once, store it now (null for email and Slack)'),
});
export type CreatedSubscriptionView = z.infer<typeof createdSubscriptionView>;

export const attemptView = z.object({
  id: z.string(),
  at: isoTimestamp,
  kind: z.enum(['event', 'digest', 'test']),
  eventIds: z.array(z.string()),
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type AttemptView = z.infer<typeof attemptView>;

export const attemptListView = z.object({ attempts: z.array(attemptView) });
export type AttemptListView = z.infer<typeof attemptListView>;

export const testResultView = z.object({ ok: z.boolean(), statusCode: z.number().int().nullable(), error: z.string().nullable() });
export type TestResultView = z.infer<typeof testResultView>;

export const notificationOptionsView = z.object({
  eventTypes: z.array(z.object({ type: z.enum(NOTIFICATION_EVENT_TYPES), label: z.string() })),
  smtp: z.object({
    configured: z.boolean(),
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    from: z.string().nullable(),
  }),
  /** Whether the caller may manage every subscription (else only their own email). */
  canManageAll: z.boolean(),
  ownEmail: z.string().nullable(),
});
export type NotificationOptionsView = z.infer<typeof notificationOptionsView>;

/** The operator's SMTP settings (command line only; no API route writes them). */
export const smtpSettingsSchema = z
  .object({
    host: z.string().trim().min(1, 'must not be empty').max(253, 'must be at most 253 characters'),
    port: z.coerce.number().int('must be a whole number').min(1, 'must be from 1 to 65535').max(65535, 'must be from 1 to 65535'),
    secure: z.boolean().default(false),
    from: z.string().trim().min(3, 'must be an address such as "Intake <intake@example.com>"').max(320).refine((v) => /@[^@\s>]+/.test(v), { message: 'must contain an email address (e.g. Intake <intake@example.com>)' }),
    user: z.string().max(320).nullable().default(null),
    password: z.string().max(1000).nullable().default(null),
  })
  .strict();
export type SmtpSettingsInput = z.input<typeof smtpSettingsSchema>;
