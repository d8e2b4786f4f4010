import type { Kysely } from 'kysely';
import { INTEGRATIONS_FLAG } from '../core/permissions.js';
import type { AppliedPage, Clock, ImportScope, ImportStore, PageCommit } from '../core/ports.js';
import type { RunCounts } from '../core/run-counts.js';
import { findContactsByRefs, upsertContacts } from './contact.repository.js';
import { insertDecisions, type LedgerEntry } from './decision.repository.js';
import { applyReceivedCopies } from './received-record.repository.js';
import { fromJson } from './json-column.js';
import { saveRunProgress } from './run.repository.js';
import type { Database } from './schema.js';

export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  readonly code = 'lease_lost';
}

export interface ImportStoreOptions {
  clock: Pick<Clock, 'now'>;
  /** The run lease this run holds, renewed with every page; null for runs that take none. */
  lease: { owner: string; durationMs: number } | null;
  /** The run's own lease (queued runs): each page writes only while this process still holds the run. */
  runLease?: { owner: string; durationMs: number } | null;
  /** A backfill preview: decide and count, but write only the run's counters. */
  dryRun?: boolean;
}

/** The import run's storage port on Kysely, for SQLite and PostgreSQL alike. */
export function createImportStore(db: Kysely<Database>, options: ImportStoreOptions): ImportStore {
  return {
    async applyPage(commit: PageCommit): Promise<AppliedPage> {
      const { scope } = commit;
      const now = options.clock.now();
      // INVARIANT: contacts, decisions, run counters and checkpoint commit together or not at all.
      return db.transaction().execute(async (trx) => {
        const existing = await findContactsByRefs(trx, scope, commit.sourceRefs);
        const plan = commit.plan(existing);
        if (options.dryRun) {
          const { cancelRequested } = await saveProgress(trx, scope.runId, commit, plan.counts, now, options.runLease ?? null);
          return { plan, stopRequested: cancelRequested || !(await importsEnabled(trx, scope.workspaceId)) };
        }
        const written = await upsertContacts(trx, scope, plan.contacts, now);
        const entries: LedgerEntry[] = plan.decisions.map((d) => ({
          ...d,
          contactId:
            d.outcome === 'excluded' || d.outcome === 'failed' ? null : (written.get(d.sourceRef) ?? existing.get(d.sourceRef)?.id ?? null),
        }));
        await insertDecisions(trx, scope, entries, now);
        if (commit.received) await applyReceivedCopies(trx, scope, plan.decisions, commit.received, now);
        const { cancelRequested } = await saveProgress(trx, scope.runId, commit, plan.counts, now, options.runLease ?? null);
        const paused = await advanceIntegration(trx, scope, commit, written.size > 0, now, options.lease);
        return { plan, stopRequested: paused || cancelRequested || !(await importsEnabled(trx, scope.workspaceId)) };
      });
    },
  };
}

/** The run's counters with the page; under a run lease, only while the run is still this process's. */
async function saveProgress(trx: Kysely<Database>, runId: string, commit: PageCommit, counts: RunCounts, now: Date, runLease: { owner: string; durationMs: number } | null): Promise<{ cancelRequested: boolean }> {
  const saved = await saveRunProgress(trx, runId, { counts, pages: commit.pages, checkpoint: commit.runCheckpoint, reachedAt: commit.reachedAt, now }, runLease);
  // Another process took the run over (our lease expired): writing on would race it.
  if (runLease && !saved.leaseHeld) throw new LeaseLostError(`Lost the lease on run ${runId}; the page was rolled back.`);
  return saved;
}

/**
 * The workspace's Integrations flag, read with every page: turned off, a run in flight stops after
 * the page it is writing, as it does when its integration is paused.
 */
async function importsEnabled(trx: Kysely<Database>, workspaceId: string): Promise<boolean> {
  const row = await trx.selectFrom('workspaces').select('feature_flags').where('id', '=', workspaceId).executeTakeFirst();
  return row !== undefined && fromJson<Record<string, unknown>>(row.feature_flags, {})[INTEGRATIONS_FLAG] === true;
}

/** Moves the integration on with the page; returns whether it was paused meanwhile (or deleted). */
async function advanceIntegration(
  trx: Kysely<Database>,
  scope: ImportScope,
  commit: PageCommit,
  wroteContacts: boolean,
  now: Date,
  lease: ImportStoreOptions['lease'],
): Promise<boolean> {
  const set: { checkpoint?: string; checkpoint_reached_at?: string; last_data_imported_at?: string; lease_expires_at?: string } = {};
  if (commit.integrationCheckpoint !== null) {
    set.checkpoint = commit.integrationCheckpoint;
    if (commit.reachedAt) set.checkpoint_reached_at = commit.reachedAt;
  }
  if (wroteContacts) set.last_data_imported_at = now.toISOString();
  if (lease) set.lease_expires_at = new Date(now.getTime() + lease.durationMs).toISOString();
  if (Object.keys(set).length === 0) {
    const row = await trx.selectFrom('integrations').select('paused_at').where('id', '=', scope.integrationId).executeTakeFirst();
    return !row || row.paused_at !== null;
  }
  let query = trx.updateTable('integrations').set(set).where('id', '=', scope.integrationId);
  if (lease) query = query.where('lease_owner', '=', lease.owner);
  const row = await query.returning('paused_at').executeTakeFirst();
  if (lease && !row) {
    // Another process took the integration over (our lease expired): writing on would race it.
    throw new LeaseLostError(`Lost the run lease on integration ${scope.integrationId}; the page was rolled back.`);
  }
  return !row || row.paused_at !== null;
}
