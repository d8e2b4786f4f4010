import type { Caller } from '../accounts/caller.js';
import { countMatching, findContact, searchContacts as search, type ContactSearch, type ImportedContact } from '../storage/contact.repository.js';
import type { DiagnosedIntegration } from './diagnose-reference.js';
import { listWorkspaceIntegrations } from './manage-integrations.js';
import { listDecisionsByRef, type RecordedDecision } from '../storage/decision.repository.js';
import { findAgentIdsByName } from '../storage/directory.repository.js';
import type { IntakeServices } from './intake-services.js';
import { NotFoundError, ValidationError } from './service-errors.js';
import { decisionVisibleTo } from './visible-to.js';

/** The search's filters, plus the page: a cursor from the previous page and its size. */
export type ContactQuery = Omit<ContactSearch, 'workspaceId' | 'after' | 'limit' | 'agentIdsByIntegration'> & { cursor?: string; limit?: number };

export interface ContactPage {
  contacts: ImportedContact[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** How many contacts match, counted on the first page only (null on the pages after it). */
  total: number | null;
}

/** Searches the workspace's imported contacts, newest first, a page at a time. */
export async function searchContacts(services: IntakeServices, workspaceId: string, query: ContactQuery): Promise<ContactPage> {
  const limit = query.limit ?? 50;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  // The agent may be given by name, as people know agents, or by the id the platform sends.
  const agentIdsByIntegration = query.agent === undefined ? undefined : await findAgentIdsByName(services.db, workspaceId, query.agent);
  const filters = { ...query, workspaceId, agentIdsByIntegration };
  const contacts = await search(services.db, { ...filters, after, limit: limit + 1 });
  const page = contacts.slice(0, limit);
  const last = page.at(-1);
  const more = contacts.length > limit;
  const total = after ? null : more ? await countMatching(services.db, filters) : page.length;
  return { contacts: page, nextCursor: more && last ? encodeCursor(last) : null, total };
}

/** The integrations contacts come from, for anyone who may read contacts (to narrow a search). */
export async function listContactSources(services: IntakeServices, workspaceId: string): Promise<DiagnosedIntegration[]> {
  return (await listWorkspaceIntegrations(services, workspaceId)).map((i) => ({
    id: i.id,
    name: i.name,
    platform: i.platform,
    platformName: services.platforms.get(i.platform)?.displayName ?? i.platform,
    sourceAccount: i.sourceAccount,
  }));
}

export async function getContact(services: IntakeServices, workspaceId: string, id: string): Promise<ImportedContact> {
  const contact = await findContact(services.db, id, workspaceId);
  if (!contact) throw new NotFoundError('No such contact in this workspace.');
  return contact;
}

/** Every decision about a source reference across runs, newest first, as the caller may see it. */
export async function decisionsFor(services: IntakeServices, caller: Caller, sourceRef: string, integrationId?: string): Promise<RecordedDecision[]> {
  const decisions = await listDecisionsByRef(services.db, caller.workspaceId, sourceRef, { integrationId });
  return decisions.map((d) => decisionVisibleTo(caller, d));
}

function encodeCursor(contact: ImportedContact): string {
  return Buffer.from(JSON.stringify([contact.importedAt, contact.id])).toString('base64url');
}

function decodeCursor(cursor: string): { importedAt: string; id: string } {
  try {
    const [importedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof importedAt === 'string' && typeof id === 'string') return { importedAt, id };
  } catch {
    // reported below
  }
  throw new ValidationError([{ path: 'cursor', message: 'is not a cursor this API returned; start again without it' }]);
}
