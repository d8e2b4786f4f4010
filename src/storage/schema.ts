import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The tables as Kysely sees them. Timestamps are ISO-8601 UTC text on both dialects (sortable,
 * and the same string whichever database stored it); JSON is text; booleans are 0/1.
 */
export interface Database {
  workspaces: WorkspaceTable;
  integrations: IntegrationTable;
  runs: RunTable;
  contacts: ContactTable;
  decisions: DecisionTable;
  status_events: StatusEventTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  sign_in_links: SignInLinkTable;
  login_throttle: LoginThrottleTable;
  integration_history: IntegrationHistoryTable;
  alerts: AlertTable;
  rate_budgets: RateBudgetTable;
  operator_settings: OperatorSettingTable;
  directory_entries: DirectoryEntryTable;
  directory_refreshes: DirectoryRefreshTable;
  notification_subscriptions: NotificationSubscriptionTable;
  notification_incidents: NotificationIncidentTable;
  notification_events: NotificationEventTable;
  notification_deliveries: NotificationDeliveryTable;
  notification_attempts: NotificationAttemptTable;
  received_records: ReceivedRecordTable;
}

/** Who is told what: an email address or a webhook, with the events and integrations it wants. */
export interface NotificationSubscriptionTable {
  id: string;
  workspace_id: string;
  name: string;
  /** 'email' | 'webhook'. */
  channel: string;
  /** The email address, or the webhook's URL. */
  target: string;
  /** 'email' | 'intake' (signed JSON) | 'slack' (a Slack incoming webhook). */
  format: string;
  /** The webhook's signing secret, encrypted like credentials; null for email. */
  secret: string | null;
  /** JSON NotificationEventType[]. */
  events: string;
  /** JSON string[]; null: every integration of the workspace. */
  integration_ids: string | null;
  /** JSON QuietHours; null: none. */
  quiet_hours: string | null;
  /** The user who subscribed themselves (their own address); null for shared subscriptions. */
  owner_user_id: string | null;
  enabled: number;
  disabled_reason: string | null;
  disabled_at: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** One problem of one integration, from its start to its resolution: the thread its messages share. */
export interface NotificationIncidentTable {
  id: string;
  workspace_id: string;
  integration_id: string;
  /** 'health' | 'volume_drop' | 'no_imports' | 'rate_limit'. */
  kind: string;
  title: string;
  opened_at: string;
  closed_at: string | null;
}

/** The outbox: an event, written with the change that caused it; its id is its idempotency key. */
export interface NotificationEventTable {
  id: string;
  workspace_id: string;
  integration_id: string | null;
  type: string;
  incident_id: string | null;
  /** JSON NotificationPayload. */
  payload: string;
  occurred_at: string;
  /** When the sender made its deliveries; null until then. */
  fanned_out_at: string | null;
}

/** One event for one subscription. Unique (subscription, event): a fan-out repeated adds nothing. */
export interface NotificationDeliveryTable {
  id: string;
  workspace_id: string;
  subscription_id: string;
  event_id: string;
  /** 'pending' | 'sent' | 'failed' | 'skipped'. */
  status: string;
  /** When it may be sent next (after quiet hours, after a retry's backoff). */
  due_at: string;
  attempts: number;
  first_attempt_at: string | null;
  /** A sender holding it while it sends; a claim that expires was a sender that died. */
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  last_error: string | null;
  created_at: string;
}

/** Every try to send a message (one event, a digest of several, or a test). */
export interface NotificationAttemptTable {
  id: string;
  workspace_id: string;
  subscription_id: string;
  at: string;
  /** 'event' | 'digest' | 'test'. */
  kind: string;
  /** JSON string[]. */
  event_ids: string;
  ok: number;
  status_code: number | null;
  error: string | null;
}

/** An agent or custom field an integration's source lists (or once listed): id → name. */
export interface DirectoryEntryTable {
  integration_id: string;
  /** 'agent' | 'custom_field'. */
  kind: string;
  /** The id contacts carry (an agent's id, a custom field's key). */
  source_id: string;
  name: string;
  detail: string | null;
  first_seen_at: string;
  last_seen_at: string;
  /** When the source stopped listing it; null while listed. */
  gone_at: string | null;
}

/** When an integration's directory was last read from its source, and how that went. */
export interface DirectoryRefreshTable {
  integration_id: string;
  attempted_at: string;
  refreshed_at: string | null;
  /** JSON DirectoryKind[]: what the last successful read listed. */
  kinds: string;
  /** JSON {category, message} of the last failed attempt; null after a success. */
  error: string | null;
}

/** A setting of the installation (not of a workspace), set by its operator. */
export interface OperatorSettingTable {
  key: string;
  /** JSON. */
  value: string;
  updated_at: string;
  updated_by: string;
}

export interface RateBudgetTable {
  key: string;
  limit_count: number | null;
  /** Null until a response said how much is left. */
  remaining: number | null;
  reset_at: string;
  blocked_until: string | null;
  /** Requests sent on this budget, by any process, not answered yet (and when that last changed). */
  in_flight: number;
  in_flight_at: string | null;
  /** Bumped on every change: writers compare and retry, so concurrent processes never lose an update. */
  revision: number;
}

export interface IntegrationHistoryTable {
  id: Generated<number>;
  workspace_id: string;
  integration_id: string;
  at: string;
  actor: string;
  kind: string;
  /** JSON of what changed, before and after (credentials: only that they changed). */
  before: string | null;
  after: string | null;
  note: string | null;
}

export interface AlertTable {
  id: string;
  workspace_id: string;
  integration_id: string;
  kind: string;
  cause: string;
  message: string;
  detail: string;
  opened_at: string;
  closed_at: string | null;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface MembershipTable {
  user_id: string;
  workspace_id: string;
  role: string;
  created_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  workspace_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  workspace_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  /** JSON Permission[]. */
  permissions: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Set: the token may only push records to this integration (and has no permission besides). */
  push_integration_id: string | null;
}

export interface SignInLinkTable {
  token_hash: string;
  user_id: string;
  workspace_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface WorkspaceTable {
  id: string;
  name: string;
  /** JSON object of flag name → boolean. */
  feature_flags: string;
  created_at: string;
}

export interface IntegrationTable {
  id: string;
  workspace_id: string;
  platform: string;
  name: string;
  source_account: string;
  /** JSON: the platform's non-secret connection settings (subdomain, base URL, auth kind). */
  connection: string;
  /** AES-256-GCM envelope; never leaves the process in clear. */
  credentials: string | null;
  credentials_updated_at: string | null;
  /** JSON IntegrationSettings. */
  settings: string;
  checkpoint: string | null;
  health: string;
  health_since: string;
  outage_runs: number;
  outage_since: string | null;
  /** JSON {category, message, at, runId, detail}. */
  last_error: string | null;
  last_ran_at: string | null;
  last_data_imported_at: string | null;
  next_run_at: string | null;
  paused_at: string | null;
  paused_by: string | null;
  pause_note: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  /** Set when the integration left `failure`: the outage start the next run catches up from. */
  catch_up_since: string | null;
  /** Source time up to which every change has been read. */
  checkpoint_reached_at: string | null;
  /** JSON BackfillHint, after a settings change that would now include excluded contacts. */
  backfill_hint: string | null;
  /** When the source was last asked which held contacts it deleted (platforms without deletions in their feed). */
  reconciled_at: string | null;
  /** JSON SettingsProblem[]: filter conditions the directory shows to be stale. */
  settings_problems: string | null;
  created_at: string;
  updated_at: string;
}

export interface RunTable {
  id: string;
  workspace_id: string;
  integration_id: string;
  kind: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  heartbeat_at: string;
  window_from: string | null;
  window_to: string | null;
  source_ref: string | null;
  checkpoint_before: string | null;
  checkpoint_after: string | null;
  pages: number;
  seen: number;
  imported: number;
  updated: number;
  unchanged: number;
  excluded: number;
  failed: number;
  /** JSON reason → count. */
  reason_counts: string;
  /** Source requests the run sent, 429s it met, and ms it spent waiting on rate limits. */
  requests: number;
  throttled: number;
  rate_limited_ms: number;
  /** JSON RunWait while the run waits on the source (rate limit, Retry-After, backoff); null otherwise. */
  wait: string | null;
  /** JSON RunError. */
  error: string | null;
  stopped_by: string | null;
  requested_by: string | null;
  /** For a run that caught up an outage: when the outage began. */
  catch_up_since: string | null;
  /** 1 for a backfill preview: counts only, nothing written. */
  dry_run: number;
  /** Source time the run has read up to. */
  reached_at: string | null;
  /** JSON {requests, seconds, rateLimit} for previews. */
  estimate: string | null;
  cancel_requested_at: string | null;
  /** When the run was asked for (it waits `queued` until someone claims it). */
  queued_at: string | null;
  /** The process executing it, and until when its lease holds without a heartbeat. */
  claimed_by: string | null;
  lease_expires_at: string | null;
  /** JSON: what the run's kind needs beyond the columns (a live check's options). */
  input: string | null;
  /** JSON: what a run that writes nothing found (a live check's answer). */
  output: string | null;
  /** How many times the run was claimed (more than once: a process died or handed it back). */
  claims: number;
  /** An upload's file name (null for every other kind). */
  file_name: string | null;
}

/** A row or pushed record that was not imported, as received: one per integration and reference. */
export interface ReceivedRecordTable {
  integration_id: string;
  source_ref: string;
  workspace_id: string;
  /** The run that received it (the upload, the push, or the manual import that corrected it). */
  run_id: string;
  /** JSON object: the row's values by column, or the pushed record. */
  raw_values: string;
  /** "row 3 of weekly-calls.csv (line 4)", "record 2 of the batch". */
  location: string;
  received_at: string;
}

export interface ContactTable {
  id: string;
  workspace_id: string;
  integration_id: string | null;
  platform: string;
  source_account: string;
  source_ref: string;
  channel: string | null;
  agent: string | null;
  source_status: string;
  status: string;
  /** JSON string[]. */
  tags: string;
  /** JSON object. */
  custom_fields: string;
  source_created_at: string;
  source_updated_at: string;
  source_closed_at: string | null;
  version: number;
  /** JSON object. */
  metadata: string;
  imported_at: string;
  refreshed_at: string;
  first_run_id: string;
  last_run_id: string;
}

export interface DecisionTable {
  id: Generated<number>;
  workspace_id: string;
  integration_id: string;
  run_id: string;
  source_ref: string;
  outcome: string;
  reason: string | null;
  /** JSON object. */
  evidence: string;
  contact_id: string | null;
  source_version: number | null;
  source_updated_at: string | null;
  decided_at: string;
}

export interface StatusEventTable {
  id: Generated<number>;
  workspace_id: string;
  integration_id: string;
  at: string;
  from_status: string;
  to_status: string;
  /** JSON {kind, category?, message?, runId?, by?}. */
  cause: string;
}

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type IntegrationRow = Selectable<IntegrationTable>;
export type NewIntegrationRow = Insertable<IntegrationTable>;
export type IntegrationRowUpdate = Updateable<IntegrationTable>;
export type RunRow = Selectable<RunTable>;
export type ContactRow = Selectable<ContactTable>;
export type NewContactRow = Insertable<ContactTable>;
export type DecisionRow = Selectable<DecisionTable>;
export type NewDecisionRow = Insertable<DecisionTable>;
export type StatusEventRow = Selectable<StatusEventTable>;
