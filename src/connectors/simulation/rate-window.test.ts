import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import { RateWindow } from './rate-window.js';

describe('a fixed rate window', () => {
  it('counts requests within a window aligned on its length, and refuses what is over without counting it', () => {
    const clock = new ManualClock('2025-03-10T12:00:50Z');
    const window = new RateWindow(clock);
    const limit = { units: 2, windowSeconds: 60 };
    expect(window.take(limit)).toEqual({ allowed: true, remaining: 1, endsAt: Date.parse('2025-03-10T12:01:00Z'), secondsLeft: 10 });
    expect(window.take(limit)).toMatchObject({ allowed: true, remaining: 0 });
    expect(window.take(limit)).toMatchObject({ allowed: false, remaining: 0, secondsLeft: 10 });
    clock.advance(10_000);
    expect(window.take(limit)).toMatchObject({ allowed: true, remaining: 1, secondsLeft: 60 });
  });

  it('takes credits by cost, and refuses a request the rest of the window cannot pay for', () => {
    const clock = new ManualClock('2025-03-10T12:00:00Z');
    const window = new RateWindow(clock);
    const limit = { units: 7, windowSeconds: 60 };
    expect(window.take(limit, 3)).toMatchObject({ allowed: true, remaining: 4 });
    expect(window.take(limit, 3)).toMatchObject({ allowed: true, remaining: 1 });
    expect(window.take(limit, 3)).toMatchObject({ allowed: false, remaining: 1 });
    expect(window.take(limit, 1)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('never says less than a second is left', () => {
    const clock = new ManualClock('2025-03-10T12:00:59.900Z');
    expect(new RateWindow(clock).take({ units: 1, windowSeconds: 60 }).secondsLeft).toBe(1);
  });
});
