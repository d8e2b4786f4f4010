import type { Kysely } from 'kysely';
import type { DecisionDraft } from '../core/decision.js';
import { UNKNOWN_SOURCE_REF } from '../core/plan-page.js';
import type { ImportScope, ReceivedCopy } from '../core/ports.js';
import { fromJson, toJson } from './json-column.js';
import type { Database } from './schema.js';

/** A row or pushed record that was not imported, kept as received (see migration 0015). */
export interface ReceivedRecord {
  integrationId: string;
  sourceRef: string;
  runId: string;
  values: Record<string, unknown>;
  location: string;
  receivedAt: string;
}

/**
 * The largest copy kept, as JSON. A row is a few hundred bytes; one larger than this (a pushed
 * record with long texts) is not kept, and is re-imported by sending it again.
 */
export const MAX_KEPT_CHARS = 64 * 1024;

/**
 * The received copies of a page, in its transaction: a record excluded or failed is kept (its last
 * copy replacing an older one); one imported, updated or unchanged is dropped. A reference decided
 * twice in the page ends as its last decision says.
 */
export async function applyReceivedCopies(db: Kysely<Database>, scope: ImportScope, decisions: readonly DecisionDraft[], copies: ReadonlyArray<ReceivedCopy | null>, now: Date): Promise<void> {
  const last = new Map<string, { values: string; location: string } | null>();
  decisions.forEach((decision, i) => {
    if (decision.sourceRef === UNKNOWN_SOURCE_REF) return;
    const copy = copies[i];
    const notImported = decision.outcome === 'excluded' || decision.outcome === 'failed';
    const values = notImported && copy ? toJson(copy.values) : null;
    last.set(decision.sourceRef, values !== null && values.length <= MAX_KEPT_CHARS ? { values, location: copy!.location } : null);
  });
  const at = now.toISOString();
  const kept = [...last].flatMap(([sourceRef, copy]) =>
    copy ? [{ integration_id: scope.integrationId, source_ref: sourceRef, workspace_id: scope.workspaceId, run_id: scope.runId, raw_values: copy.values, location: copy.location, received_at: at }] : [],
  );
  const dropped = [...last].flatMap(([sourceRef, copy]) => (copy ? [] : [sourceRef]));
  if (dropped.length > 0) await db.deleteFrom('received_records').where('integration_id', '=', scope.integrationId).where('source_ref', 'in', dropped).execute();
  if (kept.length > 0) {
    await db
      .insertInto('received_records')
      .values(kept)
      .onConflict((oc) =>
        oc.columns(['integration_id', 'source_ref']).doUpdateSet((eb) => ({
          run_id: eb.ref('excluded.run_id'),
          raw_values: eb.ref('excluded.raw_values'),
          location: eb.ref('excluded.location'),
          received_at: eb.ref('excluded.received_at'),
        })),
      )
      .execute();
  }
}

/** The kept copy of one reference under one integration, if any. */
export async function findReceivedRecord(db: Kysely<Database>, integrationId: string, sourceRef: string): Promise<ReceivedRecord | null> {
  const row = await db.selectFrom('received_records').selectAll().where('integration_id', '=', integrationId).where('source_ref', '=', sourceRef).executeTakeFirst();
  if (!row) return null;
  return { integrationId: row.integration_id, sourceRef: row.source_ref, runId: row.run_id, values: fromJson<Record<string, unknown>>(row.raw_values, {}), location: row.location, receivedAt: row.received_at };
}

/** Replaces the kept copy of one reference (a correction made by hand before it is imported). */
export async function replaceReceivedRecord(db: Kysely<Database>, record: ReceivedRecord & { workspaceId: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('received_records').where('integration_id', '=', record.integrationId).where('source_ref', '=', record.sourceRef).execute();
    await trx
      .insertInto('received_records')
      .values({ integration_id: record.integrationId, source_ref: record.sourceRef, workspace_id: record.workspaceId, run_id: record.runId, raw_values: toJson(record.values), location: record.location, received_at: record.receivedAt })
      .execute();
  });
}
