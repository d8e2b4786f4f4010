import { z } from 'zod';
import { SourceError } from '../../core/source-error.js';
import type { DirectoryEntry } from '../platform.js';
import type { PlatformProfile, SourceHttpClient } from '../source-http-client.js';

/** How the connector calls Zendesk's list endpoints (its own URL builder, auth and budget). */
export interface ZendeskListRequest {
  http: SourceHttpClient;
  profile: PlatformProfile;
  url: (path: string, query?: Record<string, string>) => URL;
  headers: Record<string, string>;
  budgetKey: string;
}

/** Cursor pagination's largest page on these endpoints. */
export const ZENDESK_LIST_PAGE_SIZE = 100;
/** A directory bigger than this many pages is not a help desk's staff: something loops. */
const MAX_PAGES = 1000;

const cursorMetaSchema = z.looseObject({ has_more: z.boolean(), after_cursor: z.string().nullable().optional() });

const userSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  role: z.string().optional(),
  active: z.boolean().optional(),
});

const ticketFieldSchema = z.looseObject({
  id: z.number().int(),
  type: z.string(),
  title: z.string().nullable().optional(),
  active: z.boolean().optional(),
  removable: z.boolean().optional(),
});

/** System ticket fields (not in a ticket's `custom_fields`), for accounts that omit `removable`. */
const SYSTEM_FIELD_TYPES = new Set(['subject', 'description', 'status', 'custom_status', 'tickettype', 'priority', 'group', 'assignee', 'brand', 'ticket_form']);

/**
 * The people tickets are assigned to: `GET /api/v2/users?role[]=agent&role[]=admin` with cursor
 * pagination (`page[size]`, `meta.has_more`, `page[after]`) — id → name, with the email. Deleted
 * users (`active: false`) are left out: they can no longer be assigned.
 */
export async function listZendeskAgents(request: ZendeskListRequest, signal?: AbortSignal): Promise<DirectoryEntry[]> {
  const users = await readAllPages(request, '/api/v2/users.json', 'users', { 'role[]': ['agent', 'admin'] }, signal);
  const entries: DirectoryEntry[] = [];
  for (const raw of users) {
    const user = parseItem(userSchema, raw, 'users');
    if (user.active === false) continue;
    entries.push({ id: String(user.id), name: user.name?.trim() || user.email || `user ${user.id}`, detail: user.email ?? null });
  }
  return entries;
}

/**
 * The custom ticket fields: `GET /api/v2/ticket_fields` (cursor pagination), the removable ones —
 * the id tickets carry in `custom_fields` → the title. Inactive fields are left out: tickets no
 * longer get values for them.
 */
export async function listZendeskCustomFields(request: ZendeskListRequest, signal?: AbortSignal): Promise<DirectoryEntry[]> {
  const fields = await readAllPages(request, '/api/v2/ticket_fields.json', 'ticket_fields', {}, signal);
  return fields
    .map((raw) => parseItem(ticketFieldSchema, raw, 'ticket_fields'))
    .filter((field) => field.active !== false && (field.removable ?? !SYSTEM_FIELD_TYPES.has(field.type)))
    .map((field) => ({ id: String(field.id), name: field.title?.trim() || `field ${field.id}`, detail: field.type }));
}

async function readAllPages(request: ZendeskListRequest, path: string, key: string, filters: Record<string, string[]>, signal?: AbortSignal): Promise<unknown[]> {
  const items: unknown[] = [];
  let after: string | null = null;
  for (let page = 0; ; page += 1) {
    if (page >= MAX_PAGES) throw contractError(key, 'meta.after_cursor', `still has more after ${MAX_PAGES} pages`);
    const url = request.url(path, { 'page[size]': String(ZENDESK_LIST_PAGE_SIZE), ...(after ? { 'page[after]': after } : {}) });
    for (const [name, values] of Object.entries(filters)) for (const value of values) url.searchParams.append(name, value);
    const response = await request.http.request(request.profile, { url, headers: request.headers, budgetKey: request.budgetKey, signal });
    const body = z.looseObject({ [key]: z.array(z.unknown()), meta: cursorMetaSchema }).safeParse(response.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      throw contractError(key, issue?.path.map(String).join('.') || 'response', issue?.message ?? 'is invalid');
    }
    items.push(...(body.data[key] as unknown[]));
    const meta = body.data.meta as z.infer<typeof cursorMetaSchema>;
    if (!meta.has_more) return items;
    if (!meta.after_cursor) throw contractError(key, 'meta.after_cursor', 'is missing while has_more is true');
    after = meta.after_cursor;
  }
}

function parseItem<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw contractError(what, issue?.path.map(String).join('.') || 'item', issue?.message ?? 'is invalid');
}

function contractError(what: string, field: string, problem: string): SourceError {
  return new SourceError(
    'api_changed',
    `Zendesk's ${what} response does not match its documented format: \`${field}\` ${problem}. The API may have changed. Contact support.`,
    { field },
  );
}
