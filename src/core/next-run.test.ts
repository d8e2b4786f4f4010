import { describe, expect, it } from 'vitest';
import { FAILURE_PROBE_INTERVAL_MS, nextRunAt } from './next-run.js';
import { integrationSettingsSchema } from './integration-settings.js';
import type { RunError } from './run-import.js';

const now = new Date('2025-03-10T12:00:00Z');
const settings = integrationSettingsSchema.parse({ startDate: '2025-01-01', intervalMinutes: 15 });
const error = (patch: Partial<RunError>): RunError => ({ category: 'unreachable', message: 'down', transient: true, detail: {}, resumeAt: null, ...patch });

describe('nextRunAt', () => {
  it('follows the interval after a healthy run', () => {
    expect(nextRunAt(now, settings, 'active', null).toISOString()).toBe('2025-03-10T12:15:00.000Z');
  });

  it('resumes when a rate limit says, but never in the past', () => {
    expect(nextRunAt(now, settings, 'warning', error({ category: 'rate_limited', resumeAt: '2025-03-10T12:40:00Z' })).toISOString()).toBe('2025-03-10T12:40:00.000Z');
    expect(nextRunAt(now, settings, 'warning', error({ category: 'rate_limited', resumeAt: '2025-03-10T11:00:00Z' })).getTime()).toBe(now.getTime());
  });

  it('only probes hourly while credentials or settings are broken', () => {
    const next = nextRunAt(now, settings, 'failure', error({ category: 'auth_revoked', transient: false }));
    expect(next.getTime() - now.getTime()).toBe(FAILURE_PROBE_INTERVAL_MS);
  });

  it('keeps the interval for a transient failure, so an outage is retried on schedule', () => {
    expect(nextRunAt(now, settings, 'failure', error({ category: 'unreachable', transient: true })).toISOString()).toBe('2025-03-10T12:15:00.000Z');
  });
});
