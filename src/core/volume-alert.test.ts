import { describe, expect, it } from 'vitest';
import { evaluateVolume, VOLUME_POLICY, type HourCounts, type VolumeInput } from './volume-alert.js';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
// A Monday, 11:30 UTC: the window is 09:00–12:00.
const now = new Date('2025-03-10T11:30:00Z');
const windowStart = Date.parse('2025-03-10T09:00:00Z');

/** The window's three hours, `weeksAgo` weeks back, with these counts each. */
function hours(weeksAgo: number, counts: Partial<HourCounts>): HourCounts[] {
  return [0, 1, 2].map((h) => ({ hour: new Date(windowStart + h * HOUR - weeksAgo * WEEK).toISOString(), imported: 0, seen: 0, excludedByReason: {}, ...counts }));
}

function input(patch: Partial<VolumeInput>): VolumeInput {
  return { now, hours: [], baselineWeeks: 2, failingRuns: 0, runs: 6, lastErrorMessage: null, settingsChanges: [], ...patch };
}

const usual = [...hours(1, { imported: 10, seen: 12 }), ...hours(2, { imported: 10, seen: 12 })];

describe('evaluateVolume', () => {
  it('says nothing without a week of history or with too little expected', () => {
    expect(evaluateVolume(input({ baselineWeeks: 0, hours: usual }), false)).toBeNull();
    expect(evaluateVolume(input({ hours: [...hours(1, { imported: 1, seen: 1 }), ...hours(2, { imported: 1, seen: 1 })] }), false)).toBeNull();
  });

  it('sees no drop when imports match the baseline', () => {
    const verdict = evaluateVolume(input({ hours: [...usual, ...hours(0, { imported: 9, seen: 12 })] }), false)!;
    expect(verdict).toMatchObject({ drop: false, expected: 30, actual: 27 });
  });

  it('names a source that went quiet', () => {
    const verdict = evaluateVolume(input({ hours: [...usual, ...hours(0, { imported: 0, seen: 0 })] }), false)!;
    expect(verdict).toMatchObject({ drop: true, cause: 'nothing_fetched', expected: 30, actual: 0 });
    expect(verdict.message).toBe(
      'Imports dropped: 0 contacts in the last 3 hours, where Mondays 09:00–12:00 UTC usually bring about 30. Intake fetched almost nothing from the source (0 records, usually about 36): the source is quiet, or Intake is not reaching it.',
    );
  });

  it('names the exclusion reason that rose, and the settings change near it', () => {
    const recent = hours(0, { imported: 1, seen: 12, excludedByReason: { filter: 11 } });
    const change = { at: '2025-03-10T08:55:00Z', actor: 'ann@acme.com', keys: ['filters'] };
    const verdict = evaluateVolume(input({ hours: [...usual, ...recent], settingsChanges: [change] }), false)!;
    expect(verdict).toMatchObject({ drop: true, cause: 'excluded', detail: { risenReason: 'filter' } });
    expect(verdict.message).toContain('Intake fetched 36 records as usual but excluded most of them, by filter. The settings were changed at 2025-03-10 08:55 UTC by ann@acme.com (filters).');
  });

  it('blames failing runs first', () => {
    const verdict = evaluateVolume(input({ hours: [...usual, ...hours(0, { imported: 0, seen: 0 })], failingRuns: 4, runs: 6, lastErrorMessage: 'Zendesk rejected the API token (401).' }), false)!;
    expect(verdict).toMatchObject({ cause: 'failing' });
    expect(verdict.message).toContain('The runs are failing (4 of 6): Zendesk rejected the API token (401).');
  });

  it('opens below one share of the baseline and closes only above a higher one', () => {
    const at = (imported: number) => [...usual, ...hours(0, { imported, seen: 12 })];
    const between = Math.round(30 * ((VOLUME_POLICY.openBelow + VOLUME_POLICY.closeAbove) / 2) / 3);
    expect(evaluateVolume(input({ hours: at(between) }), false)!.drop).toBe(false);
    expect(evaluateVolume(input({ hours: at(between) }), true)!.drop).toBe(true);
  });
});
