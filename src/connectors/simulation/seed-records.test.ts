import { describe, expect, it } from 'vitest';
import { seedRecords } from './seed-records.js';

const now = new Date('2025-03-10T12:00:00Z');
const make = (_random: unknown, id: number, createdMs: number, updatedMs: number) => ({ id, createdMs, updatedMs });

describe('seeded records', () => {
  it('spread creations over the span, in id order, each changed later and at least the settling time before now', () => {
    const records = seedRecords({ count: 50, now, spanDays: 10, firstId: 100 }, 120_000, make);
    expect(records.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
    const latest = now.getTime() - 120_000;
    for (const r of records) {
      expect(r.createdMs).toBeGreaterThanOrEqual(latest - 10 * 86_400_000);
      expect(r.updatedMs).toBeGreaterThanOrEqual(Math.min(r.createdMs, latest));
      expect(r.updatedMs).toBeLessThanOrEqual(latest);
    }
    expect(records.map((r) => r.createdMs)).toEqual([...records.map((r) => r.createdMs)].sort((a, b) => a - b));
  });

  it('are the same for the same seed and differ for another', () => {
    const one = seedRecords({ count: 20, now, seed: 3 }, 60_000, make);
    expect(seedRecords({ count: 20, now, seed: 3 }, 60_000, make)).toEqual(one);
    expect(seedRecords({ count: 20, now, seed: 4 }, 60_000, make)).not.toEqual(one);
  });
});
