import { importOneInputSchema } from '../api/contract/troubleshooting.js';
import { startOfStartDate } from '../core/integration-settings.js';
import type { Connector, MappedRecord } from '../core/ports.js';
import { runImport, toRunError } from '../core/run-import.js';
import type { Run } from '../core/run.js';
import { SourceError } from '../core/source-error.js';
import { findContactsByRef, type ImportedContact } from '../storage/contact.repository.js';
import { listDecisionsByRun, type RecordedDecision } from '../storage/decision.repository.js';
import { createImportStore } from '../storage/import-store.js';
import { findRun, finishRun, insertRun } from '../storage/run.repository.js';
import { buildConnector, platformOf } from './build-connector.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration } from './manage-integrations.js';
import { assertIntegrationsEnabled } from './integrations-flag.js';
import { emptyUsage, meteredHttp } from './metered-http.js';
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
 */
export async function importOne(services: IntakeServices, workspaceId: string, integrationId: string, rawInput: unknown, actor: string): Promise<SingleImport> {
  const parsed = importOneInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const { sourceRef } = parsed.data;
  const integration = await getIntegration(services, workspaceId, integrationId);
  await assertIntegrationsEnabled(services, workspaceId);
  const platform = platformOf(services, integration.platform);
  if (!platform.capabilities.fetchOne) {
    // Refused before any run is recorded: no attempt can succeed, so none belongs in the history.
    throw new ConflictError(
      `${platform.displayName} cannot fetch one ${platform.presentation.noun.one} by reference, so there is no manual import for it: runs read it from ${platform.displayName}'s feed, and a backfill reads a past day again.`,
    );
  }
  const usage = emptyUsage();
  const run = await insertRun(services.db, {
    workspaceId,
    integrationId: integration.id,
    kind: 'single',
    sourceRef,
    checkpointBefore: integration.checkpoint,
    requestedBy: actor,
    now: services.clock.now(),
  });
  const fail = async (error: SourceError) => {
    await finishRun(services.db, run.id, { status: 'failed', error: toRunError(error), stoppedBy: null, source: usage, now: services.clock.now() });
    return (await findRun(services.db, run.id))!;
  };

  let record: MappedRecord | null;
  try {
    const connector = await buildConnector(services, integration, { http: meteredHttp(services, usage) });
    if (!connector.fetchOne) throw new SourceError('config', `${platform.displayName} cannot fetch a single conversation.`, {});
    record = await connector.fetchOne(sourceRef);
  } catch (error) {
    if (error instanceof SourceError) throw new SingleImportFailedError(error, await fail(error));
    throw error;
  }
  if (!record) {
    const message = `${platform.displayName} has no ${platform.referenceName.replace(/ id$/, '')} "${sourceRef}" in the account "${integration.sourceAccount}". Check the reference, or whether it belongs to another integration.`;
    throw new SourceReferenceNotFoundError(message, await fail(new SourceError('source_reference_not_found', message, { sourceRef })));
  }

  const oneRecord: Connector = {
    async *readPages() {
      yield { records: [record!], checkpoint: integration.checkpoint ?? '' };
    },
  };
  const result = await runImport(
    { store: createImportStore(services.db, { clock: services.clock, lease: null }), connector: oneRecord, clock: services.clock },
    {
      scope: { workspaceId, integrationId: integration.id, runId: run.id, platform: integration.platform, sourceAccount: integration.sourceAccount },
      settings: integration.settings,
      from: { checkpoint: integration.checkpoint, startDate: startOfStartDate(integration.settings) },
      advancesCheckpoint: false,
      force: true,
    },
  );
  await finishRun(services.db, run.id, { status: result.outcome, error: result.error, stoppedBy: result.stoppedBy, source: usage, now: services.clock.now() });
  const finished = (await findRun(services.db, run.id))!;
  services.metrics.recordRun(finished);
  const [decision] = await listDecisionsByRun(services.db, run.id, { limit: 1 });
  const contact = (await findContactsByRef(services.db, workspaceId, sourceRef)).find((c) => c.platform === integration.platform && c.sourceAccount === integration.sourceAccount) ?? null;
  services.logger.info({ integrationId: integration.id, runId: run.id, sourceRef, outcome: decision?.outcome }, `manual import of ${sourceRef}: ${decision?.outcome ?? result.outcome}`);
  return { run: finished, decision: decision ?? null, contact };
}
