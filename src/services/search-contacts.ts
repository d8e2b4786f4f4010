import type { Decision } from '../core/decision.js';
import { findContact, searchContacts as search, type ContactSearch, type ImportedContact } from '../storage/contact.repository.js';
import { listDecisionsByRef } from '../storage/decision.repository.js';
import type { IntakeServices } from './intake-services.js';
import { NotFoundError, ValidationError } from './service-errors.js';

/** The search's filters, plus the page: a cursor from the previous page and its size. */
export type ContactQuery = Omit<ContactSearch, 'workspaceId' | 'after' | 'limit'> & { cursor?: string; limit?: number };

export interface ContactPage {
  contacts: ImportedContact[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Searches the workspace's imported contacts, newest first, a page at a time. */
export async function searchContacts(services: IntakeServices, workspaceId: string, query: ContactQuery): Promise<ContactPage> {
  const limit = query.limit ?? 50;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const contacts = await search(services.db, { ...query, workspaceId, after, limit: limit + 1 });
  const page = contacts.slice(0, limit);
  const last = page.at(-1);
  return { contacts: page, nextCursor: contacts.length > limit && last ? encodeCursor(last) : null };
}

export async function getContact(services: IntakeServices, workspaceId: string, id: string): Promise<ImportedContact> {
  const contact = await findContact(services.db, id, workspaceId);
  if (!contact) throw new NotFoundError('No such contact in this workspace.');
  return contact;
}

/** Every decision about a source reference across runs, newest first. */
export async function decisionsFor(services: IntakeServices, workspaceId: string, sourceRef: string, integrationId?: string): Promise<Decision[]> {
  return listDecisionsByRef(services.db, workspaceId, sourceRef, { integrationId });
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
