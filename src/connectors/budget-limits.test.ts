import { describe, expect, it } from 'vitest';
import { BudgetLimits, timeOfDay } from './budget-limits.js';

const at = (iso: string) => new Date(iso);
const reading = (limit: number | null, now: string, resetsSeconds: number, windowSeconds?: number) => ({
  limit,
  remaining: 0,
  resetAt: new Date(Date.parse(now) + resetsSeconds * 1000),
  ...(windowSeconds ? { windowSeconds } : {}),
});

describe('what a rate budget allows, in words', () => {
  it('says nothing while the limit is unknown', () => {
    expect(new BudgetLimits().words('k')).toBe('');
  });

  it("uses the platform's documented window while the resets agree with it", () => {
    const limits = new BudgetLimits();
    limits.note('k', reading(10, '2025-03-10T08:14:18Z', 42, 60), at('2025-03-10T08:14:18Z'));
    expect(limits.words('k')).toBe('10 requests a minute');
  });

  it('measures the window between two resets in a row when the documented one is wrong', () => {
    const limits = new BudgetLimits();
    // Windows of 4 minutes, met 17 s into the first: "resets in 223 s" is longer than a minute.
    limits.note('k', reading(2, '2025-03-10T08:00:17Z', 223, 60), at('2025-03-10T08:00:17Z'));
    expect(limits.words('k')).toBe('2 requests per window');
    limits.note('k', reading(2, '2025-03-10T08:04:00Z', 240, 60), at('2025-03-10T08:04:00Z'));
    expect(limits.words('k')).toBe('2 requests every 4 minutes');
  });

  it('tells a wait for a Retry-After from a wait for the window', () => {
    const limits = new BudgetLimits();
    limits.block('k', at('2025-03-10T08:00:40Z'));
    expect(limits.isBlocked('k', at('2025-03-10T08:00:40Z'))).toBe(true);
    expect(limits.isBlocked('k', at('2025-03-10T08:01:00Z'))).toBe(false);
    expect(limits.isBlocked('other', at('2025-03-10T08:00:40Z'))).toBe(false);
  });

  it('writes a time of day in UTC', () => {
    expect(timeOfDay(at('2025-03-10T08:14:20.500Z'))).toBe('08:14:20 UTC');
  });
});
