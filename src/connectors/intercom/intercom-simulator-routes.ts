import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../simulation/request-body.js';
import { renameField } from '../simulation/simulator-faults.js';
import type { IntercomRegion } from './intercom-connection.js';
import { decodeCursor, type IntercomConversationStore, type ResultOrder } from './intercom-conversation-store.js';
import { compileSearchQuery, SearchQueryError, type ConversationPredicate } from './intercom-search-query.js';
import { SEED_ATTRIBUTES, type SimAdmin, type SimConversation } from './intercom-seed.js';
import type { IntercomFault } from './intercom-simulator-faults.js';

/** What the routes read of the simulator, and how they answer. */
export interface IntercomWorkspace {
  readonly workspaceId: string;
  readonly region: IntercomRegion;
  readonly admins: readonly SimAdmin[];
  readonly store: IntercomConversationStore;
  readonly order: ResultOrder;
  readonly strictBounds: boolean;
  readonly maxPageSize: number;
  readonly maxInValues: number;
  json(res: ServerResponse, status: number, body: unknown): void;
  raw(res: ServerResponse, status: number, type: string, body: string): void;
  errorList(res: ServerResponse, status: number, code: string, message: string): void;
}

type Rename = Extract<IntercomFault, { kind: 'rename_field' }> | null;
type ResponseFault = { rename: Rename; overlap: number };
const CREATED = 1_700_000_000;
const STANDARD_ATTRIBUTES = [['state', 'State', 'string'], ['open', 'Open', 'boolean'], ['priority', 'Priority', 'string'], ['admin_assignee_id', 'Teammate assigned', 'integer']] as const;

/** Intercom's API routes, once the request is authenticated, versioned and within its rate limit. */
export async function routeIntercomRequest(sim: IntercomWorkspace, req: IncomingMessage, res: ServerResponse, url: URL, context: ResponseFault & { adminId: string }): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /me') return me(sim, res, context.adminId);
  if (route === 'GET /admins') return sim.json(res, 200, { type: 'admin.list', admins: sim.admins.map((a) => ({ type: 'admin', email: a.email, id: a.id, name: a.name, away_mode_enabled: false, away_mode_reassign: false, has_inbox_seat: true, team_ids: [] })) });
  if (route === 'GET /data_attributes') return dataAttributes(sim, res, url);
  if (route === 'POST /conversations/search') return search(sim, req, res, context);
  if (route === 'GET /conversations') return list(sim, res, url, context);
  const one = /^\/conversations\/([^/]+)$/.exec(url.pathname);
  if (one && (req.method === 'GET' || req.method === 'DELETE')) {
    const id = decodeURIComponent(one[1]!);
    const conversation = sim.store.get(id);
    if (!conversation) return sim.errorList(res, 404, 'not_found', 'Resource Not Found');
    if (req.method === 'DELETE') {
      sim.store.delete(id);
      return sim.json(res, 200, { id, object: 'conversation', deleted: true });
    }
    return sim.json(res, 200, { ...renameField(conversation, context.rename), conversation_parts: parts(conversation) });
  }
  return sim.errorList(res, 404, 'not_found', 'The requested resource does not exist; check your path and try again');
}

function me(sim: IntercomWorkspace, res: ServerResponse, adminId: string): void {
  const admin = sim.admins.find((a) => a.id === adminId) ?? sim.admins[0]!;
  sim.json(res, 200, {
    type: 'admin',
    id: admin.id,
    email: admin.email,
    name: admin.name,
    email_verified: true,
    app: { type: 'app', id_code: sim.workspaceId, name: 'Acme Support', created_at: CREATED, secure: false, identity_verification: false, timezone: 'Europe/Dublin', region: sim.region.toUpperCase() },
    avatar: { type: 'avatar', image_url: null },
    has_inbox_seat: true,
  });
}

function dataAttributes(sim: IntercomWorkspace, res: ServerResponse, url: URL): void {
  const model = url.searchParams.get('model');
  if (model !== null && !['contact', 'company', 'conversation'].includes(model)) return sim.errorList(res, 400, 'parameter_invalid', 'model must be one of contact, company or conversation');
  const archived = url.searchParams.get('include_archived') === 'true';
  const base = { type: 'data_attribute', description: '', api_writable: false, ui_writable: false, messenger_writable: false, created_at: CREATED, updated_at: CREATED };
  const data = [
    ...STANDARD_ATTRIBUTES.map(([name, label, dataType]) => ({ ...base, model: 'conversation', name, full_name: name, label, data_type: dataType, custom: false, archived: false })),
    ...SEED_ATTRIBUTES.map((a) => ({
      ...base,
      id: a.id,
      model: 'conversation',
      name: a.name,
      full_name: `custom_attributes.${a.name}`,
      label: a.name,
      data_type: a.data_type,
      custom: true,
      archived: 'archived' in a ? a.archived : false,
      api_writable: true,
      ui_writable: true,
      ...('options' in a ? { options: a.options } : {}),
      admin_id: sim.admins[0]!.id,
    })),
    { ...base, model: 'contact', name: 'email', full_name: 'email', label: 'Email', data_type: 'string', custom: false, archived: false },
  ].filter((a) => (model === null || a.model === model) && (archived || !a.archived));
  sim.json(res, 200, { type: 'list', data });
}

async function search(sim: IntercomWorkspace, req: IncomingMessage, res: ServerResponse, fault: ResponseFault): Promise<void> {
  let body: { query?: unknown; pagination?: { per_page?: unknown; starting_after?: unknown } | null };
  try {
    body = JSON.parse((await readBody(req)) || 'null') as typeof body;
    if (!body || typeof body !== 'object') throw new Error('not an object');
  } catch {
    return sim.errorList(res, 400, 'parameter_invalid', 'The request body must be a JSON object');
  }
  if (body.query === undefined) return sim.errorList(res, 400, 'parameter_not_found', 'query is required');
  let predicate: ConversationPredicate;
  try {
    predicate = compileSearchQuery(body.query, sim.strictBounds);
    const inList = findLongestIn(body.query);
    if (inList > sim.maxInValues) throw new SearchQueryError('parameter_invalid', `IN and NIN accept at most ${sim.maxInValues} values`);
  } catch (error) {
    if (error instanceof SearchQueryError) return sim.errorList(res, 400, error.code, error.message);
    throw error;
  }
  const paging = paginationOf(body.pagination ?? {}, 20);
  if (typeof paging === 'string') return sim.errorList(res, 400, 'parameter_invalid', paging);
  // `sort` is not in the documented request schema: the order is the simulator's, whatever is asked.
  answerList(sim, res, JSON.stringify(body.query), predicate, sim.order, paging, fault);
}

function list(sim: IntercomWorkspace, res: ServerResponse, url: URL, fault: ResponseFault): void {
  const paging = paginationOf({ per_page: url.searchParams.get('per_page') ?? undefined, starting_after: url.searchParams.get('starting_after') ?? undefined }, 20);
  if (typeof paging === 'string') return sim.errorList(res, 400, 'parameter_invalid', paging);
  // Real list responses came back newest change first.
  answerList(sim, res, '*', () => true, 'updated_desc', paging, fault);
}

function paginationOf(raw: { per_page?: unknown; starting_after?: unknown }, fallback: number): { perPage: number; cursor: ReturnType<typeof decodeCursor> } | string {
  const perPage = raw.per_page === undefined || raw.per_page === null ? fallback : Number(raw.per_page);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 150) return 'per_page must be an integer from 1 to 150';
  if (raw.starting_after === undefined || raw.starting_after === null || raw.starting_after === '') return { perPage, cursor: null };
  const cursor = typeof raw.starting_after === 'string' ? decodeCursor(raw.starting_after) : null;
  if (!cursor) return 'starting_after is not a valid cursor';
  return { perPage, cursor };
}

function answerList(sim: IntercomWorkspace, res: ServerResponse, key: string, predicate: ConversationPredicate, order: ResultOrder, paging: { perPage: number; cursor: ReturnType<typeof decodeCursor> }, { rename, overlap }: ResponseFault): void {
  const perPage = Math.min(paging.perPage, sim.maxPageSize);
  const page = sim.store.page(key, predicate, order, perPage, paging.cursor, overlap);
  const conversations = page.conversations.map((c) => (rename ? JSON.stringify(renameField(c, rename)) : sim.store.json(c)));
  const pages = {
    type: 'pages',
    page: page.page,
    per_page: perPage,
    total_pages: Math.ceil(page.total / perPage),
    ...(page.next ? { next: { page: page.page + 1, starting_after: page.next } } : {}),
  };
  sim.raw(res, 200, 'application/json; charset=utf-8', `{"type":"conversation.list","pages":${JSON.stringify(pages)},"total_count":${page.total},"conversations":[${conversations.join(',')}]}`);
}

function parts(c: SimConversation) {
  const author = { type: 'admin', id: c.teammates.admins[0]?.id ?? null, name: null, email: null };
  const part = (n: number, body: string, at: number) => ({ type: 'conversation_part', id: `${c.source.id}${n}`, part_type: 'comment', body, created_at: at, updated_at: at, notified_at: at, assigned_to: null, author, attachments: [], external_id: null, redacted: false });
  const list = [part(1, '<p>Thanks for reaching out, let me look into it.</p>', c.created_at + 300)];
  if (c.state === 'closed') list.push({ ...part(2, '', c.updated_at), part_type: 'close' });
  return { type: 'conversation_part.list', conversation_parts: list, total_count: list.length };
}

function findLongestIn(node: unknown): number {
  if (!node || typeof node !== 'object') return 0;
  const { operator, value } = node as { operator?: unknown; value?: unknown };
  if ((operator === 'IN' || operator === 'NIN') && Array.isArray(value)) return value.length;
  return Array.isArray(value) ? Math.max(0, ...value.map(findLongestIn)) : 0;
}
