import type { BackfillHintView, RunView } from '../../../api/types';

const DAY = 86_400_000;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A complete YYYY-MM-DD day (the date input gives '' while it is being typed). */
export const isDay = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * The range the form shows: first and last day, both included. The URL and the API take the day
 * after the last one (`to`, exclusive), as the backfill hint gives it.
 */
export interface DayRange {
  from: string;
  lastDay: string;
}

export function rangeFromParams(params: URLSearchParams, hint: BackfillHintView | null): DayRange {
  const from = params.get('from');
  const to = params.get('to');
  if (isDay(from)) return { from, lastDay: isDay(to) ? addDays(to, -1) : today() };
  if (hint) return { from: hint.from, lastDay: addDays(hint.to, -1) };
  return { from: addDays(today(), -7), lastDay: today() };
}

export function toParams(range: DayRange): { from: string; to: string } {
  return { from: range.from, to: isDay(range.lastDay) ? addDays(range.lastDay, 1) : range.lastDay };
}

/** The run covers exactly this range. */
export function coversRange(run: RunView, range: DayRange): boolean {
  return run.window.from?.slice(0, 10) === range.from && run.window.to?.slice(0, 10) === toParams(range).to;
}

/** "1 Mar – 9 Mar 2025" from a run's window (its `to` is exclusive). */
export function windowWords(run: RunView): string {
  const from = run.window.from?.slice(0, 10);
  const to = run.window.to?.slice(0, 10);
  if (!from || !to) return 'the range';
  const last = addDays(to, -1);
  const fmt = (day: string, year: boolean) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: year ? 'numeric' : undefined, timeZone: 'UTC' });
  return from === last ? fmt(from, true) : `${fmt(from, from.slice(0, 4) !== last.slice(0, 4))} – ${fmt(last, true)}`;
}
