import type { IntegrationSettings } from './integration-settings.js';
import type { Health } from './integration-status.js';
import type { RunError } from './run-import.js';

/** While credentials or configuration are broken, the schedule only probes this often. */
export const FAILURE_PROBE_INTERVAL_MS = 3_600_000;

/** When the schedule should next run an integration after a run ended. */
export function nextRunAt(now: Date, settings: IntegrationSettings, health: Health, error: RunError | null): Date {
  if (error?.category === 'rate_limited' && error.resumeAt) {
    return new Date(Math.max(Date.parse(error.resumeAt), now.getTime()));
  }
  if (health === 'failure' && error && !error.transient) {
    // No retry storm against a source that refuses us: one light probe an hour.
    return new Date(now.getTime() + FAILURE_PROBE_INTERVAL_MS);
  }
  return new Date(now.getTime() + settings.intervalMinutes * 60_000);
}
