import { randomBytes } from 'node:crypto';
import type { Integration, LastError } from '../core/integration.js';
import { healthAfterRun } from '../core/integration-status.js';
import { startOfStartDate } from '../core/integration-settings.js';
import { nextRunAt } from '../core/next-run.js';
import { planPage } from '../core/plan-page.js';
import type { Connector, ImportScope, MappedRecord } from '../core/ports.js';
import { emptyCounts } from '../core/run-counts.js';
import { runImport, toRunError, type RunError, type RunImportInput, type RunImportResult } from '../core/run-import.js';
import type { BackfillEstimate, Run, SourceUsage } from '../core/run.js';
import { SourceError } from '../core/source-error.js';
import type { PlatformConnector } from '../connectors/platform.js';
import type { SourceHttpClient } from '../connectors/source-http-client.js';
import { findContactsByRefs } from '../storage/contact.repository.js';
import { setBackfillHint } from '../storage/integration-history.repository.js';
import { findIntegration, releaseLease } from '../storage/integration.repository.js';
import { createImportStore } from '../storage/import-store.js';
import { completeRun } from '../storage/run-completion.js';
import { claimRun, handBackRun, needsIntegrationLease, renewRunLease, saveRunOutput, type RunLease } from '../storage/run-queue.repository.js';
import { findRun, finishRun, interruptRunningRuns, saveRunEstimate } from '../storage/run.repository.js';
import { buildConnector, platformOf } from './build-connector.js';
import { refreshDirectoryWhenDue } from './directory-refresh.js';
import { integrationsEnabled, INTEGRATIONS_TURNED_OFF } from './integrations-flag.js';
import type { IntakeServices } from './intake-services.js';
import { meterRun } from './metered-http.js';
import { keptCopyOf, mapKeptCopy } from './received-copies.js';
import { reconcileDeletions } from './reconcile-deletions.js';

/** What a live check (a single run that writes nothing) found, kept on the run for whoever asked. */
export type LiveCheckOutput =
  | { kind: 'found'; record: MappedRecord; wouldBe: { outcome: string; reason: string | null; evidence: Record<string, unknown> } }
  | { kind: 'not_found' }
  | { kind: 'error'; category: string; message: string };

export interface ExecuteRunOptions {
  /** Who holds the run's lease: this process by default. */
  owner?: string;
  /** Stopped by its signal: `hand_back` (a worker) queues the run again with its checkpoint; `end` (embedded) ends it `cancelled`. */
  onShutdown?: 'hand_back' | 'end';
  /** Called once the run is claimed (status running), before its first page. */
  onClaimed?: (run: Run) => void;
}

/** Why a run did not execute here. */
export type NotExecuted = { executed: false; reason: 'busy' | 'gone' };
export type Executed = { executed: true; run: Run };

/**
 * The one executor, for every kind of run: claims the queued run (with its integration's run lease
 * for scheduled and manual runs), heartbeats, builds the connector, calls runImport with the input
 * of its kind, ends the run (health for scheduled and manual runs, a preview's estimate, the
 * backfill hint), records metrics and writes one log line. A run taken over from a process that
 * died continues from its checkpoint with its counters.
 */
export async function executeRun(services: IntakeServices, runId: string, signal?: AbortSignal, options: ExecuteRunOptions = {}): Promise<Executed | NotExecuted> {
  const owner = options.owner ?? claimOwner(services);
  const lease = (): RunLease => ({ owner, now: services.clock.now(), leaseMs: services.leaseMs });
  let run = await findRun(services.db, runId);
  if (!run) return { executed: false, reason: 'gone' };
  if (!(run.status === 'running' && (await heldBy(services, runId, owner)))) {
    const claimed = await claimRun(services.db, runId, lease());
    if (claimed.kind !== 'claimed') return { executed: false, reason: claimed.kind };
    run = claimed.run;
  }
  try {
    return { executed: true, run: await executeClaimed(services, run, owner, signal, options) };
  } finally {
    // Scheduled and manual runs held their integration too (a no-op once handed back or taken over).
    if (needsIntegrationLease(run.kind)) await releaseLease(services.db, run.integrationId, owner).catch(() => undefined);
  }
}

async function executeClaimed(services: IntakeServices, run: Run, owner: string, signal: AbortSignal | undefined, options: ExecuteRunOptions): Promise<Run> {
  const lease = (): RunLease => ({ owner, now: services.clock.now(), leaseMs: services.leaseMs });
  const integration = await findIntegration(services.db, run.integrationId);
  if (!integration) {
    await finishRun(services.db, run.id, { status: 'failed', error: internalError('Its integration was deleted.'), stoppedBy: null, source: run.source, now: services.clock.now() });
    return (await findRun(services.db, run.id))!;
  }
  if (needsIntegrationLease(run.kind)) {
    // Any other scheduled or manual run still open on this integration lost its lease: its process died.
    await interruptOthers(services, integration.id, run.id);
  }
  options.onClaimed?.(run);

  // A backfill draws on its account's rate budget beside the scheduled runs, and never takes all of it.
  const meter = meterRun(services, run.id, run.source, run.kind === 'backfill' ? (services.backfillBudgetShare ?? 0.7) : 1);
  const heartbeat = setInterval(() => {
    void renewRunLease(services.db, run, lease()).catch((error: unknown) => services.logger.warn({ err: error, runId: run.id }, 'could not renew the run lease'));
  }, Math.max(250, Math.floor(services.leaseMs / 4)));
  heartbeat.unref();
  const startedAt = Date.now();
  let result: RunImportResult;
  let rateLimit: { requests: number; perSeconds: number } | undefined;
  try {
    const executed = await importByKind(services, integration, run, owner, meter.http, signal);
    result = executed.result;
    rateLimit = executed.rateLimit;
  } finally {
    clearInterval(heartbeat);
    await meter.close();
  }

  // The lease expired meanwhile and another process took the run over: it is theirs to end.
  if (!(await heldBy(services, run.id, owner))) {
    services.logger.warn({ runId: run.id, integrationId: integration.id }, `run ${run.id}: another process took it over (this one's lease expired); leaving it to them`);
    return (await findRun(services.db, run.id))!;
  }
  if (result.stoppedBy === 'shutdown' && options.onShutdown === 'hand_back') {
    await handBackRun(services.db, run, owner, meter.usage);
    services.logger.info({ runId: run.id, integrationId: integration.id, kind: run.kind }, `run ${run.id} handed back to the queue at shutdown: another process continues it from its checkpoint`);
    return (await findRun(services.db, run.id))!;
  }
  const ended = await explainStop(services, integration, result);
  await recordEnd(services, integration, run, owner, ended, meter.usage);
  if (run.dryRun && run.kind === 'backfill' && ended.outcome === 'succeeded') {
    await saveRunEstimate(services.db, run.id, estimate(meter.usage.requests, (Date.now() - startedAt) / Math.max(1, meter.usage.requests), rateLimit));
  }
  const finished = (await findRun(services.db, run.id))!;
  services.metrics.recordRun(finished);
  logRun(services, integration, finished);
  if (run.kind === 'backfill' && !run.dryRun && finished.status === 'succeeded') await clearBackfillHint(services, integration, finished);
  // The schedule keeps each directory (agents, custom fields) a day fresh at most; it never fails the run.
  if (finished.kind === 'scheduled' && finished.status === 'succeeded') await refreshDirectoryWhenDue(services, integration.id);
  return finished;
}

/**
 * Whose a claimed run is: this process (`host/pid/…`, so a restarted process on the same machine
 * can tell a dead one's runs) and this claim, so two runs of one process never share a lease.
 */
export function claimOwner(services: IntakeServices): string {
  return `${services.processId}/${randomBytes(3).toString('hex')}`;
}

async function heldBy(services: IntakeServices, runId: string, owner: string): Promise<boolean> {
  const row = await services.db.selectFrom('runs').select(['claimed_by', 'status']).where('id', '=', runId).executeTakeFirst();
  return row?.status === 'running' && row.claimed_by === owner;
}

async function interruptOthers(services: IntakeServices, integrationId: string, runId: string): Promise<void> {
  const others = await services.db
    .selectFrom('runs')
    .select('id')
    .where('integration_id', '=', integrationId)
    .where('status', '=', 'running')
    .where('kind', 'in', ['scheduled', 'manual'])
    .where('id', '!=', runId)
    .execute();
  if (others.length > 0) await interruptRunningRuns(services.db, integrationId, ['scheduled', 'manual'], services.clock.now(), runId);
}

interface KindResult {
  result: RunImportResult;
  rateLimit?: { requests: number; perSeconds: number };
}

/** The input runImport gets for each kind of run. */
async function importByKind(services: IntakeServices, integration: Integration, run: Run, owner: string, http: SourceHttpClient, signal: AbortSignal | undefined): Promise<KindResult> {
  const scope: ImportScope = { workspaceId: integration.workspaceId, integrationId: integration.id, runId: run.id, platform: integration.platform, sourceAccount: integration.sourceAccount };
  const resume = run.claims > 1 ? { counts: run.counts, pages: run.pages } : undefined;
  const runLease = { owner, durationMs: services.leaseMs };
  const failed = (error: unknown): RunImportResult => ({ outcome: 'failed', counts: run.counts, pages: run.pages, checkpoint: run.checkpointAfter, error: toRunError(error), stoppedBy: null });
  if (run.kind === 'upload' || run.kind === 'push') {
    // Records handed over in a request are read by that request alone: this run's lease expired
    // because the process receiving them stopped. Nothing else can read them again.
    const what = run.kind === 'upload' ? `the file ${run.fileName ?? ''} was being received` : 'the pushed records were being received';
    return {
      result: {
        ...failed(null),
        error: { category: 'internal', message: `Intake stopped while ${what}; send it again — what was already imported comes back unchanged.`, transient: false, detail: {}, resumeAt: null },
      },
    };
  }
  let connector: PlatformConnector;
  try {
    connector = await buildConnector(services, integration, { http });
  } catch (error) {
    // Bad stored settings, undecryptable credentials.
    return { result: failed(error) };
  }
  const deps = (options: { lease: boolean; dryRun?: boolean }) => ({
    store: createImportStore(services.db, { clock: services.clock, lease: options.lease ? runLease : null, runLease, dryRun: options.dryRun }),
    connector,
    clock: services.clock,
    signal,
  });

  if (run.kind === 'scheduled' || run.kind === 'manual') {
    const input: RunImportInput = {
      scope,
      settings: integration.settings,
      from: { checkpoint: integration.checkpoint, startDate: startOfStartDate(integration.settings) },
      advancesCheckpoint: true,
      resume,
    };
    let result = await runImport(deps({ lease: true }), input);
    result = await reconcileDeletions(services, integration, { runId: run.id, owner, http, signal }, result);
    return { result };
  }

  if (run.kind === 'backfill') {
    const result = await runImport(deps({ lease: false, dryRun: run.dryRun }), {
      scope,
      settings: integration.settings,
      // The source is read from the range's start (or where this run got to): a record created in the range changed after it.
      from: { checkpoint: run.checkpointAfter, startDate: new Date(run.window.from!), until: new Date(run.window.to!) },
      advancesCheckpoint: false,
      createdWithin: { from: run.window.from!, to: run.window.to! },
      resume,
    });
    return { result, rateLimit: connector.rateLimit };
  }

  // A single conversation: imported whatever the filters say, or (a live check) only decided.
  const platform = platformOf(services, integration.platform);
  const sourceRef = run.sourceRef!;
  let record: MappedRecord | null;
  try {
    if (connector.fetchOne) record = await connector.fetchOne(sourceRef);
    else if (platform.received) {
      // A record handed to Intake: its kept copy, read with today's mapping, is the record.
      const kept = await keptCopyOf(services, integration, sourceRef);
      if (!kept) throw new SourceError('source_reference_not_found', `"${integration.name}" keeps no ${platform.presentation.noun.one} ${sourceRef} to import (it imported meanwhile, or was never received): send it again.`, { sourceRef });
      record = mapKeptCopy(platform, integration, kept, Date.parse(run.startedAt));
    } else throw new SourceError('config', `${platform.displayName} cannot fetch a single conversation.`, {});
  } catch (error) {
    if (run.dryRun && error instanceof SourceError) await saveRunOutput(services.db, run.id, { kind: 'error', category: error.category, message: error.message } satisfies LiveCheckOutput);
    return { result: failed(error) };
  }
  if (run.dryRun) {
    if (!record) {
      await saveRunOutput(services.db, run.id, { kind: 'not_found' } satisfies LiveCheckOutput);
    } else {
      const existing = record.ok ? await findContactsByRefs(services.db, integration, [record.contact.sourceRef]) : new Map();
      const plan = planPage({ records: [record], existing, settings: integration.settings, counts: emptyCounts() });
      const decision = plan.decisions[0]!;
      await saveRunOutput(services.db, run.id, { kind: 'found', record, wouldBe: { outcome: decision.outcome, reason: decision.reason, evidence: decision.evidence } } satisfies LiveCheckOutput);
    }
    return { result: { outcome: 'succeeded', counts: run.counts, pages: 0, checkpoint: run.checkpointAfter, error: null, stoppedBy: null } };
  }
  if (!record) {
    const message = `${platform.displayName} has no ${platform.referenceName.replace(/ id$/, '')} "${sourceRef}" in the account "${integration.sourceAccount}". Check the reference, or whether it belongs to another integration.`;
    return { result: failed(new SourceError('source_reference_not_found', message, { sourceRef })) };
  }
  const oneRecord: Connector = {
    async *readPages() {
      yield { records: [record], checkpoint: integration.checkpoint ?? '' };
    },
  };
  const result = await runImport(
    { store: createImportStore(services.db, { clock: services.clock, lease: null, runLease }), connector: oneRecord, clock: services.clock },
    {
      scope,
      settings: integration.settings,
      from: { checkpoint: integration.checkpoint, startDate: startOfStartDate(integration.settings) },
      advancesCheckpoint: false,
      force: true,
    },
  );
  return { result };
}

/** How the import ended, with why it stopped in the words the run keeps. */
type EndedRun = Omit<RunImportResult, 'stoppedBy'> & { stoppedBy: string | null };

async function explainStop(services: IntakeServices, integration: Integration, result: RunImportResult): Promise<EndedRun> {
  if (result.stoppedBy !== 'stop_requested' || (await integrationsEnabled(services, integration.workspaceId))) return result;
  return { ...result, stoppedBy: INTEGRATIONS_TURNED_OFF };
}

/** Scheduled and manual runs move the integration's health, last error and next run; the others only end. */
async function recordEnd(services: IntakeServices, integration: Integration, run: Run, owner: string, result: EndedRun, usage: SourceUsage): Promise<void> {
  const now = services.clock.now();
  const end = { status: result.outcome, error: result.error, stoppedBy: result.stoppedBy, source: usage, now };
  if (!needsIntegrationLease(run.kind)) {
    await finishRun(services.db, run.id, end);
    return;
  }
  const health = healthAfterRun(
    { health: integration.health, outageRuns: integration.outageRuns, outageSince: integration.outageSince },
    { outcome: result.outcome, category: result.error?.category === 'internal' ? null : (result.error?.category ?? null) },
    now,
    services.failurePolicy,
  );
  const lastError: LastError | null = result.error ? { ...errorSummary(result.error), at: now.toISOString(), runId: run.id } : null;
  await completeRun(services.db, run.id, integration.id, end, {
    health,
    clearCatchUp: result.outcome === 'succeeded',
    lastError,
    // A run cut short by shutdown is resumed by the next process at once; one stopped by the
    // Integrations flag resumes as soon as the flag is back on.
    nextRunAt: result.stoppedBy === 'shutdown' || result.stoppedBy === INTEGRATIONS_TURNED_OFF ? now : nextRunAt(now, integration.settings, health.health, result.error),
    now,
    cause: { kind: 'run', runId: run.id, category: result.error?.category, message: result.error?.message },
  }, owner);
}

async function clearBackfillHint(services: IntakeServices, integration: Integration, run: Run): Promise<void> {
  const hint = integration.backfillHint;
  if (hint && hint.from >= run.window.from!.slice(0, 10) && hint.to <= run.window.to!.slice(0, 10)) await setBackfillHint(services.db, integration.id, null);
}

/** Requests a backfill of the range needs, and the time that takes from an empty rate budget. */
function estimate(requests: number, msPerRequest: number, rateLimit: { requests: number; perSeconds: number } | undefined): BackfillEstimate {
  if (!rateLimit) return { requests, seconds: Math.round((requests * msPerRequest) / 1000), rateLimit: 'none known' };
  const waits = Math.max(0, Math.ceil(requests / rateLimit.requests) - 1);
  return { requests, seconds: Math.round(waits * rateLimit.perSeconds + (requests * msPerRequest) / 1000), rateLimit: `${rateLimit.requests} requests per ${rateLimit.perSeconds} s` };
}

function errorSummary(error: RunError): Omit<LastError, 'at' | 'runId'> {
  return { category: error.category, message: error.message, resumeAt: error.resumeAt, detail: error.detail };
}

function internalError(message: string): RunError {
  return { category: 'internal', message, transient: false, detail: {}, resumeAt: null };
}

const KIND_WORDS: Record<Run['kind'], string> = { scheduled: 'scheduled run', manual: 'manual run', single: 'single import', backfill: 'backfill', upload: 'upload', push: 'push' };

/** One line per run, in one format for every kind. */
function logRun(services: IntakeServices, integration: Integration, run: Run): void {
  const { counts } = run;
  const took = run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : null;
  const what = run.kind === 'single' ? (run.dryRun ? `live check of ${run.sourceRef}` : `single import of ${run.sourceRef}`) : run.dryRun ? 'backfill preview' : KIND_WORDS[run.kind];
  const range = run.kind === 'backfill' ? ` ${run.window.from!.slice(0, 10)}…${run.window.to!.slice(0, 10)}` : '';
  services.logger.info(
    {
      integrationId: integration.id,
      runId: run.id,
      kind: run.kind,
      dryRun: run.dryRun,
      outcome: run.status,
      counts,
      pages: run.pages,
      source: run.source,
      tookMs: took,
      lagMs: Date.parse(run.startedAt) - Date.parse(run.queuedAt),
      claims: run.claims,
      ...(run.sourceRef ? { sourceRef: run.sourceRef } : {}),
      ...(run.error ? { errorCategory: run.error.category } : {}),
    },
    `run ${run.status}: "${integration.name}" seen ${counts.seen}, ${run.dryRun ? 'would import' : 'imported'} ${counts.imported}, ${run.dryRun ? 'would update' : 'updated'} ${counts.updated}, unchanged ${counts.unchanged}, excluded ${counts.excluded}, failed ${counts.failed}${run.kind === 'scheduled' || run.kind === 'manual' ? '' : ` (${what}${range})`}` +
      (run.catchUp ? ` — caught up ${run.catchUp.recovered} contact(s) missed since ${run.catchUp.since}` : '') +
      (run.error ? ` — ${run.error.message}` : ''),
  );
}
