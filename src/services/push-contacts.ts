import { randomUUID } from 'node:crypto';
import { pushContactsInputSchema } from '../api/contract/uploads.js';
import type { Caller } from '../accounts/caller.js';
import { startOfStartDate } from '../core/integration-settings.js';
import type { Connector } from '../core/ports.js';
import { runImport } from '../core/run-import.js';
import type { Run } from '../core/run.js';
import type { Outcome } from '../core/decision.js';
import { listDecisionsByRun } from '../storage/decision.repository.js';
import { createImportStore } from '../storage/import-store.js';
import { insertRun } from '../storage/run.repository.js';
import { platformOf } from './build-connector.js';
import { finishReceivedRun } from './finish-received-run.js';
import type { IntakeServices } from './intake-services.js';
import { assertIntegrationsEnabled } from './integrations-flag.js';
import { assertReceiving } from './received-intake.js';
import { getIntegration } from './manage-integrations.js';
import { ValidationError, zodProblems } from './service-errors.js';

export interface PushedDecision {
  /** The record's place in the request's `records`, from 0. */
  index: number;
  sourceRef: string;
  outcome: Outcome;
  reason: string | null;
  /** For a failed record: the field at fault and why. */
  field: string | null;
  message: string | null;
  contactId: string | null;
}

/**
 * Records sent by the customer's script, as one run through the same import engine as every
 * connector: each decided — imported, updated, unchanged (the same reference and version again: a
 * retried request never duplicates), excluded and why, failed naming its field — and answered.
 */
export async function pushContacts(services: IntakeServices, caller: Caller, integrationId: string, rawInput: unknown): Promise<{ run: Run; decisions: PushedDecision[] }> {
  const integration = await getIntegration(services, caller.workspaceId, integrationId);
  await assertIntegrationsEnabled(services, caller.workspaceId);
  const platform = platformOf(services, integration.platform);
  if (platform.push) assertReceiving(integration, 'records');
  // Every problem at once: the body's and the integration's.
  const parsed = pushContactsInputSchema.safeParse(rawInput);
  const problems = parsed.success ? [] : zodProblems(parsed.error.issues);
  if (!platform.push) problems.push({ path: 'integration', message: `"${integration.name}" reads ${platform.displayName}; records can be pushed only to a Push API integration` });
  else if (parsed.success && parsed.data.records.length > platform.push.maxBatch) {
    problems.push({ path: 'records', message: `holds ${parsed.data.records.length} records; send at most ${platform.push.maxBatch} a request` });
  }
  const push = platform.push;
  if (problems.length > 0 || !parsed.success || !push) throw new ValidationError(problems);
  const records = parsed.data.records.map((raw, index) => push.mapRecord(raw, index));
  const run = await insertRun(services.db, { workspaceId: caller.workspaceId, integrationId: integration.id, kind: 'push', checkpointBefore: integration.checkpoint, requestedBy: caller.label, receivedBy: { owner: `${services.processId}/push-${randomUUID()}`, leaseMs: services.leaseMs }, now: services.clock.now() });
  const batch: Connector = {
    async *readPages() {
      yield { records, checkpoint: integration.checkpoint ?? '' };
    },
  };
  // No run lease: batches may arrive side by side; each commits atomically, and dedup by reference and version keeps them apart.
  const result = await runImport(
    { store: createImportStore(services.db, { clock: services.clock, lease: null }), connector: batch, clock: services.clock },
    {
      scope: { workspaceId: caller.workspaceId, integrationId: integration.id, runId: run.id, platform: integration.platform, sourceAccount: integration.sourceAccount },
      settings: integration.settings,
      from: { checkpoint: integration.checkpoint, startDate: startOfStartDate(integration.settings) },
      advancesCheckpoint: false,
    },
  );
  const finished = await finishReceivedRun(services, integration, run, result, `pushed batch of ${records.length}`);
  // planPage decides each record once, in order, and decisions are stored in that order.
  const stored = await listDecisionsByRun(services.db, run.id, { limit: records.length });
  const decisions = stored.map((d, index): PushedDecision => {
    const record = records[index];
    return {
      index,
      sourceRef: d.sourceRef,
      outcome: d.outcome,
      reason: d.reason,
      field: record && !record.ok ? record.field : null,
      message: record && !record.ok ? record.message : null,
      contactId: d.contactId,
    };
  });
  return { run: finished, decisions };
}
