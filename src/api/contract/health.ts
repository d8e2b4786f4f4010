import { z } from 'zod';
import { HEALTH_STATES } from '../../core/integration-status.js';
import { isoInstantInput, isoTimestamp } from './common.js';

/** An integration's status: its health, or paused. */
export const integrationStatusView = z.enum([...HEALTH_STATES, 'paused']);
export type IntegrationStatus = z.infer<typeof integrationStatusView>;

export const healthQuerySchema = z
  .object({
    from: isoInstantInput.optional().describe('Default: 48 hours (hourly) or 30 days (daily) ago'),
    to: isoInstantInput.optional().describe('Default: now'),
    bucket: z.enum(['hour', 'day']).optional(),
  })
  .strict();
export type HealthQuery = z.input<typeof healthQuerySchema>;

export const healthBucketView = z.object({
  start: isoTimestamp,
  runs: z.number().int(),
  runOutcomes: z.record(z.string(), z.number().int()).describe('succeeded, partial, failed, cancelled, interrupted'),
  seen: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  excluded: z.number().int(),
  excludedByReason: z.record(z.string(), z.number().int()),
  failed: z.number().int(),
  sourceRequests: z.number().int(),
  throttled: z.number().int().describe('429 answers'),
  rateLimitedSeconds: z.number(),
});
export type HealthBucketView = z.infer<typeof healthBucketView>;

export const alertView = z
  .object({
    id: z.string(),
    integrationId: z.string(),
    integrationName: z.string(),
    kind: z.enum(['volume_drop', 'no_imports']),
    /** For volume drops: what the drop is. */
    cause: z.enum(['nothing_fetched', 'excluded', 'failing', 'stale']),
    message: z.string(),
    detail: z.record(z.string(), z.unknown()),
    openedAt: isoTimestamp,
    closedAt: isoTimestamp.nullable(),
  })
  .meta({ id: 'Alert' });
export type AlertView = z.infer<typeof alertView>;

export const alertsQuerySchema = z.object({ integrationId: z.string().max(100).optional(), state: z.enum(['open', 'all']).optional().describe('Default: open') }).strict();
export type AlertsQuery = z.input<typeof alertsQuerySchema>;

export const alertListView = z.object({ alerts: z.array(alertView) });
export type AlertListView = z.infer<typeof alertListView>;

export const healthView = z
  .object({
    from: isoTimestamp,
    to: isoTimestamp,
    bucket: z.enum(['hour', 'day']),
    buckets: z.array(healthBucketView),
    /** Seconds spent in each status over the range. */
    statusSeconds: z.record(z.string(), z.number()),
    statusChanges: z.array(z.object({ at: isoTimestamp, from: z.string(), to: z.string(), cause: z.record(z.string(), z.unknown()) })),
    alerts: z.array(alertView),
  })
  .meta({ id: 'Health' });
export type HealthView = z.infer<typeof healthView>;

export const integrationTotalsView = z
  .object({
    integrationId: z.string(),
    name: z.string(),
    platform: z.string(),
    platformName: z.string(),
    sourceAccount: z.string(),
    status: integrationStatusView.describe('Its status now'),
    runs: z.number().int().describe('Runs started in the range (backfill previews left out)'),
    seen: z.number().int(),
    imported: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    excluded: z.number().int(),
    failed: z.number().int(),
    sourceRequests: z.number().int(),
    throttled: z.number().int().describe('429 answers'),
    rateLimitedSeconds: z.number(),
  })
  .meta({ id: 'IntegrationTotals' });
export type IntegrationTotalsView = z.infer<typeof integrationTotalsView>;

export const workspaceHealthView = healthView
  .extend({ integrations: z.array(integrationTotalsView).describe("Each integration's totals over the range, so a drop can be traced to one") })
  .meta({ id: 'WorkspaceHealth' });
export type WorkspaceHealthView = z.infer<typeof workspaceHealthView>;

export const historyEntryView = z
  .object({
    at: isoTimestamp,
    actor: z.string(),
    kind: z.enum(['created', 'settings', 'name', 'connection', 'credentials', 'status', 'pause', 'resume', 'reconnect']),
    /** Only what changed; credentials appear as "changed", never their values. */
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntryView = z.infer<typeof historyEntryView>;

export const historyView = z.object({ entries: z.array(historyEntryView) });
export type HistoryView = z.infer<typeof historyView>;

export const backfillHintView = z
  .object({
    message: z.string().describe('E.g. "142 contacts seen since 1 March were excluded by the old tag filter"'),
    count: z.number().int(),
    reasons: z.record(z.string(), z.number().int()),
    seenSince: isoTimestamp,
    from: z.string().describe('Suggested backfill range (creation dates)'),
    to: z.string(),
  })
  .meta({ id: 'BackfillHint' });
export type BackfillHintView = z.infer<typeof backfillHintView>;
