import type { HealthBucketView, IntegrationTotalsView } from '../../api/types';

/** A series of a chart: its label, its colour, and a pattern so colour is never the only signal. */
export interface Series {
  key: string;
  label: string;
  colour: string;
  pattern: PatternName | null;
}

export type PatternName = 'hatch' | 'dots' | 'cross' | 'lines';

/** Short names for the legend: "Excluded (filter)". */
const REASON_WORDS: Record<string, string> = {
  filter: 'filter',
  status_not_eligible: 'status',
  before_start_date: 'before start date',
  deleted_at_source: 'deleted at source',
};

const REASON_LOOKS: Array<{ colour: string; pattern: PatternName }> = [
  { colour: '#b76e00', pattern: 'hatch' },
  { colour: '#8a5cc9', pattern: 'dots' },
  { colour: '#6b7280', pattern: 'lines' },
  { colour: '#a05a2c', pattern: 'cross' },
];

/** Every reason met in the buckets, most frequent first. */
export function reasonsOf(buckets: HealthBucketView[]): string[] {
  const totals = new Map<string, number>();
  for (const b of buckets) for (const [reason, n] of Object.entries(b.excludedByReason)) totals.set(reason, (totals.get(reason) ?? 0) + n);
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([reason]) => reason);
}

/** Imported, updated, excluded (one series per reason) and failed, in stacking order. */
export function volumeSeries(buckets: HealthBucketView[]): Series[] {
  return [
    { key: 'imported', label: 'Imported', colour: '#1f8a4c', pattern: null },
    { key: 'updated', label: 'Updated', colour: '#2f6fd6', pattern: null },
    ...reasonsOf(buckets).map((reason, i) => ({ key: `excluded:${reason}`, label: `Excluded (${REASON_WORDS[reason] ?? reason.replaceAll('_', ' ')})`, ...REASON_LOOKS[i % REASON_LOOKS.length]! })),
    { key: 'failed', label: 'Failed', colour: '#c0312b', pattern: 'cross' as const },
  ];
}

export const REQUEST_SERIES: Series[] = [
  { key: 'sourceRequests', label: 'Source requests', colour: '#4c6a92', pattern: null },
  { key: 'throttled', label: '429 answers (rate limited)', colour: '#c0312b', pattern: 'hatch' },
];

export type ChartRow = Record<string, number | string>;

/** One row per bucket, with a value per series key. */
export function chartRows(buckets: HealthBucketView[]): ChartRow[] {
  return buckets.map((b) => {
    const row: ChartRow = { start: b.start, imported: b.imported, updated: b.updated, failed: b.failed, sourceRequests: b.sourceRequests, throttled: b.throttled };
    for (const [reason, n] of Object.entries(b.excludedByReason)) row[`excluded:${reason}`] = n;
    return row;
  });
}

/** What a range adds up to: an integration's totals without who it is. */
export type HealthTotals = Omit<IntegrationTotalsView, 'integrationId' | 'name' | 'platform' | 'platformName' | 'sourceAccount' | 'status'>;

export function totalsOf(buckets: HealthBucketView[]): HealthTotals {
  const t: HealthTotals = { runs: 0, seen: 0, imported: 0, updated: 0, unchanged: 0, excluded: 0, failed: 0, sourceRequests: 0, throttled: 0, rateLimitedSeconds: 0 };
  for (const b of buckets) for (const key of Object.keys(t) as Array<keyof HealthTotals>) t[key] += b[key];
  return t;
}

/** Axis and tooltip labels: "14:00" (with the day at midnight) per hour, "12 Mar" per day. */
export function bucketLabel(start: string, bucket: 'hour' | 'day', long = false): string {
  const date = new Date(start);
  const dayWords = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  if (bucket === 'day') return long ? date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }) : dayWords;
  const hour = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return long || date.getUTCHours() === 0 ? `${dayWords} ${hour}` : hour;
}
