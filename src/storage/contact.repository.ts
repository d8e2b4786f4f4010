import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ContactDraft, NormalisedStatus, StoredContact } from '../core/contact.js';
import { fromJson, toJson } from './json-column.js';
import type { ContactRow, Database, NewContactRow } from './schema.js';

/** A stored contact with where and when Intake got it. */
export interface ImportedContact extends StoredContact {
  workspaceId: string;
  integrationId: string | null;
  /** The name of the integration that imported it, for every reader (null once that integration is deleted). */
  integrationName: string | null;
  platform: string;
  sourceAccount: string;
  importedAt: string;
  refreshedAt: string;
  firstRunId: string;
  lastRunId: string;
}

export function contactRowToContact(row: ContactRow & { integration_name?: string | null }): ImportedContact {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    integrationId: row.integration_id,
    integrationName: row.integration_name ?? null,
    platform: row.platform,
    sourceAccount: row.source_account,
    sourceRef: row.source_ref,
    channel: row.channel,
    agent: row.agent,
    sourceStatus: row.source_status,
    status: row.status as NormalisedStatus,
    tags: fromJson(row.tags, []),
    customFields: fromJson(row.custom_fields, {}),
    createdAt: row.source_created_at,
    updatedAt: row.source_updated_at,
    closedAt: row.source_closed_at,
    version: Number(row.version),
    metadata: fromJson(row.metadata, {}),
    importedAt: row.imported_at,
    refreshedAt: row.refreshed_at,
    firstRunId: row.first_run_id,
    lastRunId: row.last_run_id,
  };
}

export interface ContactOwner {
  workspaceId: string;
  integrationId: string;
  platform: string;
  sourceAccount: string;
  runId: string;
}

/** Stored contacts for these references, under one source account (the dedup key). */
export async function findContactsByRefs(
  db: Kysely<Database>,
  key: Pick<ContactOwner, 'workspaceId' | 'platform' | 'sourceAccount'>,
  refs: readonly string[],
): Promise<Map<string, ImportedContact>> {
  const found = new Map<string, ImportedContact>();
  for (const chunk of chunks(refs, 1000)) {
    const rows = await db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', key.workspaceId)
      .where('platform', '=', key.platform)
      .where('source_account', '=', key.sourceAccount)
      .where('source_ref', 'in', chunk)
      .execute();
    for (const row of rows) found.set(row.source_ref, contactRowToContact(row));
  }
  return found;
}

/**
 * Creates or refreshes contacts; returns source reference → contact id for every row written.
 * A row is only overwritten by a newer version, so a replayed or racing write cannot go back in time.
 */
export async function upsertContacts(
  db: Kysely<Database>,
  owner: ContactOwner,
  contacts: readonly ContactDraft[],
  now: Date,
): Promise<Map<string, string>> {
  const at = now.toISOString();
  const ids = new Map<string, string>();
  // SQLite allows 32766 bound values per statement, PostgreSQL 65535: 21 columns × 1000 rows fits both.
  for (const chunk of chunks(contacts, 1000)) {
    const rows: NewContactRow[] = chunk.map((c) => ({
      id: randomUUID(),
      workspace_id: owner.workspaceId,
      integration_id: owner.integrationId,
      platform: owner.platform,
      source_account: owner.sourceAccount,
      source_ref: c.sourceRef,
      channel: c.channel,
      agent: c.agent,
      source_status: c.sourceStatus,
      status: c.status,
      tags: toJson(c.tags),
      custom_fields: toJson(c.customFields),
      source_created_at: c.createdAt,
      source_updated_at: c.updatedAt,
      source_closed_at: c.closedAt,
      version: c.version,
      metadata: toJson(c.metadata),
      imported_at: at,
      refreshed_at: at,
      first_run_id: owner.runId,
      last_run_id: owner.runId,
    }));
    const written = await db
      .insertInto('contacts')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['source_ref', 'workspace_id', 'platform', 'source_account'])
          .doUpdateSet((eb) => ({
            channel: eb.ref('excluded.channel'),
            agent: eb.ref('excluded.agent'),
            source_status: eb.ref('excluded.source_status'),
            status: eb.ref('excluded.status'),
            tags: eb.ref('excluded.tags'),
            custom_fields: eb.ref('excluded.custom_fields'),
            source_created_at: eb.ref('excluded.source_created_at'),
            source_updated_at: eb.ref('excluded.source_updated_at'),
            source_closed_at: eb.ref('excluded.source_closed_at'),
            version: eb.ref('excluded.version'),
            metadata: eb.ref('excluded.metadata'),
            refreshed_at: eb.ref('excluded.refreshed_at'),
            last_run_id: eb.ref('excluded.last_run_id'),
          }))
          .where('contacts.version', '<', (eb) => eb.ref('excluded.version')),
      )
      .returning(['id', 'source_ref'])
      .execute();
    for (const row of written) ids.set(row.source_ref, row.id);
  }
  return ids;
}

/**
 * The references of the contacts held under one source account that are not deleted, in batches
 * ordered by reference. Each batch is its own query (keyset on the reference), so no cursor stays
 * open while the caller writes between batches.
 */
export async function* streamLiveContactRefs(
  db: Kysely<Database>,
  key: Pick<ContactOwner, 'workspaceId' | 'platform' | 'sourceAccount'>,
  batchSize = 1000,
): AsyncGenerator<string[]> {
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('contacts')
      .select('source_ref')
      .where('workspace_id', '=', key.workspaceId)
      .where('platform', '=', key.platform)
      .where('source_account', '=', key.sourceAccount)
      .where('status', '!=', 'deleted');
    if (after !== null) query = query.where('source_ref', '>', after);
    const rows = await query.orderBy('source_ref').limit(batchSize).execute();
    if (rows.length > 0) yield rows.map((r) => r.source_ref);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.source_ref;
  }
}

/** Contacts with the name of the integration that imported them (the import path does without). */
function namedContacts(db: Kysely<Database>) {
  return db
    .selectFrom('contacts')
    .leftJoin('integrations', 'integrations.id', 'contacts.integration_id')
    .selectAll('contacts')
    .select('integrations.name as integration_name');
}

export async function findContact(db: Kysely<Database>, id: string, workspaceId?: string): Promise<ImportedContact | null> {
  let query = namedContacts(db).where('contacts.id', '=', id);
  if (workspaceId) query = query.where('contacts.workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  return row ? contactRowToContact(row) : null;
}

/** Every contact of the workspace with this source reference (one per source account). */
export async function findContactsByRef(db: Kysely<Database>, workspaceId: string, sourceRef: string): Promise<ImportedContact[]> {
  const rows = await namedContacts(db).where('contacts.workspace_id', '=', workspaceId).where('contacts.source_ref', '=', sourceRef).orderBy('contacts.imported_at').execute();
  return rows.map(contactRowToContact);
}

export async function countContacts(db: Kysely<Database>, filter: { workspaceId?: string; integrationId?: string } = {}): Promise<number> {
  let query = db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.workspaceId) query = query.where('workspace_id', '=', filter.workspaceId);
  if (filter.integrationId) query = query.where('integration_id', '=', filter.integrationId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export interface ContactSearch {
  workspaceId: string;
  sourceRef?: string;
  integrationId?: string;
  channel?: string;
  /** The agent's id as the platform sends it… */
  agent?: string;
  /** …or, per integration, the ids its directory lists under the name given (see findAgentIdsByName). */
  agentIdsByIntegration?: ReadonlyArray<{ integrationId: string; agentId: string }>;
  /** Matches the normalised status or the platform's own word. */
  status?: string;
  tag?: string;
  importedFrom?: string;
  importedTo?: string;
  /** Continue after this (imported_at, id). */
  after?: { importedAt: string; id: string };
  limit: number;
}

type ContactFilters = Omit<ContactSearch, 'after' | 'limit'>;

/** Newest imports first, keyset-paginated on (imported_at, id). */
export async function searchContacts(db: Kysely<Database>, search: ContactSearch): Promise<ImportedContact[]> {
  let query = filtered(db, search).leftJoin('integrations', 'integrations.id', 'contacts.integration_id').selectAll('contacts').select('integrations.name as integration_name');
  if (search.after) {
    const { importedAt, id } = search.after;
    query = query.where((eb) => eb.or([eb('contacts.imported_at', '<', importedAt), eb.and([eb('contacts.imported_at', '=', importedAt), eb('contacts.id', '<', id)])]));
  }
  const rows = await query.orderBy('contacts.imported_at', 'desc').orderBy('contacts.id', 'desc').limit(search.limit).execute();
  return rows.map(contactRowToContact);
}

/** How many contacts the search's filters match. */
export async function countMatching(db: Kysely<Database>, filters: ContactFilters): Promise<number> {
  const row = await filtered(db, filters).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

function filtered(db: Kysely<Database>, search: ContactFilters) {
  let query = db.selectFrom('contacts').where('contacts.workspace_id', '=', search.workspaceId);
  if (search.sourceRef !== undefined) query = query.where('contacts.source_ref', '=', search.sourceRef);
  if (search.integrationId !== undefined) query = query.where('contacts.integration_id', '=', search.integrationId);
  if (search.channel !== undefined) query = query.where('contacts.channel', '=', search.channel);
  if (search.agent !== undefined) {
    const agent = search.agent;
    const named = search.agentIdsByIntegration ?? [];
    // An agent id means something only on its integration's account: a name matches the ids its directory lists there.
    query = query.where((eb) =>
      eb.or([eb('contacts.agent', '=', agent), ...named.map((n) => eb.and([eb('contacts.integration_id', '=', n.integrationId), eb('contacts.agent', '=', n.agentId)]))]),
    );
  }
  if (search.status !== undefined) {
    const status = search.status;
    query = query.where((eb) => eb.or([eb('contacts.status', '=', status), eb('contacts.source_status', '=', status)]));
  }
  if (search.tag !== undefined) {
    // Tags are a JSON array of strings: match the element, quotes included, with LIKE's wildcards escaped.
    const needle = JSON.stringify(search.tag).replace(/[\\%_]/g, (c) => `\\${c}`);
    query = query.where(sql<boolean>`lower(contacts.tags) like ${`%${needle.toLowerCase()}%`} escape '\\'`);
  }
  if (search.importedFrom !== undefined) query = query.where('contacts.imported_at', '>=', search.importedFrom);
  if (search.importedTo !== undefined) query = query.where('contacts.imported_at', '<', search.importedTo);
  return query;
}

/** Custom field names and a few of their values, as the source has sent them (for filter builders). */
export async function sampleCustomFields(db: Kysely<Database>, integrationId: string, limit = 500): Promise<Record<string, string[]>> {
  const rows = await db.selectFrom('contacts').select('custom_fields').where('integration_id', '=', integrationId).orderBy('imported_at', 'desc').limit(limit).execute();
  const fields: Record<string, Set<string>> = {};
  for (const row of rows) {
    for (const [name, value] of Object.entries(fromJson<Record<string, unknown>>(row.custom_fields, {}))) {
      const values = (fields[name] ??= new Set());
      for (const v of [value].flat()) if (v !== null && v !== undefined && values.size < 20) values.add(String(v));
    }
  }
  return Object.fromEntries(Object.entries(fields).map(([name, values]) => [name, [...values].sort()]));
}
