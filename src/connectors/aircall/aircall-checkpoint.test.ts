import { describe, expect, it } from 'vitest';
import { SourceError } from '../../core/source-error.js';
import { describeScan, readCheckpoint, splitRange, startScan, writeCheckpoint } from './aircall-checkpoint.js';

const HOUR = 3600;

describe('Aircall scans', () => {
  it('a first scan reads from the start date, with no look-back', () => {
    expect(startScan(null, 1000, 24, 5000)).toMatchObject({ newFrom: 1000, ranges: [[1000, 5000]], to: 5000 });
  });

  it('a later scan re-reads the look-back window, then the new calls, as separate ranges', () => {
    const scan = startScan(100 * HOUR, 0, 24, 110 * HOUR);
    expect(scan).toMatchObject({ newFrom: 100 * HOUR + 1, to: 110 * HOUR, ranges: [[76 * HOUR + 1, 100 * HOUR], [100 * HOUR + 1, 110 * HOUR]] });
  });

  it('never looks back before the start date, and with nothing new reads only the window', () => {
    expect(startScan(10 * HOUR, 5 * HOUR, 24, 20 * HOUR).ranges).toEqual([[5 * HOUR, 10 * HOUR], [10 * HOUR + 1, 20 * HOUR]]);
    expect(startScan(20 * HOUR, 0, 1, 20 * HOUR).ranges).toEqual([[19 * HOUR + 1, 20 * HOUR]]);
  });

  it('splits a range into two halves that cover it exactly, and not a single second', () => {
    expect(splitRange([10, 21])).toEqual([[10, 15], [16, 21]]);
    expect(splitRange([10, 11])).toEqual([[10, 10], [11, 11]]);
    expect(splitRange([10, 10])).toBeNull();
  });

  it('says what a scan cost in words', () => {
    const scan = { ...startScan(100, 0, 24, 200), rescanRequests: 3, newRequests: 1, rescanCalls: 120, splits: 1 };
    expect(describeScan(scan, 24, true)).toBe("Look-back re-scan (24 h): 3 requests, 120 calls re-read; new calls: 1 request; 1 range split to stay under Aircall's 10,000-call listing limit.");
    expect(describeScan({ ...scan, rescanRequests: 0, splits: 0 }, 24, false)).toBe('So far: No look-back re-scan (nothing was read before); new calls: 1 request.');
  });

  it('reads back what it wrote, and calls an unreadable checkpoint a config problem', () => {
    const checkpoint = { v: 1 as const, reachedTo: 5, scan: startScan(5, 0, 1, 10), note: null };
    expect(readCheckpoint(writeCheckpoint(checkpoint))).toEqual(checkpoint);
    expect(() => readCheckpoint('{"v":2}')).toThrow(SourceError);
    expect(() => readCheckpoint('not json')).toThrow(/checkpoint is unreadable/);
  });
});
