import { setTimeout as sleep } from 'node:timers/promises';
import { listIntegrationIdsForRetention, pruneDecisionsBatch, type PruneBatch, type PruneCursor } from '../storage/decision.repository.js';
import { deleteEndedLiveChecks } from '../storage/run-queue.repository.js';
import type { IntakeServices } from './intake-services.js';

/**
 * Decisions looked at per step: a step takes milliseconds even at 10 million rows. Smaller on
 * SQLite, where a step holds the one write lock (and, better-sqlite3 being synchronous, this
 * process) while it deletes; on PostgreSQL imports only add rows and never wait for it.
 */
export const PRUNE_BATCH_SIZE = { sqlite: 500, postgres: 1000 } as const;
/** The pause between steps, so imports writing meanwhile get the database (and this process its event loop). */
export const PRUNE_PAUSE_MS = 5;

export interface PruneOptions {
  batchSize?: number;
  pauseMs?: number;
  /** Stops between steps (shutdown); what was deleted stays deleted. */
  signal?: AbortSignal;
  /** Told after every step, for benchmarks and tests. */
  onBatch?: (batch: PruneBatch & { integrationId: string }) => void;
}

/** A diagnosis's live checks are kept this long: long enough to look one up in the logs, no longer. */
export const LIVE_CHECK_KEEP_MS = 86_400_000;

export interface PruneSummary {
  deleted: number;
  /** Live-check runs removed (see LIVE_CHECK_KEEP_MS). */
  liveChecks: number;
  scanned: number;
  batches: number;
  integrations: number;
  durationMs: number;
}

/**
 * Applies the ledger retention: for every integration, the decisions older than `days` that have
 * a newer decision for the same reference in that integration's ledger are deleted; a reference's
 * latest decision stays however old, so "what happened to X" keeps an answer. `days` 0 keeps
 * everything. Works in small steps (`batchSize` decisions looked at per step, two short statements
 * each) with a pause between them, so imports running meanwhile are never held up for long.
 * A diagnosis's live checks (dry single runs) older than a day go too.
 */
export async function pruneLedger(services: IntakeServices, days: number, options: PruneOptions = {}): Promise<PruneSummary> {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`ledger retention must be 0 (keep everything) or a whole number of days, not ${days}`);
  const batchSize = options.batchSize ?? PRUNE_BATCH_SIZE[services.dialect];
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`the prune batch size must be a whole number above 0, not ${batchSize}`);
  const pauseMs = options.pauseMs ?? PRUNE_PAUSE_MS;
  const summary: PruneSummary = { deleted: 0, liveChecks: 0, scanned: 0, batches: 0, integrations: 0, durationMs: 0 };
  if (days === 0) return summary;
  const started = performance.now();
  const cutoff = new Date(services.clock.now().getTime() - days * 86_400_000);
  for (const integrationId of await listIntegrationIdsForRetention(services.db)) {
    summary.integrations += 1;
    let after: PruneCursor | null = null;
    do {
      if (options.signal?.aborted) break;
      const batch = await pruneDecisionsBatch(services.db, { integrationId, cutoff, batchSize, after });
      summary.batches += 1;
      summary.scanned += batch.scanned;
      summary.deleted += batch.deleted;
      options.onBatch?.({ ...batch, integrationId });
      after = batch.next;
      if (after) await sleep(pauseMs);
    } while (after);
    if (options.signal?.aborted) break;
  }
  // The live checks diagnoses made: runs no list shows, kept a day, gone in the same small steps.
  const checkedBefore = new Date(services.clock.now().getTime() - LIVE_CHECK_KEEP_MS);
  for (let gone = batchSize; gone === batchSize && !options.signal?.aborted; ) {
    gone = await deleteEndedLiveChecks(services.db, checkedBefore, batchSize);
    summary.liveChecks += gone;
    if (gone === batchSize) await sleep(pauseMs);
  }
  summary.durationMs = performance.now() - started;
  if (summary.deleted > 0 || summary.liveChecks > 0) {
    services.logger.info(
      { deleted: summary.deleted, liveChecks: summary.liveChecks, scanned: summary.scanned, batches: summary.batches, retentionDays: days, durationMs: Math.round(summary.durationMs) },
      `ledger retention: removed ${summary.deleted} decision(s) older than ${days} days (each reference keeps its latest) and ${summary.liveChecks} diagnosis live check(s) older than a day`,
    );
  }
  return summary;
}
