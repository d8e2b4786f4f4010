import { SourceError } from '../../core/source-error.js';
import type { DirectoryEntry } from '../platform.js';
import type { GenesysApi } from './genesys-api.js';
import { GENESYS_NAME } from './genesys-profile.js';
import { genesysEntityListingSchema } from './genesys-wire.js';

export const USERS_PATH = '/api/v2/users';
export const WRAPUP_CODES_PATH = '/api/v2/routing/wrapupcodes';
const PAGE_SIZE = 100;
/** A directory larger than this many pages is cut there rather than read forever. */
const MAX_PAGES = 200;

/** Every entity of a numbered listing (users, wrap-up codes), page by page until `pageCount`. */
async function listAll(api: GenesysApi, path: string, query: Record<string, string>, signal?: AbortSignal): Promise<Array<{ id: string; name?: string; email?: string }>> {
  const entities: Array<{ id: string; name?: string; email?: string }> = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const response = await api.get(path, { ...query, pageSize: PAGE_SIZE, pageNumber: page }, signal);
    const parsed = genesysEntityListingSchema.safeParse(response.body);
    if (!parsed.success) {
      throw new SourceError('api_changed', `${GENESYS_NAME}'s ${path} answered in a shape Intake does not know. Contact support with this run id.`, { path, field: parsed.error.issues[0]?.path.join('.') });
    }
    entities.push(...parsed.data.entities);
    if (parsed.data.entities.length === 0 || page >= (parsed.data.pageCount ?? page)) break;
  }
  return entities;
}

/** The organization's users: a contact's `agent` is the agent participant's userId. */
export async function listGenesysUsers(api: GenesysApi, signal?: AbortSignal): Promise<DirectoryEntry[]> {
  const users = await listAll(api, USERS_PATH, { state: 'any' }, signal);
  return users.map((user) => ({ id: user.id, name: user.name || user.email || `user ${user.id}`, detail: user.email ?? null }));
}

/** Wrap-up code id → name: the names become the contact's tags. */
export async function listGenesysWrapUpCodes(api: GenesysApi, signal?: AbortSignal): Promise<Map<string, string>> {
  const codes = await listAll(api, WRAPUP_CODES_PATH, {}, signal);
  return new Map(codes.map((code) => [code.id, code.name || code.id]));
}
