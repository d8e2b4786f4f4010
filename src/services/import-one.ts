import { importOneInputSchema } from '../api/contract/troubleshooting.js';
import type { Run } from '../core/run.js';
import { SourceError, type ErrorCategory } from '../core/source-error.js';
import { findContactsByRef, type ImportedContact } from '../storage/contact.repository.js';
import { listDecisionsByRun, type RecordedDecision } from '../storage/decision.repository.js';
import { insertRun } from '../storage/run.repository.js';
import { platformOf } from './build-connector.js';
import { executeRun } from './execute-run.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration } from './manage-integrations.js';
import { assertIntegrationsEnabled } from './integrations-flag.js';
import type { RunDispatcher } from './run-dispatch.js';
import { prepareKeptCopy } from './received-copies.js';
import { ConflictError, ValidationError, zodProblems } from './service-errors.js';

/** The source does not know the reference asked for. */
export class SourceReferenceNotFoundError extends Error {
  override readonly name = 'SourceReferenceNotFoundError';
  readonly code = 'source_reference_not_found';
  constructor(
    message: string,
    readonly run: Run,
  ) {
    super(message);
  }
}

/** The source refused or failed while fetching the one conversation: the run's classified error. */
export class SingleImportFailedError extends Error {
  override readonly name = 'SingleImportFailedError';
  readonly code = 'source_error';
  constructor(
    readonly sourceError: SourceError,
    readonly run: Run,
  ) {
    super(sourceError.message, { cause: sourceError });
  }
}

export interface SingleImport {
  run: Run;
  decision: RecordedDecision | null;
  contact: ImportedContact | null;
}

/**
 * Manual import of one conversation, now, whether or not it passes the filters: if this works where
 * the schedule did not, a filter or the schedule is excluding it. The decision says it was manual
 * and which check the schedule would have failed. It never moves the integration's checkpoint.
 * Written as a queued `single` run and dispatched (to a worker in distributed mode); the answer
 * waits for the run to end. Without a dispatcher (the CLI) it runs in this process.
 */
export async function importOne(services: IntakeServices, workspaceId: string, integrationId: string, rawInput: unknown, actor: string, dispatcher?: RunDispatcher): Promise<SingleImport> {
  const parsed = importOneInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const { sourceRef, values } = parsed.data;
  const integration = await getIntegration(services, workspaceId, integrationId);
  await assertIntegrationsEnabled(services, workspaceId);
  const platform = platformOf(services, integration.platform);
  if (values && !platform.received) {
    throw new ValidationError([{ path: 'values', message: `are only for a ${platform.presentation.noun.one} received in a file or a push; ${platform.displayName} is asked for the ${platform.presentation.noun.one} itself: leave them out` }]);
  }
  // Records handed to Intake are imported again from the copy kept when they were not imported.
  if (platform.received) await prepareKeptCopy(services, integration, platform, sourceRef, values);
  else if (!platform.capabilities.fetchOne) {
    // Refused before any run is recorded: no attempt can succeed, so none belongs in the history.
    throw new ConflictError(
      `${platform.displayName} cannot fetch one ${platform.presentation.noun.one} by reference, so there is no manual import for it: runs read it from ${platform.displayName}'s feed, and a backfill reads a past day again.`,
    );
  }
  const queued = await insertRun(services.db, {
    workspaceId,
    integrationId: integration.id,
    kind: 'single',
    sourceRef,
    checkpointBefore: integration.checkpoint,
    requestedBy: actor,
    now: services.clock.now(),
  });
  const run = await runToEnd(services, queued, dispatcher);

  if (run.status === 'failed' && run.error) {
    if (run.error.category === 'source_reference_not_found') throw new SourceReferenceNotFoundError(run.error.message, run);
    if (run.error.category !== 'internal') throw new SingleImportFailedError(new SourceError(run.error.category as ErrorCategory, run.error.message, run.error.detail), run);
    throw new Error(`The single import ${run.id} failed in Intake itself: ${run.error.message}`);
  }
  const [decision] = await listDecisionsByRun(services.db, run.id, { limit: 1 });
  const contact = (await findContactsByRef(services.db, workspaceId, sourceRef)).find((c) => c.platform === integration.platform && c.sourceAccount === integration.sourceAccount) ?? null;
  return { run, decision: decision ?? null, contact };
}

/**
 * Dispatches a queued run and waits for its end (in this process without a dispatcher). With a
 * timeout, answers with the run as it is then, perhaps still queued or running.
 */
export async function runToEnd(services: IntakeServices, queued: Run, dispatcher?: RunDispatcher, options: { timeoutMs?: number } = {}): Promise<Run> {
  if (dispatcher) {
    await dispatcher.dispatch(queued);
    return dispatcher.awaitEnd(queued.id, options);
  }
  const result = await executeRun(services, queued.id);
  if (!result.executed) throw new Error(`Run ${queued.id} could not start (${result.reason}).`);
  return result.run;
}
