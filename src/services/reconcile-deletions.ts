import { changedFields } from '../core/changed-fields.js';
import type { ContactDraft, StoredContact } from '../core/contact.js';
import type { DecisionDraft } from '../core/decision.js';
import type { Integration } from '../core/integration.js';
import type { ImportScope, PagePlan } from '../core/ports.js';
import { addDecisions, type RunCounts } from '../core/run-counts.js';
import { toRunError, type RunImportResult } from '../core/run-import.js';
import type { SourceHttpClient } from '../connectors/source-http-client.js';
import { streamLiveContactRefs } from '../storage/contact.repository.js';
import { createImportStore } from '../storage/import-store.js';
import { findReconciledAt, markReconciled } from '../storage/reconciliation.repository.js';
import { hasCompletedRead } from '../storage/run.repository.js';
import { buildConnector } from './build-connector.js';
import type { IntakeServices } from './intake-services.js';

export const DEFAULT_RECONCILE_INTERVAL_MS = 24 * 3_600_000;

export interface ReconcileContext {
  runId: string;
  /** The run lease the run holds: every batch renews it, as a page does. */
  owner: string;
  http: SourceHttpClient;
  signal?: AbortSignal;
}

/**
 * For platforms whose change feed never shows a deletion (the connector has `findDeleted`): after
 * a run that read its source to the end — not the first import — at most once per
 * INTAKE_RECONCILE_HOURS, asks the source which of the contacts Intake holds for the account are
 * gone, and records each in the same run — decision `excluded` / `deleted_at_source`, the contact
 * refreshed to status `deleted` — counted in the run's counts. A problem on the way ends the run as
 * any source problem would; the reconciliation is then due again on the next run.
 */
export async function reconcileDeletions(services: IntakeServices, integration: Integration, context: ReconcileContext, result: RunImportResult): Promise<RunImportResult> {
  if (result.outcome !== 'succeeded') return result;
  const startedAt = services.clock.now();
  const last = await findReconciledAt(services.db, integration.id);
  const interval = services.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
  // A first import has just seen every conversation it holds: the first reconciliation is the next run's.
  const due = last === null ? await hasCompletedRead(services.db, integration.id) : startedAt.getTime() - Date.parse(last) >= interval;
  if (!due) return result;

  let counts = result.counts;
  try {
    const connector = await buildConnector(services, integration, { http: context.http });
    if (!connector.findDeleted) return result;
    const scope: ImportScope = { workspaceId: integration.workspaceId, integrationId: integration.id, runId: context.runId, platform: integration.platform, sourceAccount: integration.sourceAccount };
    const store = createImportStore(services.db, { clock: services.clock, lease: { owner: context.owner, durationMs: services.leaseMs } });
    for await (const held of streamLiveContactRefs(services.db, scope)) {
      for await (const gone of connector.findDeleted(held, context.signal)) {
        const before = counts;
        const applied = await store.applyPage({
          scope,
          sourceRefs: gone,
          plan: (existing) => planDeletions(gone, existing, before),
          // Neither the run's resume point nor the integration's checkpoint moves: nothing was paged.
          runCheckpoint: result.checkpoint ?? '',
          integrationCheckpoint: null,
          reachedAt: null,
          pages: result.pages,
        });
        counts = applied.plan.counts;
        if (applied.stopRequested) return { ...result, counts, outcome: 'cancelled', stoppedBy: 'stop_requested' };
      }
    }
  } catch (error) {
    if (context.signal?.aborted) return { ...result, counts, outcome: 'cancelled', stoppedBy: 'shutdown' };
    const runError = toRunError(error);
    return { ...result, counts, outcome: runError.transient ? 'partial' : 'failed', error: runError };
  }
  // Every deletion made before the reconciliation began has now been found.
  await markReconciled(services.db, integration.id, startedAt);
  return { ...result, counts };
}

/**
 * The decisions for references the source no longer has. Pure. A contact already deleted (or gone
 * meanwhile) is left alone; the refreshed version is one above the stored one, so any later
 * change the source might still send wins.
 */
export function planDeletions(gone: readonly string[], existing: ReadonlyMap<string, StoredContact>, counts: RunCounts): PagePlan {
  const contacts: ContactDraft[] = [];
  const decisions: DecisionDraft[] = [];
  for (const ref of new Set(gone)) {
    const stored = existing.get(ref);
    if (!stored || stored.status === 'deleted') continue;
    const { id: _id, ...before } = stored;
    const deleted: ContactDraft = { ...before, status: 'deleted', sourceStatus: 'deleted', version: stored.version + 1 };
    contacts.push(deleted);
    decisions.push({
      sourceRef: ref,
      outcome: 'excluded',
      reason: 'deleted_at_source',
      evidence: {
        expected: 'not deleted at the source',
        actual: 'no longer at the source',
        foundBy: 'reconciliation',
        changedFields: changedFields(stored, deleted),
        previousVersion: stored.version,
      },
      sourceVersion: deleted.version,
      sourceUpdatedAt: stored.updatedAt,
    });
  }
  return { contacts, decisions, counts: addDecisions(counts, decisions) };
}
