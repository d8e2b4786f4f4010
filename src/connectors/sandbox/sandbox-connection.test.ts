import { describe, expect, it } from 'vitest';
import { SANDBOX_EPOCH_MAX_DAYS_BACK, sandboxConnectionProblems, sandboxConnectionSchema } from './sandbox-connection.js';
import { createSandboxPlatform } from './sandbox.platform.js';

const now = new Date('2026-05-20T12:00:00Z');
const daysBack = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const problems = (epoch: string) => sandboxConnectionProblems(sandboxConnectionSchema.parse({ epoch }), now);

describe('the sandbox epoch bound', () => {
  it('accepts an epoch from now back to the bound', () => {
    expect(problems(now.toISOString())).toEqual([]);
    expect(problems(daysBack(SANDBOX_EPOCH_MAX_DAYS_BACK))).toEqual([]);
  });

  it('refuses an older epoch, naming connection.epoch and the allowed range', () => {
    for (const epoch of [daysBack(SANDBOX_EPOCH_MAX_DAYS_BACK + 0.01), daysBack(30), '2000-01-01T00:00:00Z', '0001-01-01T00:00:00Z']) {
      expect(problems(epoch)).toEqual([
        {
          path: 'connection.epoch',
          message: expect.stringContaining(`must be at most 7 days back and not in the future: between ${daysBack(7)} and 2026-05-20T13:00:00.000Z`),
        },
      ]);
    }
  });

  it('refuses an epoch in the future beyond an hour of clock skew', () => {
    expect(problems(new Date(now.getTime() + 30 * 60_000).toISOString())).toEqual([]);
    expect(problems('2030-01-01T00:00:00Z')).toMatchObject([{ path: 'connection.epoch' }]);
  });

  it('never refuses a stored sandbox for having grown old: only a new connection is checked', () => {
    // The sandbox made at first start is as old as the install; reading it again must keep working.
    const platform = createSandboxPlatform();
    expect(platform.connectionSchema.safeParse({ epoch: '2000-01-01T00:00:00Z' }).success).toBe(true);
    expect(platform.connectionProblems({ epoch: '2000-01-01T00:00:00Z', seed: 7 }, null as never)).toMatchObject([{ path: 'connection.epoch' }]);
  });
});
