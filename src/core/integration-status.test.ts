import { describe, expect, it } from 'vitest';
import { DEFAULT_FAILURE_POLICY, displayedStatus, healthAfterReconnect, healthAfterRun, type HealthState } from './integration-status.js';

const now = new Date('2025-03-10T12:00:00Z');
const healthy: HealthState = { health: 'active', outageRuns: 0, outageSince: null };
const minutesLater = (m: number) => new Date(now.getTime() + m * 60_000);

describe('healthAfterRun', () => {
  it('is active after a clean run and warning after a partial one, clearing any outage', () => {
    const inOutage: HealthState = { health: 'warning', outageRuns: 2, outageSince: now.toISOString() };
    expect(healthAfterRun(inOutage, { outcome: 'succeeded', category: null }, now)).toEqual(healthy);
    expect(healthAfterRun(healthy, { outcome: 'partial', category: 'rate_limited' }, now)).toEqual({ health: 'warning', outageRuns: 0, outageSince: null });
  });

  it('fails at once on a cause that will not clear by itself', () => {
    for (const category of ['auth_revoked', 'auth_expired', 'forbidden', 'not_found', 'api_changed', 'config'] as const) {
      expect(healthAfterRun(healthy, { outcome: 'failed', category }, now).health, category).toBe('failure');
    }
  });

  it('turns an outage into failure only once it lasted enough runs and long enough', () => {
    let state = healthy;
    state = healthAfterRun(state, { outcome: 'failed', category: 'unreachable' }, now);
    expect(state).toEqual({ health: 'warning', outageRuns: 1, outageSince: now.toISOString() });
    state = healthAfterRun(state, { outcome: 'failed', category: 'source_error' }, minutesLater(10));
    state = healthAfterRun(state, { outcome: 'failed', category: 'unreachable' }, minutesLater(20));
    // Three runs, but only 20 minutes: still a warning.
    expect(state).toMatchObject({ health: 'warning', outageRuns: 3, outageSince: now.toISOString() });
    state = healthAfterRun(state, { outcome: 'failed', category: 'unreachable' }, minutesLater(DEFAULT_FAILURE_POLICY.outageMsBeforeFailure / 60_000));
    expect(state).toMatchObject({ health: 'failure', outageRuns: 4 });
  });

  it('follows the policy it is given', () => {
    const strict = { outageRunsBeforeFailure: 1, outageMsBeforeFailure: 0 };
    expect(healthAfterRun(healthy, { outcome: 'failed', category: 'unreachable' }, now, strict).health).toBe('failure');
  });

  it('leaves the state alone when a run was cancelled', () => {
    const state: HealthState = { health: 'failure', outageRuns: 0, outageSince: null };
    expect(healthAfterRun(state, { outcome: 'cancelled', category: null }, now)).toBe(state);
  });
});

describe('displayedStatus and healthAfterReconnect', () => {
  it('shows paused over any health, else the health', () => {
    expect(displayedStatus({ health: 'failure', paused: true })).toBe('paused');
    expect(displayedStatus({ health: 'warning', paused: false })).toBe('warning');
  });

  it('a reconnect ends a failure and catches up from when it began; other states are left alone', () => {
    const failing = { health: 'failure' as const, outageRuns: 3, outageSince: '2025-03-10T09:00:00Z', healthSince: '2025-03-10T10:00:00Z' };
    expect(healthAfterReconnect(failing)).toEqual({ health: { health: 'active', outageRuns: 0, outageSince: null }, catchUpSince: '2025-03-10T10:00:00Z' });
    const warning = { health: 'warning' as const, outageRuns: 1, outageSince: '2025-03-10T09:00:00Z', healthSince: '2025-03-10T09:00:00Z' };
    expect(healthAfterReconnect(warning)).toEqual({ health: warning, catchUpSince: null });
  });
});
