import { backfillInputSchema } from '../api/contract/troubleshooting.js';
import type { Integration } from '../core/integration.js';
import { runImport, toRunError, type RunImportResult } from '../core/run-import.js';
import type { BackfillEstimate, Run } from '../core/run.js';
import { setBackfillHint } from '../storage/integration-history.repository.js';
import { createImportStore } from '../storage/import-store.js';
import { findRun, finishRun, insertRun, listRuns, requestRunCancel, saveRunEstimate, touchRunHeartbeat } from '../storage/run.repository.js';
import { buildConnector } from './build-connector.js';
import type { BackgroundRunner } from './run-launcher.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration } from './manage-integrations.js';
import { assertIntegrationsEnabled, integrationsEnabled, INTEGRATIONS_TURNED_OFF } from './integrations-flag.js';
import { meterRun } from './metered-http.js';
import { getRun } from './read-runs.js';
import { AlreadyRunningError, ConflictError, ValidationError, zodProblems } from './service-errors.js';

/** Starts work in the background (the scheduler does it in the service). */
/**
 * Starts a backfill (or its preview) over contacts created in [from, to), re-read from the source
 * with today's settings. Returns the run at once; it goes on in the background, readable while it
 * runs (progress, counts), cancellable, and resumed from its checkpoint when restarted after an
 * interruption. It shares the source's rate budget with scheduled runs, which keep running.
 */
export async function startBackfill(services: IntakeServices, runner: BackgroundRunner, workspaceId: string, integrationId: string, rawInput: unknown, actor: string): Promise<Run> {
  const parsed = backfillInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const now = services.clock.now();
  const from = `${parsed.data.from}T00:00:00.000Z`;
  const to = parsed.data.to ? `${parsed.data.to}T00:00:00.000Z` : new Date(Date.parse(now.toISOString().slice(0, 10)) + 86_400_000).toISOString();
  if (from > now.toISOString()) throw new ValidationError([{ path: 'from', message: 'must not be in the future' }]);
  if (from >= to) throw new ValidationError([{ path: 'to', message: 'must be after from' }]);
  const integration = await getIntegration(services, workspaceId, integrationId);
  await assertIntegrationsEnabled(services, workspaceId);
  const preview = parsed.data.preview;

  const recent = await listRuns(services.db, integration.id, { kind: 'backfill', limit: 20 });
  const running = recent.find((r) => r.status === 'running' && !r.dryRun && now.getTime() - Date.parse(r.heartbeatAt) < services.leaseMs * 2);
  if (!preview && running) {
    throw new AlreadyRunningError(`A backfill of "${integration.name}" is already running (from ${running.window.from?.slice(0, 10)}); cancel it or wait for it to finish.`);
  }
  // An interrupted or cancelled backfill of the same range resumes where it stopped.
  const unfinished = preview ? undefined : recent.find((r) => !r.dryRun && r.window.from === from && r.window.to === to && ['interrupted', 'cancelled', 'partial'].includes(r.status));

  const run = await insertRun(services.db, {
    workspaceId,
    integrationId: integration.id,
    kind: 'backfill',
    dryRun: preview,
    windowFrom: from,
    windowTo: to,
    checkpointBefore: unfinished?.checkpointAfter ?? null,
    requestedBy: actor,
    now,
  });
  runner.runInBackground(`backfill ${run.id}`, (signal) => executeBackfill(services, integration, run, signal));
  return run;
}

async function executeBackfill(services: IntakeServices, integration: Integration, run: Run, signal: AbortSignal): Promise<void> {
  const meter = meterRun(services, run.id);
  const usage = meter.usage;
  const startedAt = Date.now();
  const heartbeat = setInterval(() => void touchRunHeartbeat(services.db, run.id, services.clock.now()).catch(() => undefined), Math.max(1000, Math.floor(services.leaseMs / 4)));
  heartbeat.unref();
  let result: RunImportResult;
  let rateLimit: { requests: number; perSeconds: number } | undefined;
  try {
    const connector = await buildConnector(services, integration, { http: meter.http });
    rateLimit = connector.rateLimit;
    result = await runImport(
      { store: createImportStore(services.db, { clock: services.clock, lease: null, dryRun: run.dryRun }), connector, clock: services.clock, signal },
      {
        scope: { workspaceId: integration.workspaceId, integrationId: integration.id, runId: run.id, platform: integration.platform, sourceAccount: integration.sourceAccount },
        settings: integration.settings,
        // The source is read from the range's start: a record created in the range changed after it.
        from: { checkpoint: run.checkpointBefore, startDate: new Date(run.window.from!), until: new Date(run.window.to!) },
        advancesCheckpoint: false,
        createdWithin: { from: run.window.from!, to: run.window.to! },
      },
    );
  } catch (error) {
    result = { outcome: 'failed', counts: run.counts, pages: 0, checkpoint: run.checkpointBefore, error: toRunError(error), stoppedBy: null };
  } finally {
    clearInterval(heartbeat);
    await meter.close();
  }
  const stoppedBy = result.stoppedBy === 'stop_requested' && !(await integrationsEnabled(services, integration.workspaceId)) ? INTEGRATIONS_TURNED_OFF : result.stoppedBy;
  if (run.dryRun && result.outcome === 'succeeded') await saveRunEstimate(services.db, run.id, estimate(usage.requests, (Date.now() - startedAt) / Math.max(1, usage.requests), rateLimit));
  await finishRun(services.db, run.id, { status: result.outcome, error: result.error, stoppedBy, source: usage, now: services.clock.now() });
  const finished = (await findRun(services.db, run.id))!;
  services.metrics.recordRun(finished);
  if (!run.dryRun && finished.status === 'succeeded' && integration.backfillHint && integration.backfillHint.from >= run.window.from!.slice(0, 10) && integration.backfillHint.to <= run.window.to!.slice(0, 10)) {
    await setBackfillHint(services.db, integration.id, null);
  }
  const c = finished.counts;
  services.logger.info(
    { integrationId: integration.id, runId: run.id, preview: run.dryRun, outcome: finished.status, counts: c },
    `${run.dryRun ? 'backfill preview' : 'backfill'} ${finished.status}: "${integration.name}" ${run.window.from!.slice(0, 10)}…${run.window.to!.slice(0, 10)} — ${run.dryRun ? 'would import' : 'imported'} ${c.imported}, ${run.dryRun ? 'would update' : 'updated'} ${c.updated}, unchanged ${c.unchanged}, excluded ${c.excluded}`,
  );
}

/** Requests a backfill of the range needs, and the time that takes from an empty rate budget. */
function estimate(requests: number, msPerRequest: number, rateLimit: { requests: number; perSeconds: number } | undefined): BackfillEstimate {
  if (!rateLimit) return { requests, seconds: Math.round((requests * msPerRequest) / 1000), rateLimit: 'none known' };
  const waits = Math.max(0, Math.ceil(requests / rateLimit.requests) - 1);
  return { requests, seconds: Math.round(waits * rateLimit.perSeconds + (requests * msPerRequest) / 1000), rateLimit: `${rateLimit.requests} requests per ${rateLimit.perSeconds} s` };
}

/** Asks a running backfill to stop after the page it is writing. */
export async function cancelRun(services: IntakeServices, workspaceId: string, runId: string): Promise<Run> {
  const run = await getRun(services, workspaceId, runId);
  if (run.status !== 'running') throw new ConflictError(`The run has already ended (${run.status}).`);
  if (run.kind !== 'backfill') throw new ConflictError('Only backfills can be cancelled; pause the integration to stop its scheduled runs.');
  await requestRunCancel(services.db, run.id, services.clock.now());
  return getRun(services, workspaceId, runId);
}

