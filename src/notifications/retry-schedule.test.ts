import { describe, expect, it } from 'vitest';
import { nextAttemptAt, RETRY_FOR_MS } from './retry-schedule.js';

describe('retry schedule', () => {
  it('backs off, then gives up once a day has passed since the first try', () => {
    const first = new Date('2025-03-10T12:00:00Z');
    let now = first;
    const gaps: number[] = [];
    for (let attempts = 1; attempts < 50; attempts += 1) {
      const next = nextAttemptAt(attempts, first, now);
      if (!next) break;
      gaps.push(next.getTime() - now.getTime());
      now = next;
    }
    expect(gaps.slice(0, 3)).toEqual([30_000, 120_000, 600_000]);
    expect(now.getTime() - first.getTime()).toBe(RETRY_FOR_MS);
    expect(nextAttemptAt(gaps.length + 1, first, now)).toBeNull();
  });
});
