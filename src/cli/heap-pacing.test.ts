import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { paceHeapGrowth } from './heap-pacing.js';

describe('heap pacing', () => {
  it('leaves a heap-growing flag given to node alone, on the command line or in NODE_OPTIONS', () => {
    expect(paceHeapGrowth(['--heap-growing-percent=80'], '')).toBe(false);
    expect(paceHeapGrowth([], '--max-old-space-size=512 --heap_growing_percent=20')).toBe(false);
  });

  it('sets it otherwise, without touching the heap limit', () => {
    const limit = getHeapStatistics().heap_size_limit;
    expect(paceHeapGrowth(['--enable-source-maps'], '--max-old-space-size=4096')).toBe(true);
    expect(getHeapStatistics().heap_size_limit).toBe(limit);
  });
});
