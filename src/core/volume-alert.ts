/**
 * Volume alerts, decided from counts only (pure). A baseline of imported contacts per weekday and
 * hour is learnt from the integration's own history; imports well below it open an alert that says
 * which kind of drop it is.
 */

export interface HourCounts {
  /** Hour start, ISO (e.g. 2025-03-10T09:00:00.000Z). */
  hour: string;
  imported: number;
  seen: number;
  excludedByReason: Record<string, number>;
}

export interface VolumeInput {
  now: Date;
  /** Hourly counts for the baseline weeks and the recent window (any order; missing hours are zero). */
  hours: HourCounts[];
  /** Weeks of history the integration has (baseline is averaged over these). */
  baselineWeeks: number;
  /** Runs in the recent window that ended failed or partial with an error, and all runs there. */
  failingRuns: number;
  runs: number;
  lastErrorMessage: string | null;
  /** Settings changes near the window, for the explanation. */
  settingsChanges: Array<{ at: string; actor: string; keys: string[] }>;
}

export interface VolumeVerdict {
  drop: boolean;
  cause: 'nothing_fetched' | 'excluded' | 'failing';
  expected: number;
  actual: number;
  message: string;
  detail: Record<string, unknown>;
}

export const VOLUME_POLICY = {
  /** The recent window compared with the baseline. */
  windowHours: 3,
  /** Below this many expected imports in the window, a drop means nothing. */
  minExpected: 8,
  /** Opens below this share of the expected volume… */
  openBelow: 0.3,
  /** …and closes again above this one. */
  closeAbove: 0.6,
};

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

export function evaluateVolume(input: VolumeInput, alreadyOpen: boolean): VolumeVerdict | null {
  if (input.baselineWeeks < 1) return null;
  const byHour = new Map(input.hours.map((h) => [h.hour, h]));
  const windowStart = Math.floor(input.now.getTime() / HOUR) * HOUR - (VOLUME_POLICY.windowHours - 1) * HOUR;
  let expected = 0;
  let expectedSeen = 0;
  let actual = 0;
  let seen = 0;
  const baselineExcluded: Record<string, number> = {};
  const recentExcluded: Record<string, number> = {};
  for (let h = 0; h < VOLUME_POLICY.windowHours; h += 1) {
    const hour = windowStart + h * HOUR;
    const recent = byHour.get(new Date(hour).toISOString());
    actual += recent?.imported ?? 0;
    seen += recent?.seen ?? 0;
    add(recentExcluded, recent?.excludedByReason);
    for (let week = 1; week <= input.baselineWeeks; week += 1) {
      const past = byHour.get(new Date(hour - week * WEEK).toISOString());
      expected += (past?.imported ?? 0) / input.baselineWeeks;
      expectedSeen += (past?.seen ?? 0) / input.baselineWeeks;
      add(baselineExcluded, past?.excludedByReason, 1 / input.baselineWeeks);
    }
  }
  expected = Math.round(expected * 10) / 10;
  if (expected < VOLUME_POLICY.minExpected) return null;
  const ratio = actual / expected;
  const drop = alreadyOpen ? ratio < VOLUME_POLICY.closeAbove : ratio < VOLUME_POLICY.openBelow;
  const when = describeWindow(new Date(windowStart));
  const head = `Imports dropped: ${actual} contact${actual === 1 ? '' : 's'} in the last ${VOLUME_POLICY.windowHours} hours, where ${when} usually bring${expected === 1 ? 's' : ''} about ${Math.round(expected)}.`;
  const detail: Record<string, unknown> = { expected, actual, seen, expectedSeen: Math.round(expectedSeen), windowStart: new Date(windowStart).toISOString() };

  if (input.runs > 0 && input.failingRuns >= Math.ceil(input.runs / 2)) {
    return { drop, cause: 'failing', expected, actual, detail: { ...detail, failingRuns: input.failingRuns, runs: input.runs }, message: `${head} The runs are failing (${input.failingRuns} of ${input.runs}): ${input.lastErrorMessage ?? 'see the integration status'}` };
  }
  if (seen < Math.max(1, expectedSeen * VOLUME_POLICY.openBelow)) {
    return {
      drop,
      cause: 'nothing_fetched',
      expected,
      actual,
      detail,
      message: `${head} Intake fetched almost nothing from the source (${seen} records, usually about ${Math.round(expectedSeen)}): the source is quiet, or Intake is not reaching it.`,
    };
  }
  const rose = risenReason(recentExcluded, baselineExcluded);
  const change = input.settingsChanges.at(-1);
  const linked = change ? ` The settings were changed at ${change.at.slice(0, 16).replace('T', ' ')} UTC by ${change.actor} (${change.keys.join(', ')}).` : '';
  return {
    drop,
    cause: 'excluded',
    expected,
    actual,
    detail: { ...detail, excludedByReason: recentExcluded, risenReason: rose, settingsChange: change ?? null },
    message: `${head} Intake fetched ${seen} records as usual but excluded most of them${rose ? `, by ${rose.replaceAll('_', ' ')}` : ''}.${linked}`,
  };
}

function add(into: Record<string, number>, from: Record<string, number> | undefined, weight = 1): void {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v * weight;
}

function risenReason(recent: Record<string, number>, baseline: Record<string, number>): string | null {
  let best: string | null = null;
  let rise = 0;
  for (const [reason, n] of Object.entries(recent)) {
    const delta = n - (baseline[reason] ?? 0);
    if (delta > rise) {
      rise = delta;
      best = reason;
    }
  }
  return best;
}

const DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

function describeWindow(start: Date): string {
  const hh = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:00`;
  return `${DAYS[start.getUTCDay()]} ${hh(start)}–${hh(new Date(start.getTime() + VOLUME_POLICY.windowHours * HOUR))} UTC`;
}
