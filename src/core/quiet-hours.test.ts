import { describe, expect, it } from 'vitest';
import { isQuiet, quietUntil } from './quiet-hours.js';

describe('quiet hours', () => {
  const night = { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' };

  it('spans midnight in the subscription’s time zone', () => {
    // 21:30 UTC is 22:30 in Paris in March (UTC+1).
    expect(isQuiet(night, new Date('2025-03-10T21:30:00Z'))).toBe(true);
    expect(isQuiet(night, new Date('2025-03-10T20:30:00Z'))).toBe(false);
    expect(isQuiet(night, new Date('2025-03-11T05:59:00Z'))).toBe(true);
    expect(isQuiet(night, new Date('2025-03-11T06:00:00Z'))).toBe(false);
  });

  it('says when they end, and null outside them', () => {
    expect(quietUntil(night, new Date('2025-03-10T23:17:00Z'))?.toISOString()).toBe('2025-03-11T06:00:00.000Z');
    expect(quietUntil(night, new Date('2025-03-10T12:00:00Z'))).toBeNull();
    expect(quietUntil(null, new Date('2025-03-10T23:17:00Z'))).toBeNull();
  });

  it('follows a daylight-saving change (Paris moves to UTC+2 on 30 March 2025)', () => {
    expect(quietUntil(night, new Date('2025-03-30T01:00:00Z'))?.toISOString()).toBe('2025-03-30T05:00:00.000Z');
  });

  it('a window within one day', () => {
    const lunch = { start: '12:00', end: '13:30', timeZone: 'UTC' };
    expect(isQuiet(lunch, new Date('2025-03-10T12:45:00Z'))).toBe(true);
    expect(quietUntil(lunch, new Date('2025-03-10T12:45:00Z'))?.toISOString()).toBe('2025-03-10T13:30:00.000Z');
  });
});
