import type { ErrorCategory } from './source-error.js';

/** How the last runs went. Shown as the integration's status unless it is paused. */
export const HEALTH_STATES = ['active', 'warning', 'failure'] as const;
export type Health = (typeof HEALTH_STATES)[number];
export type IntegrationStatus = Health | 'paused';

export const RUN_OUTCOMES = ['succeeded', 'partial', 'failed', 'cancelled'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export interface HealthState {
  health: Health;
  /** Consecutive runs that ended on an outage (unreachable or 5xx). */
  outageRuns: number;
  outageSince: string | null;
}

export interface FailurePolicy {
  /** An outage turns into `failure` once it lasted this many runs… */
  outageRunsBeforeFailure: number;
  /** …and at least this long. */
  outageMsBeforeFailure: number;
}

export const DEFAULT_FAILURE_POLICY: FailurePolicy = { outageRunsBeforeFailure: 3, outageMsBeforeFailure: 3_600_000 };

const OUTAGE_CATEGORIES: readonly ErrorCategory[] = ['unreachable', 'source_error'];

export interface RunEnding {
  outcome: RunOutcome;
  /** The error that ended or cut short the run, if any. */
  category: ErrorCategory | null;
}

/**
 * The integration's health after a run, per the README's "What a run decides": active after a clean
 * run, warning after a partial one, failure after a non-transient cause or an outage that persists.
 */
export function healthAfterRun(state: HealthState, run: RunEnding, now: Date, policy = DEFAULT_FAILURE_POLICY): HealthState {
  if (run.outcome === 'cancelled') return state;
  if (run.category && OUTAGE_CATEGORIES.includes(run.category)) {
    const outageSince = state.outageSince ?? now.toISOString();
    const outageRuns = state.outageRuns + 1;
    const persisted =
      outageRuns >= policy.outageRunsBeforeFailure &&
      now.getTime() - Date.parse(outageSince) >= policy.outageMsBeforeFailure;
    return { health: persisted ? 'failure' : 'warning', outageRuns, outageSince };
  }
  const cleared = { outageRuns: 0, outageSince: null };
  if (run.outcome === 'succeeded') return { health: 'active', ...cleared };
  if (run.outcome === 'partial') return { health: 'warning', ...cleared };
  return { health: 'failure', ...cleared };
}

/** What users see: `paused` while a user has paused it, else the health of its last runs. */
export function displayedStatus(state: { health: Health; paused: boolean }): IntegrationStatus {
  return state.paused ? 'paused' : state.health;
}

/**
 * New credentials were verified: an integration in `failure` is active again, its outage over, and
 * its next run catches up from when it started failing. Other states are left as they are.
 */
export function healthAfterReconnect(state: HealthState & { healthSince: string }): { health: HealthState; catchUpSince: string | null } {
  if (state.health !== 'failure') return { health: state, catchUpSince: null };
  return { health: { health: 'active', outageRuns: 0, outageSince: null }, catchUpSince: state.healthSince };
}
