import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export type Bucket = 'hour' | 'day';

/** ISO timestamps are text: their first 13 (hour) or 10 (day) characters name the bucket. */
const width = (bucket: Bucket) => (bucket === 'hour' ? 13 : 10);

export interface DecisionCountRow {
  integrationId: string;
  bucket: string;
  outcome: string;
  reason: string | null;
  n: number;
}

/** Decisions per integration, bucket, outcome and reason, over [from, to). Previews write none. */
export async function countDecisionsByBucket(db: Kysely<Database>, integrationIds: string[], range: { from: string; to: string }, bucket: Bucket): Promise<DecisionCountRow[]> {
  if (integrationIds.length === 0) return [];
  const key = sql<string>`substr(decided_at, 1, ${sql.lit(width(bucket))})`;
  const rows = await db
    .selectFrom('decisions')
    .select(['integration_id', key.as('bucket'), 'outcome', 'reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('integration_id', 'in', integrationIds)
    .where('decided_at', '>=', range.from)
    .where('decided_at', '<', range.to)
    .groupBy(['integration_id', key, 'outcome', 'reason'])
    .execute();
  return rows.map((r) => ({ integrationId: r.integration_id, bucket: r.bucket, outcome: r.outcome, reason: r.reason, n: Number(r.n) }));
}

export interface RunCountRow {
  integrationId: string;
  bucket: string;
  status: string;
  runs: number;
  requests: number;
  throttled: number;
  rateLimitedMs: number;
}

/**
 * Runs per integration, bucket of their start and status, with what they cost at the source.
 * Backfill previews are left out: they imported nothing, and health counts what happened.
 */
export async function countRunsByBucket(db: Kysely<Database>, integrationIds: string[], range: { from: string; to: string }, bucket: Bucket): Promise<RunCountRow[]> {
  if (integrationIds.length === 0) return [];
  const key = sql<string>`substr(started_at, 1, ${sql.lit(width(bucket))})`;
  const rows = await db
    .selectFrom('runs')
    .select([
      'integration_id',
      key.as('bucket'),
      'status',
      (eb) => eb.fn.countAll<number>().as('runs'),
      (eb) => eb.fn.sum<number>('requests').as('requests'),
      (eb) => eb.fn.sum<number>('throttled').as('throttled'),
      (eb) => eb.fn.sum<number>('rate_limited_ms').as('rate_limited_ms'),
    ])
    .where('integration_id', 'in', integrationIds)
    .where('dry_run', '=', 0)
    .where('started_at', '>=', range.from)
    .where('started_at', '<', range.to)
    .groupBy(['integration_id', key, 'status'])
    .execute();
  return rows.map((r) => ({ integrationId: r.integration_id, bucket: r.bucket, status: r.status, runs: Number(r.runs), requests: Number(r.requests ?? 0), throttled: Number(r.throttled ?? 0), rateLimitedMs: Number(r.rate_limited_ms ?? 0) }));
}
