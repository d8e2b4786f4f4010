import type { HealthQuery } from '../../api/types';

export type RangeChoice = '48h' | '30d' | 'custom';

export interface HealthRange {
  choice: RangeChoice;
  /** Custom range: first and last day (included), and the bucket. */
  from: string;
  lastDay: string;
  bucket: 'hour' | 'day';
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function rangeFromParams(params: URLSearchParams, now = Date.now()): HealthRange {
  const choice = params.get('range');
  const bucket = params.get('bucket') === 'hour' ? 'hour' : 'day';
  if (choice === 'custom') return { choice, from: params.get('from') ?? day(now - 6 * DAY), lastDay: params.get('to') ?? day(now), bucket };
  return { choice: choice === '30d' ? '30d' : '48h', from: day(now - 6 * DAY), lastDay: day(now), bucket };
}

export function rangeToParams(range: HealthRange): Record<string, string> {
  if (range.choice !== 'custom') return { range: range.choice };
  return { range: 'custom', from: range.from, to: range.lastDay, bucket: range.bucket };
}

/** The API query; the 48-hour range starts on the hour so it stays the same query within an hour. */
export function healthQuery(range: HealthRange, now = Date.now()): HealthQuery {
  if (range.choice === '48h') return { from: new Date(Math.floor(now / HOUR) * HOUR - 47 * HOUR).toISOString(), bucket: 'hour' };
  if (range.choice === '30d') return { from: day(now - 29 * DAY), bucket: 'day' };
  const to = /^\d{4}-\d{2}-\d{2}$/.test(range.lastDay) ? day(Date.parse(`${range.lastDay}T00:00:00Z`) + DAY) : range.lastDay;
  return { from: range.from, to, bucket: range.bucket };
}

export const RANGE_LABELS: Record<RangeChoice, string> = { '48h': 'Last 48 hours, hourly', '30d': 'Last 30 days, daily', custom: 'Custom range' };
