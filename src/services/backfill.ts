import { backfillInputSchema } from '../api/contract/troubleshooting.js';
import type { Run } from '../core/run.js';
import { cancelQueuedRun } from '../storage/run-queue.repository.js';
import { insertRun, listRuns, requestRunCancel } from '../storage/run.repository.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration } from './manage-integrations.js';
import { assertIntegrationsEnabled } from './integrations-flag.js';
import { getRun } from './read-runs.js';
import type { RunDispatcher } from './run-dispatch.js';
import { AlreadyRunningError, ConflictError, ValidationError, zodProblems } from './service-errors.js';

/**
 * Asks for a backfill (or its preview) over contacts created in [from, to), re-read from the source
 * with today's settings: validated, written as a queued run and dispatched. Returns the run at once;
 * it goes on where it is executed, readable while it runs (progress, counts), cancellable, and
 * continued from its checkpoint when the process running it stops. It shares the source's rate
 * budget with scheduled runs, which keep running and keep a share of it.
 */
export async function startBackfill(services: IntakeServices, dispatcher: RunDispatcher, workspaceId: string, integrationId: string, rawInput: unknown, actor: string): Promise<Run> {
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
  const open = recent.find((r) => !r.dryRun && (r.status === 'queued' || (r.status === 'running' && (r.claimedBy !== null || now.getTime() - Date.parse(r.heartbeatAt) < services.leaseMs * 2))));
  if (!preview && open) {
    throw new AlreadyRunningError(`A backfill of "${integration.name}" is already ${open.status === 'queued' ? 'queued' : 'running'} (from ${open.window.from?.slice(0, 10)}); cancel it or wait for it to finish.`);
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
  return dispatcher.dispatch(run);
}

/** Asks a running backfill to stop after the page it is writing; a queued one ends at once. */
export async function cancelRun(services: IntakeServices, workspaceId: string, runId: string): Promise<Run> {
  const run = await getRun(services, workspaceId, runId);
  if (run.status !== 'running' && run.status !== 'queued') throw new ConflictError(`The run has already ended (${run.status}).`);
  if (run.kind !== 'backfill') throw new ConflictError('Only backfills can be cancelled; pause the integration to stop its scheduled runs.');
  const now = services.clock.now();
  if (!(run.status === 'queued' && (await cancelQueuedRun(services.db, run.id, 'stop_requested', now)))) await requestRunCancel(services.db, run.id, now);
  return getRun(services, workspaceId, runId);
}
