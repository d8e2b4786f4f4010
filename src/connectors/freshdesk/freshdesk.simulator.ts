import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/ports.js';
import { systemClock } from '../../core/system-clock.js';
import { isoSeconds } from '../simulation/iso-seconds.js';
import { RateWindow } from '../simulation/rate-window.js';
import { startingRecords } from '../simulation/seed-records.js';
import { SeededRandom } from '../simulation/seeded-random.js';
import { answerWithFault, FaultQueue, renameField, type FaultAnswers } from '../simulation/simulator-faults.js';
import { JSON_TYPE, SimulatorServer } from '../simulation/simulator-server.js';
import { FreshdeskLiveActivity, type LiveActivityOptions } from './freshdesk-live-activity.js';
import { generateTickets, makeTicket, type FreshdeskWireTicket } from './freshdesk-seed.js';
import { agentJson, defaultAgents, ticketFieldsJson, type SimulatedAgent } from './freshdesk-simulated-agents.js';
import { freshdeskFaultAnswers, type FreshdeskFault, type FreshdeskFaultScope } from './freshdesk-simulator-faults.js';
import { parsePaging, parseTicketListQuery, validationBody, type TicketListQuery, type ValidationFailure } from './freshdesk-simulator-list.js';
import { FreshdeskTicketStore, type TicketView } from './freshdesk-ticket-store.js';
import { FRESHDESK_MAX_PAGES } from './freshdesk-wire.js';

export interface FreshdeskSimulatorOptions {
  domain?: string;
  clock?: Clock;
  /** How many tickets to seed, or the tickets themselves. */
  tickets?: number | FreshdeskWireTicket[];
  seed?: number;
  spanDays?: number;
  /** Seeded tickets were last changed before this time (default: the clock's now). */
  seedAt?: Date;
  /** Not Freshdesk's: caps `per_page` below 100, so tests reach many pages with few tickets. */
  maxPageSize?: number;
  /** The page past which a list answers 400 (Freshdesk: 300). Smaller values test the cap. */
  maxPages?: number;
  /** Credits per window for the whole account; null turns rate limiting off (benchmarks). */
  rateLimit?: { credits: number; windowSeconds: number } | null;
  agents?: SimulatedAgent[];
  live?: Omit<LiveActivityOptions, 'firstId'>;
}

export interface FreshdeskSimulatorStats {
  requests: number;
  listRequests: number;
  throttled: number;
  creditsUsed: number;
  byStatus: Record<string, number>;
}

const TICKETS_PATH = '/api/v2/tickets';
const INCLUDE_COST = 2;
const UNAUTHORIZED = { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' };
const ACCESS_DENIED = { code: 'access_denied', message: 'You are not authorized to perform this action.' };
const THIRTY_DAYS_MS = 30 * 86_400_000;

/**
 * A Freshdesk account over real HTTP, speaking API v2: the ticket list (bare-array bodies, Link
 * header paging, the page cap, `updated_since` inclusive, orders, `filter=deleted|spam`,
 * `include=stats`), one ticket, agents, agents/me and ticket fields; API-key Basic auth; the
 * account's credit budget with X-Ratelimit-* headers, 429 + Retry-After, invalid requests
 * counted; Freshdesk's 400/401/403/404 bodies. Tickets change over time, and faults can be injected.
 */
export class FreshdeskSimulator {
  readonly domain: string;
  readonly clock: Clock;
  readonly store = new FreshdeskTicketStore();
  readonly agents: SimulatedAgent[];
  readonly stats: FreshdeskSimulatorStats = { requests: 0, listRequests: 0, throttled: 0, creditsUsed: 0, byStatus: {} };
  readonly faults = new FaultQueue<FreshdeskFault, 'list'>('list');
  maxPageSize: number;
  maxPages: number;
  rateLimit: { credits: number; windowSeconds: number } | null;
  /** Called before each ticket-list request is answered (n counts from 1): a seam for tests to act mid-run. */
  beforeList: ((n: number) => void | Promise<void>) | null = null;
  readonly #server: SimulatorServer<FreshdeskFault, 'list'>;
  readonly #faultAnswers: FaultAnswers<FreshdeskFault>;
  readonly #window: RateWindow;
  #random: SeededRandom;
  #nextId: number;
  #live: FreshdeskLiveActivity | null = null;

  constructor(options: FreshdeskSimulatorOptions = {}) {
    this.domain = options.domain ?? 'acme';
    this.clock = options.clock ?? systemClock;
    this.maxPageSize = options.maxPageSize ?? 100;
    this.maxPages = options.maxPages ?? FRESHDESK_MAX_PAGES;
    this.rateLimit = options.rateLimit === undefined ? { credits: 200, windowSeconds: 60 } : options.rateLimit;
    this.#random = new SeededRandom((options.seed ?? 1) * 31 + 11);
    this.agents = options.agents ?? defaultAgents(this.domain);
    const seeded = startingRecords(options.tickets, (count) => generateTickets({ count, now: options.seedAt ?? this.clock.now(), spanDays: options.spanDays, seed: options.seed }));
    for (const ticket of seeded) this.store.put(ticket);
    this.#nextId = Math.max(0, ...seeded.map((t) => t.id)) + 1;
    if (options.live) this.#live = new FreshdeskLiveActivity({ ...options.live, firstId: Math.max(this.#nextId, 1_000_000) });
    this.#window = new RateWindow(this.clock);
    this.#server = new SimulatorServer({
      stats: this.stats,
      handle: (req, res, url) => this.#handle(req, res, url),
      controls: {
        state: () => ({ domain: this.domain, tickets: this.store.size, stats: this.stats, faults: this.faults.active, now: this.clock.now().toISOString() }),
        mutate: (counts) => this.mutate(counts as Parameters<FreshdeskSimulator['mutate']>[0]),
        faults: this.faults,
        clearFaults: () => this.clearFaults(),
        revoke: (body) => (typeof body.apiKey === 'string' ? void this.revokeKey(body.apiKey) : this.revokeAll()),
      },
      headers: (res) => res.setHeader('x-request-id', randomBytes(16).toString('hex')),
      internalError: (res, error) => this.#server.json(res, 500, { code: 'internal_error', message: String(error) }),
    });
    const sample = () => this.store.list('tickets').slice(0, 30).map((t) => this.store.json(t, true));
    this.#faultAnswers = freshdeskFaultAnswers(this.#server, sample, () => {
      this.stats.throttled += 1;
    });
  }

  get url(): string {
    return this.#server.url;
  }

  start(port = 0, host = '127.0.0.1'): Promise<string> {
    return this.#server.start(port, host);
  }

  stop(): Promise<void> {
    return this.#server.stop();
  }

  // ---- credentials -------------------------------------------------------------------------

  get admin(): SimulatedAgent {
    return this.agents.find((a) => a.apiKey && !a.revoked && a.ticketScope === 1) ?? this.agents[0]!;
  }

  credentials(agent = this.admin): { apiKey: string } {
    if (!agent.apiKey) throw new Error(`${agent.email} has no API key`);
    return { apiKey: agent.apiKey };
  }

  addAgent(agent: Omit<SimulatedAgent, 'id'> & { id?: number }): SimulatedAgent {
    const added = { id: agent.id ?? 67000900 + this.agents.length, ...agent };
    this.agents.push(added);
    return added;
  }

  revokeAll(): void {
    for (const agent of this.agents) agent.revoked = true;
  }

  /** Resets one API key, as an agent does from their profile. */
  revokeKey(apiKey: string): boolean {
    const agent = this.agents.find((a) => a.apiKey === apiKey);
    if (agent) agent.revoked = true;
    return Boolean(agent);
  }

  /** From the next ticket-list request, or after `afterPagedRequests` more succeed. */
  injectFault(fault: FreshdeskFault, scope: FreshdeskFaultScope = 'list', options?: { afterPagedRequests?: number }): void {
    this.faults.inject(fault, scope, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ---- tickets -----------------------------------------------------------------------------

  ticket(id: number): FreshdeskWireTicket | undefined {
    this.#advanceLive();
    return this.store.get(id);
  }

  tickets(): FreshdeskWireTicket[] {
    this.#advanceLive();
    return [...this.store.all()];
  }

  createTicket(patch: Partial<FreshdeskWireTicket> = {}): FreshdeskWireTicket {
    const now = this.clock.now().getTime();
    const createdMs = patch.created_at ? Date.parse(patch.created_at) : now;
    const ticket = { ...makeTicket(this.#random, patch.id ?? this.#nextId++, createdMs, now, patch.status), ...patch, updated_at: isoSeconds(now) };
    this.store.put(ticket);
    return ticket;
  }

  /** Changes a ticket now, as an agent or an automation would: updated_at moves. */
  updateTicket(id: number, patch: Partial<FreshdeskWireTicket>): FreshdeskWireTicket {
    const current = this.store.get(id);
    if (!current) throw new Error(`ticket ${id} does not exist`);
    const ticket = { ...current, ...patch, id, updated_at: isoSeconds(this.clock.now().getTime()) };
    this.store.put(ticket);
    return ticket;
  }

  /** Moves a ticket to the trash; like any change in Freshdesk, that moves its updated_at. */
  deleteTicket(id: number): FreshdeskWireTicket {
    return this.updateTicket(id, { deleted: true });
  }

  markSpam(id: number): FreshdeskWireTicket {
    return this.updateTicket(id, { spam: true });
  }

  /** Random activity: updates, reopens of resolved tickets, new tickets, deletions and spam. */
  mutate(counts: { updates?: number; reopens?: number; creates?: number; deletes?: number; spam?: number }): number[] {
    const touched: number[] = [];
    const pick = (match: (t: FreshdeskWireTicket) => boolean) => {
      const candidates = [...this.store.all()].filter((t) => !t.deleted && !t.spam && match(t));
      return candidates.length ? this.#random.pick(candidates).id : null;
    };
    const each = (n: number | undefined, match: (t: FreshdeskWireTicket) => boolean, act: (id: number) => FreshdeskWireTicket) => {
      for (let i = 0; i < (n ?? 0); i += 1) {
        const id = pick(match);
        if (id !== null) touched.push(act(id).id);
      }
    };
    each(counts.updates, () => true, (id) => this.updateTicket(id, { priority: this.#random.int(1, 4) }));
    each(counts.reopens, (t) => t.status === 4 || t.status === 5, (id) => this.updateTicket(id, { status: 2 }));
    for (let i = 0; i < (counts.creates ?? 0); i += 1) touched.push(this.createTicket({ status: 4 }).id);
    each(counts.deletes, () => true, (id) => this.deleteTicket(id));
    each(counts.spam, () => true, (id) => this.markSpam(id));
    return touched;
  }

  #advanceLive(): void {
    this.#live?.advance(this.store, this.clock.now());
  }

  // ---- HTTP --------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    this.#advanceLive();
    const isList = url.pathname === TICKETS_PATH;
    if (isList) {
      this.stats.listRequests += 1;
      await this.beforeList?.(this.stats.listRequests);
    }
    const fault = this.faults.take(isList, () => this.revokeAll());
    if (fault?.kind === 'unknown_account') return this.#server.html(res, 404, '<html><body><h1>There is no helpdesk here!</h1></body></html>');

    // Every request to the account draws credits, refused and invalid ones included.
    if (this.#throttle(res, requestCost(url))) return;
    const agent = this.#authenticate(req);
    if (!agent) return this.#server.json(res, 401, UNAUTHORIZED);
    if (req.method !== 'GET') return this.#server.json(res, 405, { code: 'method_not_allowed', message: 'GET Method is allowed. Please refer to the documentation for other methods.' });
    if (fault && (await answerWithFault(fault, res, this.#faultAnswers))) return;

    if (url.pathname === '/api/v2/agents/me') return this.#server.json(res, 200, agentJson(agent));
    if (url.pathname === '/api/v2/agents') return this.#agents(req, url, res);
    if (url.pathname === '/api/v2/ticket_fields') return this.#server.json(res, 200, ticketFieldsJson());
    const show = /^\/api\/v2\/tickets\/(\d+)$/.exec(url.pathname);
    if (!isList && !show) return this.#server.send(res, 404, JSON_TYPE, '');
    if (agent.canViewTickets === false) return this.#server.json(res, 403, ACCESS_DENIED);
    if (isList) return this.#list(req, url, res, agent, fault);

    const ticket = this.store.get(Number(show![1]));
    if (!ticket) return this.#server.send(res, 404, JSON_TYPE, '');
    if (!inScope(agent, ticket)) return this.#server.json(res, 403, ACCESS_DENIED);
    const withStats = (url.searchParams.get('include') ?? '').split(',').includes('stats');
    this.#server.send(res, 200, JSON_TYPE, this.#ticketJson(ticket, withStats, fault));
  }

  #list(req: IncomingMessage, url: URL, res: ServerResponse, agent: SimulatedAgent, fault: FreshdeskFault | null): void {
    const query = parseTicketListQuery(url.searchParams, this.maxPages);
    if (Array.isArray(query)) return this.#server.json(res, 400, validationBody(query));
    const perPage = Math.min(query.perPage, this.maxPageSize);
    const offset = (query.page - 1) * perPage;
    const { tickets, more } = this.#select(query, agent, offset, perPage);
    if (more) res.setHeader('link', `<${this.#origin(req)}${TICKETS_PATH}?${withPage(url.searchParams, query.page + 1)}>; rel="next"`);
    const body = `[${tickets.map((t) => this.#ticketJson(t, query.include.has('stats'), fault)).join(',')}]`;
    this.#server.send(res, 200, JSON_TYPE, body);
  }

  /** One page of the list the query names, in its order. */
  #select(query: TicketListQuery, agent: SimulatedAgent, offset: number, limit: number): { tickets: FreshdeskWireTicket[]; more: boolean } {
    const view: TicketView = query.filter === 'deleted' || query.filter === 'spam' ? query.filter : 'tickets';
    const now = this.clock.now().getTime();
    const visible = (t: FreshdeskWireTicket) =>
      inScope(agent, t) &&
      (query.filter !== 'new_and_my_open' || (t.status === 2 && (t.responder_id === null || t.responder_id === agent.id))) &&
      query.filter !== 'watching' &&
      (query.requesterId === null || t.requester_id === query.requesterId) &&
      (query.companyId === null || t.company_id === query.companyId) &&
      (query.sinceMs !== null || Date.parse(t.created_at) >= now - THIRTY_DAYS_MS);
    if (query.sinceMs !== null && query.orderBy === 'updated_at' && query.orderType === 'asc') return this.store.page(view, query.sinceMs, offset, limit, visible);
    const key = (t: FreshdeskWireTicket) => (query.orderBy === 'status' ? t.status : Date.parse(t[query.orderBy]));
    const sign = query.orderType === 'asc' ? 1 : -1;
    const all = this.store
      .list(view)
      .filter((t) => visible(t) && (query.sinceMs === null || Date.parse(t.updated_at) >= query.sinceMs))
      .sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
    return { tickets: all.slice(offset, offset + limit), more: all.length > offset + limit };
  }

  #agents(req: IncomingMessage, url: URL, res: ServerResponse): void {
    const errors: ValidationFailure[] = [];
    for (const key of url.searchParams.keys()) if (!['email', 'mobile', 'phone', 'state', 'per_page', 'page'].includes(key)) errors.push({ field: key, message: 'Unexpected/invalid field in request', code: 'invalid_field' });
    const { page, perPage } = parsePaging(url.searchParams, Number.MAX_SAFE_INTEGER, errors);
    if (errors.length) return this.#server.json(res, 400, validationBody(errors));
    const size = Math.min(perPage, this.maxPageSize);
    const agents = this.agents.slice((page - 1) * size, page * size);
    if (this.agents.length > page * size) res.setHeader('link', `<${this.#origin(req)}/api/v2/agents?${withPage(url.searchParams, page + 1)}>; rel="next"`);
    this.#server.json(res, 200, agents.map(agentJson));
  }

  #ticketJson(ticket: FreshdeskWireTicket, withStats: boolean, fault: FreshdeskFault | null): string {
    if (fault?.kind !== 'rename_field' || !(fault.from in ticket)) return this.store.json(ticket, withStats);
    return JSON.stringify(renameField(withStats ? ticket : { ...ticket, stats: undefined }, fault));
  }

  #authenticate(req: IncomingMessage): SimulatedAgent | null {
    const [scheme, value = ''] = (req.headers.authorization ?? '').split(' ', 2);
    if (scheme?.toLowerCase() !== 'basic') return null;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    // The API key is the user name; Freshdesk ignores the password (X by convention).
    const key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    const agent = this.agents.find((a) => a.apiKey !== undefined && a.apiKey === key);
    return agent && !agent.revoked ? agent : null;
  }

  /** The account's credit budget; true when the request was refused with 429. */
  #throttle(res: ServerResponse, cost: number): boolean {
    if (!this.rateLimit) return false;
    const { credits, windowSeconds } = this.rateLimit;
    const window = this.#window.take({ units: credits, windowSeconds }, cost);
    res.setHeader('x-ratelimit-total', String(credits));
    // A request is refused when what is left of the window cannot pay for it.
    if (!window.allowed) {
      this.stats.throttled += 1;
      res.setHeader('x-ratelimit-remaining', '0');
      res.setHeader('x-ratelimit-used-currentrequest', '0');
      res.setHeader('retry-after', String(window.secondsLeft));
      this.#server.json(res, 429, { code: 'rate_limit_exceeded', message: `You have exceeded the limit of requests per ${windowSeconds === 60 ? 'minute' : `${windowSeconds} seconds`}` });
      return true;
    }
    this.stats.creditsUsed += cost;
    res.setHeader('x-ratelimit-remaining', String(window.remaining));
    res.setHeader('x-ratelimit-used-currentrequest', String(cost));
    return false;
  }

  #origin(req: IncomingMessage): string {
    return `http://${req.headers.host ?? new URL(this.url).host}`;
  }
}

/** Credits a request costs: one, and two more for each embedded resource of a ticket request. */
function requestCost(url: URL): number {
  if (!url.pathname.startsWith(TICKETS_PATH)) return 1;
  return 1 + INCLUDE_COST * (url.searchParams.get('include') ?? '').split(',').filter(Boolean).length;
}

function inScope(agent: SimulatedAgent, ticket: FreshdeskWireTicket): boolean {
  if (agent.ticketScope === 1) return true;
  if (agent.ticketScope === 2) return ticket.group_id !== null && agent.groupIds.includes(ticket.group_id);
  return ticket.responder_id === agent.id;
}

function withPage(params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  next.set('page', String(page));
  return next.toString();
}
