import { z } from 'zod';
import { SourceError } from '../../core/source-error.js';
import type { DirectoryEntry } from '../platform.js';
import type { SourceHttpClient, PlatformProfile } from '../source-http-client.js';
import { freshdeskAgentSchema, freshdeskListSchema, freshdeskTicketFieldSchema, FRESHDESK_MAX_PAGES, nextPageFromLink } from './freshdesk-wire.js';

export interface DirectoryRequest {
  http: SourceHttpClient;
  profile: PlatformProfile;
  url: (path: string, query?: Record<string, string>) => URL;
  headers: Record<string, string>;
  budgetKey: string;
}

/** Every agent (`GET /api/v2/agents`, paged by its Link header): id → name, with the email. */
export async function listFreshdeskAgents(request: DirectoryRequest, signal?: AbortSignal): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  for (let page: number | null = 1; page !== null; ) {
    if (page > FRESHDESK_MAX_PAGES || Number.isNaN(page)) throw contractError('agents', 'Link', 'points at no readable next page');
    const response = await request.http.request(request.profile, {
      url: request.url('/api/v2/agents', { per_page: '100', ...(page > 1 ? { page: String(page) } : {}) }),
      headers: request.headers,
      budgetKey: request.budgetKey,
      signal,
    });
    for (const raw of parseList(response.body, 'agents')) {
      const agent = parseItem(freshdeskAgentSchema, raw, 'agents');
      const email = agent.contact?.email ?? null;
      entries.push({ id: String(agent.id), name: agent.contact?.name || email || `agent ${agent.id}`, detail: email });
    }
    page = nextPageFromLink(response.headers.get('link'));
  }
  return entries;
}

/** The fields an admin added (`GET /api/v2/ticket_fields`): their `cf_*` name → label, with the type. */
export async function listFreshdeskCustomFields(request: DirectoryRequest, signal?: AbortSignal): Promise<DirectoryEntry[]> {
  const response = await request.http.request(request.profile, { url: request.url('/api/v2/ticket_fields'), headers: request.headers, budgetKey: request.budgetKey, signal });
  return parseList(response.body, 'ticket_fields')
    .map((raw) => parseItem(freshdeskTicketFieldSchema, raw, 'ticket_fields'))
    .filter((field) => field.default === false || field.name.startsWith('cf_'))
    .map((field) => ({ id: field.name, name: field.label || field.name, detail: field.type ?? null }));
}

function parseList(body: unknown, what: string): unknown[] {
  const list = freshdeskListSchema.safeParse(body);
  if (!list.success) throw contractError(what, 'response', 'is not a JSON array');
  return list.data;
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
    `Freshdesk's ${what} response does not match its documented format: \`${field}\` ${problem}. The API may have changed. Contact support with this run id.`,
    { field },
  );
}
