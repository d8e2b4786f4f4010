import type { Kysely } from 'kysely';
import type { Decision, DecisionDraft, DecisionReason, Outcome } from '../core/decision.js';
import { chunks } from './contact.repository.js';
import { fromJson, toJson } from './json-column.js';
import type { Database, DecisionRow, NewDecisionRow } from './schema.js';

export function decisionRowToDecision(row: DecisionRow): Decision {
  return {
    id: String(row.id),
    runId: row.run_id,
    integrationId: row.integration_id,
    sourceRef: row.source_ref,
    outcome: row.outcome as Outcome,
    reason: row.reason as DecisionReason | null,
    evidence: fromJson(row.evidence, {}),
    contactId: row.contact_id,
    sourceVersion: row.source_version === null ? null : Number(row.source_version),
    sourceUpdatedAt: row.source_updated_at,
    decidedAt: row.decided_at,
  };
}

/** A decision with the name of the integration that made it, for readers who cannot list integrations. */
export interface RecordedDecision extends Decision {
  integrationName: string | null;
}

function namedDecisions(db: Kysely<Database>) {
  return db.selectFrom('decisions').leftJoin('integrations', 'integrations.id', 'decisions.integration_id').selectAll('decisions').select('integrations.name as integration_name');
}

function named(row: DecisionRow & { integration_name: string | null }): RecordedDecision {
  return { ...decisionRowToDecision(row), integrationName: row.integration_name };
}

export interface LedgerEntry extends DecisionDraft {
  contactId: string | null;
}

export async function insertDecisions(
  db: Kysely<Database>,
  owner: { workspaceId: string; integrationId: string; runId: string },
  entries: readonly LedgerEntry[],
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  for (const chunk of chunks(entries, 1000)) {
    const rows: NewDecisionRow[] = chunk.map((d) => ({
      workspace_id: owner.workspaceId,
      integration_id: owner.integrationId,
      run_id: owner.runId,
      source_ref: d.sourceRef,
      outcome: d.outcome,
      reason: d.reason,
      evidence: toJson(d.evidence),
      contact_id: d.contactId,
      source_version: d.sourceVersion,
      source_updated_at: d.sourceUpdatedAt,
      decided_at: at,
    }));
    await db.insertInto('decisions').values(rows).execute();
  }
}

/** The history of one source reference across runs, newest first. */
export async function listDecisionsByRef(
  db: Kysely<Database>,
  workspaceId: string,
  sourceRef: string,
  options: { integrationId?: string; limit?: number } = {},
): Promise<RecordedDecision[]> {
  let query = namedDecisions(db).where('decisions.workspace_id', '=', workspaceId).where('decisions.source_ref', '=', sourceRef);
  if (options.integrationId) query = query.where('decisions.integration_id', '=', options.integrationId);
  const rows = await query.orderBy('decisions.id', 'desc').limit(options.limit ?? 200).execute();
  return rows.map(named);
}

export async function listDecisionsByRun(
  db: Kysely<Database>,
  runId: string,
  options: { outcome?: Outcome; reason?: string; afterId?: number; limit?: number } = {},
): Promise<RecordedDecision[]> {
  let query = namedDecisions(db).where('decisions.run_id', '=', runId);
  if (options.outcome) query = query.where('decisions.outcome', '=', options.outcome);
  if (options.reason) query = query.where('decisions.reason', '=', options.reason);
  if (options.afterId !== undefined) query = query.where('decisions.id', '>', options.afterId);
  const rows = await query.orderBy('decisions.id').limit(options.limit ?? 100).execute();
  return rows.map(named);
}

/** An integration's decisions newest first, a chunk at a time (before the given id). */
export async function listIntegrationDecisions(
  db: Kysely<Database>,
  integrationId: string,
  options: { beforeId?: number; limit: number; since?: string },
): Promise<Decision[]> {
  let query = db.selectFrom('decisions').selectAll().where('integration_id', '=', integrationId);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  if (options.since) query = query.where('decided_at', '>=', options.since);
  const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map(decisionRowToDecision);
}

/** Every integration (in every workspace) whose ledger retention applies, in a stable order. */
export async function listIntegrationIdsForRetention(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('integrations').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Where a retention pass over one integration got to: the last decision it looked at. */
export interface PruneCursor {
  decidedAt: string;
  id: number;
}

export interface PruneBatch {
  /** Decisions looked at in this window (at most the batch size). */
  scanned: number;
  /** Decisions deleted from them (each had a newer one for the same reference). */
  deleted: number;
  /** Where the next window starts; null when no decision older than the cutoff is left to look at. */
  next: PruneCursor | null;
}

/**
 * One step of ledger retention for one integration: looks at the next `batchSize` decisions older
 * than the cutoff (oldest first, after `after`) and deletes those that have a newer decision for the
 * same integration and reference. A reference's latest decision is never deleted, however old: it
 * has nothing newer. Two short statements, each its own transaction, both bounded by `batchSize`
 * rows and both answered from indexes (see migration 0011), so imports writing meanwhile never wait
 * long.
 */
export async function pruneDecisionsBatch(
  db: Kysely<Database>,
  options: { integrationId: string; cutoff: Date; batchSize: number; after: PruneCursor | null },
): Promise<PruneBatch> {
  const cutoff = options.cutoff.toISOString();
  let window = db
    .selectFrom('decisions')
    .select(['id', 'decided_at'])
    .where('integration_id', '=', options.integrationId)
    .where('decided_at', '<', cutoff);
  const after = options.after;
  if (after) {
    // A row-value comparison, with its first column on its own too, so both planners start the index range there.
    window = window.where('decided_at', '>=', after.decidedAt).where((eb) => eb(eb.refTuple('decided_at', 'id'), '>', eb.tuple(after.decidedAt, after.id)));
  }
  const rows = await window.orderBy('decided_at').orderBy('id').limit(options.batchSize).execute();
  if (rows.length === 0) return { scanned: 0, deleted: 0, next: null };
  const last = rows.at(-1)!;
  const result = await db
    .deleteFrom('decisions as d')
    .where(
      'd.id',
      'in',
      rows.map((r) => Number(r.id)),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('decisions as n')
          .select('n.id')
          .whereRef('n.integration_id', '=', 'd.integration_id')
          .whereRef('n.source_ref', '=', 'd.source_ref')
          .whereRef('n.id', '>', 'd.id'),
      ),
    )
    .executeTakeFirst();
  const next = rows.length < options.batchSize ? null : { decidedAt: last.decided_at, id: Number(last.id) };
  return { scanned: rows.length, deleted: Number(result.numDeletedRows), next };
}
