import { describe, expect, it } from 'vitest';
import { ActivitySchedule } from './activity-schedule.js';

const epoch = new Date('2025-03-10T12:00:00Z');
const at = (ms: number) => new Date(epoch.getTime() + ms);

/** Records what each event drew: its time and its first random number. */
function recorder() {
  const events: Array<[number, number]> = [];
  return { events, apply: (random: { next(): number }, atMs: number) => void events.push([atMs - epoch.getTime(), random.next()]) };
}

describe('a schedule of live activity', () => {
  it('applies event k at epoch + k × everyMs, each with the random numbers of (seed, k)', () => {
    const schedule = new ActivitySchedule({ epoch, everyMs: 1000, seed: 7 });
    const { events, apply } = recorder();
    expect(schedule.behind(at(3500))).toBe(3);
    expect(schedule.advance(at(3500), apply)).toBe(3);
    expect(events.map(([ms]) => ms)).toEqual([1000, 2000, 3000]);
    expect(schedule.behind(at(3500))).toBe(0);
    expect(schedule.advance(at(-5000), apply)).toBe(0);

    const again = recorder();
    new ActivitySchedule({ epoch, everyMs: 1000, seed: 7 }).advance(at(3500), again.apply);
    expect(again.events).toEqual(events);
    const other = recorder();
    new ActivitySchedule({ epoch, everyMs: 1000, seed: 8 }).advance(at(3500), other.apply);
    expect(other.events.map(([, r]) => r)).not.toEqual(events.map(([, r]) => r));
  });

  it('applies at most `limit` events a call, leaving the rest due', () => {
    const schedule = new ActivitySchedule({ epoch, everyMs: 1000, seed: 7 });
    const { events, apply } = recorder();
    expect(schedule.advance(at(10_000), apply, 4)).toBe(4);
    expect(schedule.behind(at(10_000))).toBe(6);
    expect(schedule.advance(at(10_000), apply)).toBe(6);
    expect(events.map(([ms]) => ms / 1000)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('catches up in slices that callers arriving meanwhile share, to the same history as one go', async () => {
    const schedule = new ActivitySchedule({ epoch, everyMs: 1000, seed: 7 });
    const { events, apply } = recorder();
    const now = () => at(5000 * 1000);
    const first = schedule.catchUp(now, apply);
    expect(schedule.catchUp(now, apply)).toBe(first);
    await first;
    expect(schedule.behind(now())).toBe(0);
    const inOneGo = recorder();
    new ActivitySchedule({ epoch, everyMs: 1000, seed: 7 }).advance(now(), inOneGo.apply);
    expect(events).toEqual(inOneGo.events);
    await expect(schedule.catchUp(now, apply)).resolves.toBeUndefined();
  });
});
