import type { NotificationEventType } from './notification-event.js';
import type { QuietHours } from './quiet-hours.js';

export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** How a message is shaped: an email, Intake's signed JSON, or a Slack incoming webhook's body. */
export type NotificationFormat = 'email' | 'intake' | 'slack';

/** Who is told what. Holds no secret: a webhook's signing secret stays in storage, encrypted. */
export interface NotificationSubscription {
  id: string;
  workspaceId: string;
  name: string;
  channel: NotificationChannel;
  /** The email address or the webhook URL. */
  target: string;
  format: NotificationFormat;
  events: NotificationEventType[];
  /** Null: every integration of the workspace. */
  integrationIds: string[] | null;
  quietHours: QuietHours | null;
  /** Set when a user subscribed themselves (to their own address). */
  ownerUserId: string | null;
  enabled: boolean;
  /** Why it was disabled (a webhook that kept failing says so here). */
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** A Slack incoming webhook's address gets Slack's body instead of Intake's. */
export function webhookFormat(url: string): NotificationFormat {
  try {
    return new URL(url).hostname.toLowerCase() === 'hooks.slack.com' ? 'slack' : 'intake';
  } catch {
    return 'intake';
  }
}

/** Whether the subscription wants this event. Test messages go to the one subscription asked. */
export function wants(subscription: NotificationSubscription, event: { type: string; integrationId: string | null }): boolean {
  if (!subscription.enabled) return false;
  if (!(subscription.events as string[]).includes(event.type)) return false;
  if (subscription.integrationIds && event.integrationId && !subscription.integrationIds.includes(event.integrationId)) return false;
  return true;
}
