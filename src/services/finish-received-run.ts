import type { Integration, LastError } from '../core/integration.js';
import { healthAfterRun } from '../core/integration-status.js';
import { nextRunAt } from '../core/next-run.js';
import type { RunImportResult } from '../core/run-import.js';
import type { Run } from '../core/run.js';
import { completeRun } from '../storage/run-completion.js';
import { findRun } from '../storage/run.repository.js';
import type { IntakeServices } from './intake-services.js';

/**
 * Ends a run whose records were handed to Intake (an upload, a pushed batch) as any run ends: its
 * outcome sets the integration's health and last error, the metrics count it, one line logs it.
 */
export async function finishReceivedRun(services: IntakeServices, integration: Integration, run: Run, result: RunImportResult, what: string): Promise<Run> {
  const now = services.clock.now();
  const health = healthAfterRun(
    { health: integration.health, outageRuns: integration.outageRuns, outageSince: integration.outageSince },
    { outcome: result.outcome, category: result.error?.category === 'internal' ? null : (result.error?.category ?? null) },
    now,
    services.failurePolicy,
  );
  const lastError: LastError | null = result.error
    ? { category: result.error.category, message: result.error.message, resumeAt: result.error.resumeAt, detail: result.error.detail, at: now.toISOString(), runId: run.id }
    : null;
  await completeRun(
    services.db,
    run.id,
    integration.id,
    { status: result.outcome, error: result.error, stoppedBy: result.stoppedBy, source: { requests: 0, throttled: 0, rateLimitedMs: 0 }, now },
    {
      health,
      clearCatchUp: result.outcome === 'succeeded',
      lastError,
      nextRunAt: nextRunAt(now, integration.settings, health.health, result.error),
      now,
      cause: { kind: 'run', runId: run.id, category: result.error?.category, message: result.error?.message },
    },
  );
  const finished = (await findRun(services.db, run.id))!;
  services.metrics.recordRun(finished);
  const { counts } = finished;
  services.logger.info(
    { integrationId: integration.id, runId: run.id, kind: run.kind, outcome: finished.status, counts, pages: finished.pages },
    `run ${finished.status}: "${integration.name}" ${what}: seen ${counts.seen}, imported ${counts.imported}, updated ${counts.updated}, unchanged ${counts.unchanged}, excluded ${counts.excluded}, failed ${counts.failed}`,
  );
  return finished;
}
