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

/**
 * Ledger retention: deletes decisions older than the cutoff, except each reference's latest one
 * (so "what happened to X" keeps an answer). In batches; returns how many rows went.
 */
export async function pruneDecisions(db: Kysely<Database>, cutoff: Date, batch = 10_000): Promise<number> {
  const doomed = db
    .selectFrom('decisions as d')
    .select('d.id')
    .where('d.decided_at', '<', cutoff.toISOString())
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('decisions as n')
          .select('n.id')
          .whereRef('n.workspace_id', '=', 'd.workspace_id')
          .whereRef('n.source_ref', '=', 'd.source_ref')
          .whereRef('n.id', '>', 'd.id'),
      ),
    )
    .limit(batch);
  const result = await db.deleteFrom('decisions').where('id', 'in', doomed).executeTakeFirst();
  return Number(result.numDeletedRows);
}
