/**
 * What Intake tells people about, and the shape every channel renders. Pure: storage writes these
 * in the same transaction as the change behind them; the sender reads them back.
 */
export const NOTIFICATION_EVENT_TYPES = [
  'integration.warning',
  'integration.failure',
  'integration.recovered',
  'credentials.rejected',
  'volume.opened',
  'volume.closed',
  'no_imports.opened',
  'no_imports.closed',
  'backfill.finished',
  'backfill.failed',
  'rate_limit.delay',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/** The events a new subscription gets when it names none: everything but routine backfill news. */
export const DEFAULT_EVENT_TYPES: readonly NotificationEventType[] = NOTIFICATION_EVENT_TYPES;

export const EVENT_TYPE_LABELS: Record<NotificationEventType, string> = {
  'integration.warning': 'Integration enters warning',
  'integration.failure': 'Integration enters failure',
  'integration.recovered': 'Integration recovers',
  'credentials.rejected': 'Credentials rejected',
  'volume.opened': 'Volume alert opened',
  'volume.closed': 'Volume alert closed',
  'no_imports.opened': 'Nothing imported for the configured hours',
  'no_imports.closed': 'Imports resumed after a quiet period',
  'backfill.finished': 'Backfill finished',
  'backfill.failed': 'Backfill failed',
  'rate_limit.delay': 'Rate limit delays imports past the next scheduled run',
};

/** What an incident is about: one per integration and kind is open at a time. */
export const INCIDENT_KINDS = ['health', 'volume_drop', 'no_imports', 'rate_limit'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** The facts of an event, as written to the outbox. Links are paths; the sender adds the address. */
export interface NotificationPayload {
  /** One line: "Zendesk EU is failing". */
  title: string;
  /** What a person reads: what happened, and what it means. */
  message: string;
  /** The error category behind it (auth_revoked, unreachable, …), if any. */
  category: string | null;
  /** What to do about it, if anything. */
  fix: string | null;
  integration: { id: string; name: string; platform: string } | null;
  /** The incident it opens, updates or resolves; its id threads the messages (`first`: this event opened it). */
  incident: { id: string; kind: IncidentKind; state: 'open' | 'resolved'; title: string; first: boolean } | null;
  /** A path of the web UI ("/integrations/…"). */
  path: string;
  detail: Record<string, unknown>;
}

/** A stored event, as the sender reads it. Its id is the idempotency key every channel carries. */
export interface NotificationEvent {
  id: string;
  workspaceId: string;
  integrationId: string | null;
  type: NotificationEventType | 'test';
  incidentId: string | null;
  payload: NotificationPayload;
  occurredAt: string;
}
