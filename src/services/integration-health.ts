import type { IntegrationTotalsView } from '../api/contract/health.js';
import type { IntegrationStatus } from '../core/integration-status.js';
import { countDecisionsByBucket, countRunsByBucket, type Bucket } from '../storage/health.repository.js';
import { listStatusEvents, type StatusEvent } from '../storage/status-event.repository.js';
import { listAlerts, type Alert } from '../storage/alert.repository.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration, listWorkspaceIntegrations } from './manage-integrations.js';
import { ValidationError } from './service-errors.js';

export interface HealthBucket {
  start: string;
  runs: number;
  runOutcomes: Record<string, number>;
  seen: number;
  imported: number;
  updated: number;
  unchanged: number;
  excluded: number;
  excludedByReason: Record<string, number>;
  failed: number;
  sourceRequests: number;
  throttled: number;
  rateLimitedSeconds: number;
}

export interface Health {
  from: string;
  to: string;
  bucket: Bucket;
  buckets: HealthBucket[];
  statusSeconds: Record<string, number>;
  statusChanges: Array<{ at: string; from: IntegrationStatus; to: IntegrationStatus; cause: Record<string, unknown> }>;
  alerts: Alert[];
}

/** One integration's totals over the range: the workspace Health page's split per integration. */
export type IntegrationTotals = IntegrationTotalsView;

export interface WorkspaceHealth extends Health {
  /** Every integration of the workspace, with what it did over the range (zeros included). */
  integrations: IntegrationTotals[];
}

/** Buckets one answer may hold: 93 days by hour, about six years by day. */
export const MAX_BUCKETS = 24 * 93;

export interface HealthQuery {
  from?: string;
  to?: string;
  bucket?: Bucket;
}

/** An integration's import history and trends: per hour or day, with time in each status and its alerts. */
export async function integrationHealth(services: IntakeServices, workspaceId: string, integrationId: string, query: HealthQuery): Promise<Health> {
  const integration = await getIntegration(services, workspaceId, integrationId);
  const range = resolveRange(services, query);
  const events = await listStatusEvents(services.db, integration.id);
  return {
    ...(await bucketsFor(services, [integration.id], range)).health,
    statusSeconds: timeInStatus(events, range),
    statusChanges: events.filter((e) => e.at >= range.from && e.at < range.to).map((e) => ({ at: e.at, from: e.from, to: e.to, cause: { ...e.cause } })),
    alerts: await listAlerts(services.db, { workspaceId, integrationId: integration.id, since: range.from }),
  };
}

/**
 * The same over every integration of the workspace (status time is summed across integrations),
 * with each integration's own totals beside, so a drop can be traced to the integration it is in.
 */
export async function workspaceHealth(services: IntakeServices, workspaceId: string, query: HealthQuery): Promise<WorkspaceHealth> {
  const integrations = await listWorkspaceIntegrations(services, workspaceId);
  const range = resolveRange(services, query);
  const statusSeconds: Record<string, number> = {};
  for (const integration of integrations) {
    for (const [status, seconds] of Object.entries(timeInStatus(await listStatusEvents(services.db, integration.id), range))) {
      statusSeconds[status] = (statusSeconds[status] ?? 0) + seconds;
    }
  }
  const counted = await bucketsFor(services, integrations.map((i) => i.id), range);
  return {
    ...counted.health,
    statusSeconds,
    statusChanges: [],
    alerts: await listAlerts(services.db, { workspaceId, since: range.from }),
    integrations: integrations.map((i) => ({
      integrationId: i.id,
      name: i.name,
      platform: i.platform,
      // A platform this version no longer knows still shows, under its id.
      platformName: services.platforms.get(i.platform)?.displayName ?? i.platform,
      sourceAccount: i.sourceAccount,
      status: i.status,
      ...(counted.byIntegration.get(i.id) ?? emptyTotals()),
    })),
  };
}

function resolveRange(services: IntakeServices, query: HealthQuery): { from: string; to: string; bucket: Bucket } {
  const now = services.clock.now();
  const bucket = query.bucket ?? 'hour';
  const to = query.to ?? now.toISOString();
  const from = query.from ?? new Date(Date.parse(to) - (bucket === 'hour' ? 48 : 30 * 24) * 3_600_000).toISOString();
  if (from >= to) throw new ValidationError([{ path: 'to', message: 'must be after from' }]);
  const buckets = (Date.parse(to) - Date.parse(from)) / (bucket === 'hour' ? 3_600_000 : 86_400_000);
  if (buckets > MAX_BUCKETS) throw new ValidationError([{ path: 'from', message: `the range holds ${Math.ceil(buckets)} ${bucket}s; ask for at most ${MAX_BUCKETS} (use bucket=day for long ranges)` }]);
  return { from, to, bucket };
}

type Totals = Omit<IntegrationTotals, 'integrationId' | 'name' | 'platform' | 'platformName' | 'sourceAccount' | 'status'>;

function emptyTotals(): Totals {
  return { runs: 0, seen: 0, imported: 0, updated: 0, unchanged: 0, excluded: 0, failed: 0, sourceRequests: 0, throttled: 0, rateLimitedSeconds: 0 };
}

async function bucketsFor(services: IntakeServices, integrationIds: string[], range: { from: string; to: string; bucket: Bucket }) {
  const [decisions, runs] = await Promise.all([countDecisionsByBucket(services.db, integrationIds, range, range.bucket), countRunsByBucket(services.db, integrationIds, range, range.bucket)]);
  const byStart = new Map<string, HealthBucket>();
  const byIntegration = new Map<string, Totals>();
  const totals = (id: string) => byIntegration.get(id) ?? byIntegration.set(id, emptyTotals()).get(id)!;
  const step = range.bucket === 'hour' ? 3_600_000 : 86_400_000;
  const first = Date.parse(`${range.from.slice(0, range.bucket === 'hour' ? 13 : 10)}${range.bucket === 'hour' ? ':00:00.000Z' : 'T00:00:00.000Z'}`);
  for (let t = first; t < Date.parse(range.to); t += step) byStart.set(keyOf(t, range.bucket), emptyBucket(new Date(t).toISOString()));
  const bucket = (key: string) => byStart.get(key) ?? byStart.set(key, emptyBucket(startOf(key, range.bucket))).get(key)!;
  for (const row of decisions) {
    for (const b of [bucket(row.bucket), totals(row.integrationId)]) {
      b.seen += row.n;
      if (row.outcome === 'excluded') b.excluded += row.n;
      else if (row.outcome === 'imported' || row.outcome === 'updated' || row.outcome === 'unchanged' || row.outcome === 'failed') b[row.outcome] += row.n;
    }
    if (row.outcome === 'excluded' && row.reason) {
      const b = bucket(row.bucket);
      b.excludedByReason[row.reason] = (b.excludedByReason[row.reason] ?? 0) + row.n;
    }
  }
  for (const row of runs) {
    const b = bucket(row.bucket);
    b.runOutcomes[row.status] = (b.runOutcomes[row.status] ?? 0) + row.runs;
    for (const t of [b, totals(row.integrationId)]) {
      t.runs += row.runs;
      t.sourceRequests += row.requests;
      t.throttled += row.throttled;
    }
    b.rateLimitedSeconds += Math.round(row.rateLimitedMs / 100) / 10;
    totals(row.integrationId).rateLimitedSeconds += Math.round(row.rateLimitedMs / 100) / 10;
  }
  for (const t of byIntegration.values()) t.rateLimitedSeconds = Math.round(t.rateLimitedSeconds * 10) / 10;
  return {
    health: { from: range.from, to: range.to, bucket: range.bucket, buckets: [...byStart.values()].sort((a, b) => a.start.localeCompare(b.start)) },
    byIntegration,
  };
}

function keyOf(ms: number, bucket: Bucket): string {
  return new Date(ms).toISOString().slice(0, bucket === 'hour' ? 13 : 10);
}

function startOf(key: string, bucket: Bucket): string {
  return bucket === 'hour' ? `${key}:00:00.000Z` : `${key}T00:00:00.000Z`;
}

function emptyBucket(start: string): HealthBucket {
  return { start, runs: 0, runOutcomes: {}, seen: 0, imported: 0, updated: 0, unchanged: 0, excluded: 0, excludedByReason: {}, failed: 0, sourceRequests: 0, throttled: 0, rateLimitedSeconds: 0 };
}

/** Seconds spent in each status within the range, from the status history. */
export function timeInStatus(events: StatusEvent[], range: { from: string; to: string }): Record<string, number> {
  const seconds: Record<string, number> = {};
  const start = Date.parse(range.from);
  const end = Date.parse(range.to);
  let status: string | null = null;
  let since = start;
  for (const event of events) {
    const at = Date.parse(event.at);
    if (at <= start) {
      status = event.to;
      continue;
    }
    if (at >= end) break;
    if (status) seconds[status] = (seconds[status] ?? 0) + (at - since) / 1000;
    status = event.to;
    since = at;
  }
  if (status) seconds[status] = (seconds[status] ?? 0) + (end - Math.max(since, start)) / 1000;
  return Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, Math.round(v)]));
}
