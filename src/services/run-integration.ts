import { randomBytes } from 'node:crypto';
import type { Integration, LastError } from '../core/integration.js';
import { healthAfterRun } from '../core/integration-status.js';
import { nextRunAt } from '../core/next-run.js';
import type { ImportScope } from '../core/ports.js';
import { runImport, toRunError, type RunError, type RunImportResult } from '../core/run-import.js';
import { startOfStartDate } from '../core/integration-settings.js';
import type { Run, RunKind, SourceUsage } from '../core/run.js';
import { createImportStore } from '../storage/import-store.js';
import { claimLease, findIntegration, releaseLease, renewLease } from '../storage/integration.repository.js';
import { completeRun } from '../storage/run-completion.js';
import { findRun, hasCompletedRead, insertRun, interruptRunningRuns, touchRunHeartbeat } from '../storage/run.repository.js';
import type { SourceHttpClient } from '../connectors/source-http-client.js';
import { buildConnector } from './build-connector.js';
import { refreshDirectoryWhenDue } from './directory-refresh.js';
import { assertIntegrationsEnabled, integrationsEnabled, INTEGRATIONS_TURNED_OFF } from './integrations-flag.js';
import { meterRun } from './metered-http.js';
import type { IntakeServices } from './intake-services.js';
import { reconcileDeletions } from './reconcile-deletions.js';
import { AlreadyRunningError, NotFoundError } from './service-errors.js';

export interface RunIntegrationOptions {
  kind: Extract<RunKind, 'scheduled' | 'manual'>;
  requestedBy?: string | null;
  /** Aborted on shutdown: the page in flight is dropped and the run ends `cancelled`. */
  signal?: AbortSignal;
  /** Called with the run as soon as it exists (the API returns it while it goes on). */
  onStarted?: (run: Run) => void;
}

/**
 * Runs one integration's incremental import under its lease: pages from the checkpoint, each
 * applied atomically, then the integration's status, last error and next run recorded.
 */
export async function runIntegration(services: IntakeServices, integrationId: string, options: RunIntegrationOptions): Promise<Run> {
  const { db, clock } = services;
  const integration = await findIntegration(db, integrationId);
  if (!integration) throw new NotFoundError(`Integration ${integrationId} does not exist.`);
  await assertIntegrationsEnabled(services, integration.workspaceId);
  const owner = `${services.processId}/${randomBytes(3).toString('hex')}`;
  if (!(await claimLease(db, integration.id, owner, clock.now(), services.leaseMs))) {
    throw new AlreadyRunningError(`"${integration.name}" is already running; wait for that run to finish.`);
  }
  try {
    await interruptRunningRuns(db, integration.id, ['scheduled', 'manual'], clock.now());
    const run = await insertRun(db, {
      workspaceId: integration.workspaceId,
      integrationId: integration.id,
      kind: options.kind,
      checkpointBefore: integration.checkpoint,
      requestedBy: options.requestedBy ?? null,
      catchUpSince: await catchUpSince(services, integration),
      now: clock.now(),
    });
    options.onStarted?.(run);
    const meter = meterRun(services, run.id);
    const heartbeat = setInterval(() => {
      const now = clock.now();
      void Promise.all([renewLease(db, integration.id, owner, now, services.leaseMs), touchRunHeartbeat(db, run.id, now)]).catch((error: unknown) =>
        services.logger.warn({ err: error, runId: run.id }, 'could not renew the run lease'),
      );
    }, Math.max(1000, Math.floor(services.leaseMs / 4)));
    heartbeat.unref();
    let result: RunImportResult;
    try {
      result = await importWithConnector(services, integration, run, owner, meter.http, options.signal);
      result = await reconcileDeletions(services, integration, { runId: run.id, owner, http: meter.http, signal: options.signal }, result);
    } finally {
      clearInterval(heartbeat);
      await meter.close();
    }
    await recordEnd(services, integration, run, await explainStop(services, integration, result), meter.usage);
    const finished = (await findRun(db, run.id))!;
    services.metrics.recordRun(finished);
    logRun(services, integration, finished);
    // The schedule keeps each directory (agents, custom fields) a day fresh at most; it never fails the run.
    if (finished.kind === 'scheduled' && finished.status === 'succeeded') await refreshDirectoryWhenDue(services, integration.id);
    return finished;
  } finally {
    await releaseLease(db, integration.id, owner);
  }
}

async function importWithConnector(
  services: IntakeServices,
  integration: Integration,
  run: Run,
  owner: string,
  http: SourceHttpClient,
  signal: AbortSignal | undefined,
): Promise<RunImportResult> {
  const scope: ImportScope = {
    workspaceId: integration.workspaceId,
    integrationId: integration.id,
    runId: run.id,
    platform: integration.platform,
    sourceAccount: integration.sourceAccount,
  };
  try {
    const connector = await buildConnector(services, integration, { http });
    return await runImport(
      { store: createImportStore(services.db, { clock: services.clock, lease: { owner, durationMs: services.leaseMs } }), connector, clock: services.clock, signal },
      {
        scope,
        settings: integration.settings,
        from: { checkpoint: integration.checkpoint, startDate: startOfStartDate(integration.settings) },
        advancesCheckpoint: true,
      },
    );
  } catch (error) {
    // Building the connector failed (bad stored settings, undecryptable credentials).
    const runError = toRunError(error);
    return { outcome: 'failed', counts: run.counts, pages: 0, checkpoint: integration.checkpoint, error: runError, stoppedBy: null };
  }
}

async function recordEnd(
  services: IntakeServices,
  integration: Integration,
  run: Run,
  result: EndedRun,
  usage: SourceUsage,
): Promise<void> {
  const now = services.clock.now();
  const health = healthAfterRun(
    { health: integration.health, outageRuns: integration.outageRuns, outageSince: integration.outageSince },
    { outcome: result.outcome, category: result.error?.category === 'internal' ? null : (result.error?.category ?? null) },
    now,
    services.failurePolicy,
  );
  const lastError: LastError | null = result.error ? { ...errorSummary(result.error), at: now.toISOString(), runId: run.id } : null;
  await completeRun(
    services.db,
    run.id,
    integration.id,
    { status: result.outcome, error: result.error, stoppedBy: result.stoppedBy, source: usage, now },
    {
      health,
      clearCatchUp: result.outcome === 'succeeded',
      lastError,
      // A run cut short by shutdown is resumed by the next process at once; one stopped by the
      // Integrations flag resumes as soon as the flag is back on.
      nextRunAt: result.stoppedBy === 'shutdown' || result.stoppedBy === INTEGRATIONS_TURNED_OFF ? now : nextRunAt(now, integration.settings, health.health, result.error),
      now,
      cause: { kind: 'run', runId: run.id, category: result.error?.category, message: result.error?.message },
    },
  );
}

/** How the import ended, with why it stopped in the words the run keeps. */
type EndedRun = Omit<RunImportResult, 'stoppedBy'> & { stoppedBy: string | null };

async function explainStop(services: IntakeServices, integration: Integration, result: RunImportResult): Promise<EndedRun> {
  if (result.stoppedBy !== 'stop_requested' || (await integrationsEnabled(services, integration.workspaceId))) return result;
  return { ...result, stoppedBy: INTEGRATIONS_TURNED_OFF };
}

/**
 * After an outage (or while one lasts) a run is a catch-up: it records what it recovered since the
 * outage began. Only once the integration has read its source to the end: until then every run is
 * still the first import, and what it brings was never missed.
 */
async function catchUpSince(services: IntakeServices, integration: Integration): Promise<string | null> {
  const since = integration.catchUpSince ?? (integration.health === 'failure' ? integration.healthSince : integration.outageSince);
  if (!since) return null;
  return (await hasCompletedRead(services.db, integration.id)) ? since : null;
}

function errorSummary(error: RunError): Omit<LastError, 'at' | 'runId'> {
  return { category: error.category, message: error.message, resumeAt: error.resumeAt, detail: error.detail };
}

function logRun(services: IntakeServices, integration: Integration, run: Run): void {
  const { counts } = run;
  const took = run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : null;
  services.logger.info(
    {
      integrationId: integration.id,
      runId: run.id,
      kind: run.kind,
      outcome: run.status,
      counts,
      pages: run.pages,
      source: run.source,
      tookMs: took,
      ...(run.error ? { errorCategory: run.error.category } : {}),
    },
    `run ${run.status}: "${integration.name}" seen ${counts.seen}, imported ${counts.imported}, updated ${counts.updated}, unchanged ${counts.unchanged}, excluded ${counts.excluded}, failed ${counts.failed}` +
      (run.catchUp ? ` — caught up ${run.catchUp.recovered} contact(s) missed since ${run.catchUp.since}` : '') +
      (run.error ? ` — ${run.error.message}` : ''),
  );
}
