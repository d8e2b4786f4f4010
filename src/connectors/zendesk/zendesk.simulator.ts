import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../core/ports.js';
import { systemClock } from '../../core/system-clock.js';
import { SeededRandom } from '../simulation/seeded-random.js';
import { LiveActivity, type LiveActivityOptions } from './zendesk-live-activity.js';
import { generateTickets, makeTicket } from './zendesk-seed.js';
import { answerWithFault, FaultQueue, type FaultScope, type ZendeskFault } from './zendesk-simulator-faults.js';
import { handleControlRequest } from './zendesk-simulator-control.js';
import { ZendeskDirectory } from './zendesk-simulator-directory.js';
import { decodeCursor, encodeCursor, ZendeskTicketStore, type ExportPosition } from './zendesk-ticket-store.js';
import type { ZendeskTicket } from './zendesk-wire.js';

export interface SimulatedUser {
  id: number;
  email: string;
  role: 'admin' | 'agent';
  /** API token (Basic auth `{email}/token:{token}`). */
  token?: string;
  /** OAuth access token (Bearer). */
  accessToken?: string;
  revoked?: boolean;
}

export interface ZendeskSimulatorOptions {
  subdomain?: string;
  clock?: Clock;
  /** How many tickets to seed, or the tickets themselves. */
  tickets?: number | ZendeskTicket[];
  seed?: number;
  spanDays?: number;
  /** Seeded tickets were last changed before this time (default: the clock's now). */
  seedAt?: Date;
  /** The largest page the export returns (Zendesk: 1000). Smaller values test pagination. */
  maxPageSize?: number;
  /** The export's budget; null turns rate limiting off (benchmarks). Zendesk: 10 per 60 s. */
  rateLimit?: { requests: number; windowSeconds: number } | null;
  users?: SimulatedUser[];
  live?: Omit<LiveActivityOptions, 'firstId'>;
}

export interface SimulatorStats {
  requests: number;
  exportRequests: number;
  throttled: number;
  byStatus: Record<string, number>;
}

/**
 * Replaying simulated activity is split into slices of about this long, with a turn of the event
 * loop between them: a help desk that has been "working" for weeks must not stall the process
 * that hosts it (the sandbox runs inside the service).
 */
const REPLAY_SLICE_MS = 10;
const REPLAY_SLICE_EVENTS = 256;

const EXPORT_PATH = '/api/v2/incremental/tickets/cursor.json';
const BASIC_401 = { error: "Couldn't authenticate you" };
const OAUTH_401 = { error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' };
const FORBIDDEN_403 = {
  error: { title: 'Forbidden', message: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' },
};

/**
 * A Zendesk account over real HTTP, speaking the wire format of docs/platforms/zendesk.md: the cursor
 * incremental export (one-minute exclusion, page size, 10 requests/min with 429 + Retry-After and
 * the zendesk-ratelimit-incremental-exports header), tickets/show, users/me, and Zendesk's 401/403
 * bodies. Tickets can be changed over time, and faults injected.
 */
export class ZendeskSimulator {
  readonly subdomain: string;
  readonly clock: Clock;
  readonly store = new ZendeskTicketStore();
  readonly users: SimulatedUser[];
  readonly stats: SimulatorStats = { requests: 0, exportRequests: 0, throttled: 0, byStatus: {} };
  maxPageSize: number;
  /** Called before each export request is answered (n counts from 1): a seam for tests to act mid-run. */
  beforeExport: ((n: number) => void | Promise<void>) | null = null;
  rateLimit: { requests: number; windowSeconds: number } | null;
  readonly faults = new FaultQueue();
  /** The account's people and ticket fields (the users and ticket-fields endpoints). */
  readonly directory: ZendeskDirectory;
  #window = { start: 0, count: 0 };
  #server: Server | null = null;
  #random: SeededRandom;
  #nextId: number;
  #live: LiveActivity | null = null;
  /** The replay in progress, shared by every request that arrives meanwhile. */
  #catchingUp: Promise<void> | null = null;
  #url: string | null = null;

  constructor(options: ZendeskSimulatorOptions = {}) {
    this.subdomain = options.subdomain ?? 'acme';
    this.clock = options.clock ?? systemClock;
    this.maxPageSize = options.maxPageSize ?? 1000;
    this.rateLimit = options.rateLimit === undefined ? { requests: 10, windowSeconds: 60 } : options.rateLimit;
    this.#random = new SeededRandom((options.seed ?? 1) * 31 + 7);
    this.users = options.users ?? [{ id: 1001, email: `admin@${this.subdomain}.example`, role: 'admin', token: randomBytes(12).toString('hex') }];
    this.directory = new ZendeskDirectory(this.subdomain, this.users);
    const seeded =
      typeof options.tickets === 'number' || options.tickets === undefined
        ? generateTickets({ count: options.tickets ?? 0, now: options.seedAt ?? this.clock.now(), spanDays: options.spanDays, seed: options.seed })
        : options.tickets;
    for (const ticket of seeded) this.store.put(this.#decorate(ticket));
    this.#nextId = this.store.ids().reduce((max, id) => Math.max(max, id), 0) + 1;
    if (options.live) {
      this.#live = new LiveActivity({ ...options.live, firstId: Math.max(this.#nextId, 1_000_000) });
    }
  }

  get url(): string {
    if (!this.#url) throw new Error('The simulator is not listening; call start() first.');
    return this.#url;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.json(res, 500, { error: 'InternalError', description: String(error) });
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
    const address = server.address() as AddressInfo;
    this.#url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    return this.#url;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- credentials -------------------------------------------------------------------------

  get admin(): SimulatedUser {
    return this.users.find((u) => u.role === 'admin' && !u.revoked) ?? this.users[0]!;
  }

  /** Basic-auth credentials of the first admin, as an integration would hold them. */
  apiTokenCredentials(user = this.admin): { kind: 'api_token'; email: string; token: string } {
    if (!user.token) throw new Error(`${user.email} has no API token`);
    return { kind: 'api_token', email: user.email, token: user.token };
  }

  addUser(user: Omit<SimulatedUser, 'id'> & { id?: number }): SimulatedUser {
    const added = { id: user.id ?? 1001 + this.users.length, ...user };
    this.users.push(added);
    return added;
  }

  revokeAll(): void {
    for (const user of this.users) user.revoked = true;
  }

  /** Revokes one token (API or OAuth) as an admin would in Zendesk's admin centre. */
  revokeToken(token: string): boolean {
    const user = this.users.find((u) => u.token === token || u.accessToken === token);
    if (user) user.revoked = true;
    return Boolean(user);
  }

  // ---- faults ------------------------------------------------------------------------------

  injectFault(fault: ZendeskFault, scope: FaultScope = 'export'): void {
    this.faults.inject(fault, scope);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ---- tickets -----------------------------------------------------------------------------

  ticket(id: number): ZendeskTicket | undefined {
    this.#advanceLive();
    return this.store.get(id);
  }

  tickets(): ZendeskTicket[] {
    this.#advanceLive();
    return [...this.store.all()];
  }

  /** Creates a ticket now (or at `createdAt`); returns it. */
  createTicket(patch: Partial<ZendeskTicket> = {}): ZendeskTicket {
    const now = this.clock.now().getTime();
    const createdMs = patch.created_at ? Date.parse(patch.created_at) : now;
    const base = makeTicket(this.#random, patch.id ?? this.#nextId++, createdMs, now, patch.status);
    const ticket = this.#decorate({ ...base, ...patch, updated_at: iso(now), generated_timestamp: Math.floor(now / 1000) });
    this.store.put(ticket);
    return ticket;
  }

  /** Changes a ticket now, as an agent or a trigger would: updated_at and generated_timestamp move. */
  updateTicket(id: number, patch: Partial<ZendeskTicket>): ZendeskTicket {
    const current = this.store.get(id);
    if (!current) throw new Error(`ticket ${id} does not exist`);
    const now = this.clock.now().getTime();
    const ticket = this.#decorate({ ...current, ...patch, id, updated_at: iso(now), generated_timestamp: Math.floor(now / 1000) });
    this.store.put(ticket);
    return ticket;
  }

  reopenTicket(id: number): ZendeskTicket {
    return this.updateTicket(id, { status: 'open' });
  }

  deleteTicket(id: number): ZendeskTicket {
    return this.updateTicket(id, { status: 'deleted' });
  }

  /** Random activity: updates, reopens of solved tickets, new tickets and deletions. */
  mutate(counts: { updates?: number; reopens?: number; creates?: number; deletes?: number }): number[] {
    const touched: number[] = [];
    const ids = this.store.ids();
    const pick = (filter: (t: ZendeskTicket) => boolean) => {
      const candidates = ids.filter((id) => filter(this.store.get(id)!));
      return candidates.length ? this.#random.pick(candidates) : null;
    };
    for (let i = 0; i < (counts.updates ?? 0); i += 1) {
      const id = pick((t) => t.status !== 'deleted');
      if (id !== null) touched.push(this.updateTicket(id, { priority: this.#random.pick(['low', 'normal', 'high', 'urgent']) }).id);
    }
    for (let i = 0; i < (counts.reopens ?? 0); i += 1) {
      const id = pick((t) => t.status === 'solved' || t.status === 'closed');
      if (id !== null) touched.push(this.reopenTicket(id).id);
    }
    for (let i = 0; i < (counts.creates ?? 0); i += 1) touched.push(this.createTicket({ status: 'solved' }).id);
    for (let i = 0; i < (counts.deletes ?? 0); i += 1) {
      const id = pick((t) => t.status !== 'deleted');
      if (id !== null) touched.push(this.deleteTicket(id).id);
    }
    return touched;
  }

  #decorate(ticket: ZendeskTicket): ZendeskTicket {
    return { ...ticket, url: `https://${this.subdomain}.zendesk.com/api/v2/tickets/${ticket.id}.json` };
  }

  /** In one go: for tests and tools that inspect the simulator directly, never on a request. */
  #advanceLive(): void {
    this.#live?.advance(this.store, this.clock.now(), (t) => this.#decorate(t));
  }

  /** Brings the live activity up to now in short slices that yield to the event loop. */
  #catchUpLive(): Promise<void> {
    if (!this.#live || (this.#catchingUp === null && this.#live.behind(this.clock.now()) === 0)) return Promise.resolve();
    this.#catchingUp ??= this.#replay(this.#live).finally(() => {
      this.#catchingUp = null;
    });
    return this.#catchingUp;
  }

  async #replay(live: LiveActivity): Promise<void> {
    const decorate = (t: ZendeskTicket) => this.#decorate(t);
    for (;;) {
      const sliceEnds = performance.now() + REPLAY_SLICE_MS;
      do {
        live.advance(this.store, this.clock.now(), decorate, REPLAY_SLICE_EVENTS);
      } while (live.behind(this.clock.now()) > 0 && performance.now() < sliceEnds);
      if (live.behind(this.clock.now()) === 0) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  // ---- HTTP --------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.stats.requests += 1;
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname.startsWith('/_simulator/')) return handleControlRequest(this, req, res, url);
    await this.#catchUpLive();
    const isExport = url.pathname === EXPORT_PATH;
    if (isExport) {
      this.stats.exportRequests += 1;
      await this.beforeExport?.(this.stats.exportRequests);
    }

    const fault = this.faults.take(isExport, () => this.revokeAll());
    if (fault?.kind === 'unknown_account') return this.#html(res, 404, '<html><body><h1>Oops! The page you were looking for doesn\'t exist.</h1></body></html>');

    const user = this.#authenticate(req);
    const oauth = /^bearer /i.test(req.headers.authorization ?? '');
    if (url.pathname === '/api/v2/users/me.json') {
      if (user === 'invalid') return this.#unauthorized(res, oauth);
      return this.json(res, 200, { user: user ? this.#userJson(user) : { id: null, email: null, role: 'end-user', url: null } });
    }
    if (user === null || user === 'invalid') return this.#unauthorized(res, oauth);

    if (isExport && user.role !== 'admin') return this.json(res, 403, FORBIDDEN_403);
    if (isExport && this.#throttle(res)) return;
    if (fault && (await answerWithFault(fault, res, { tickets: () => [...this.store.all()], count: (status) => this.#count(status), raw: (...args) => this.#raw(...args) }))) {
      if (fault.kind === 'rate_limited') this.stats.throttled += 1;
      return;
    }

    if (isExport) return this.#export(url, res, fault);
    const show = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(url.pathname);
    if (show) {
      const ticket = this.store.get(Number(show[1]));
      if (!ticket || ticket.status === 'deleted') return this.json(res, 404, { error: 'RecordNotFound', description: 'Not found' });
      return this.json(res, 200, { ticket: this.#rename(ticket, fault) });
    }
    if (this.directory.answer(url, res, (r, status, body) => this.json(r, status, body))) return;
    return this.json(res, 404, { error: 'InvalidEndpoint', description: 'Not found' });
  }

  #export(url: URL, res: ServerResponse, fault: ZendeskFault | null): void {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    let after: ExportPosition;
    const cursor = url.searchParams.get('cursor');
    const startTime = url.searchParams.get('start_time');
    if (cursor) {
      const decoded = decodeCursor(cursor);
      if (!decoded) return this.json(res, 400, { error: 'InvalidCursor', description: 'The cursor is invalid or has expired.' });
      after = decoded;
    } else if (startTime !== null) {
      const t = Number(startTime);
      if (!Number.isInteger(t) || t < 0) return this.json(res, 400, { error: 'InvalidValue', description: 'start_time must be a unix timestamp in seconds.' });
      if (t > now - 60) return this.json(res, 400, { error: 'InvalidValue', description: 'Too recent start_time. Use a start_time older than 1 minute.' });
      after = { gts: t, id: 0 };
    } else {
      return this.json(res, 400, { error: 'InvalidValue', description: 'start_time or cursor is required.' });
    }
    const perPage = Math.min(this.maxPageSize, 1000, Math.max(1, Number(url.searchParams.get('per_page')) || 1000));
    const excludeDeleted = url.searchParams.get('exclude_deleted') === 'true';
    // Changes of the last minute are left out; the next request catches up (since 2024-10-28).
    const page = this.store.page(after, perPage, now - 60, excludeDeleted ? (t) => t.status === 'deleted' : undefined);
    const afterCursor = encodeCursor(page.last);
    const base = `https://${this.subdomain}.zendesk.com${EXPORT_PATH}`;
    const tickets = page.tickets.map((t) => (fault?.kind === 'rename_field' ? JSON.stringify(this.#rename(t, fault)) : this.store.json(t)));
    const rest = JSON.stringify({
      after_cursor: afterCursor,
      after_url: `${base}?cursor=${encodeURIComponent(afterCursor)}`,
      before_cursor: null,
      before_url: null,
      end_of_stream: !page.more,
    });
    this.#raw(res, 200, 'application/json; charset=utf-8', `{"tickets":[${tickets.join(',')}],${rest.slice(1)}`);
  }

  #authenticate(req: IncomingMessage): SimulatedUser | null | 'invalid' {
    const header = req.headers.authorization;
    if (!header) return null;
    const [scheme, value = ''] = header.split(' ', 2);
    let user: SimulatedUser | undefined;
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const match = /^(.+)\/token:(.+)$/.exec(decoded);
      if (match) user = this.users.find((u) => u.email === match[1] && u.token === match[2]);
    } else if (scheme?.toLowerCase() === 'bearer') {
      user = this.users.find((u) => u.accessToken === value);
    }
    return user && !user.revoked ? user : 'invalid';
  }

  #userJson(user: SimulatedUser) {
    return { id: user.id, email: user.email, role: user.role, url: `https://${this.subdomain}.zendesk.com/api/v2/users/${user.id}.json`, name: user.email.split('@')[0] };
  }

  #unauthorized(res: ServerResponse, oauth: boolean): void {
    if (oauth) return this.json(res, 401, OAUTH_401);
    res.setHeader('www-authenticate', 'Basic realm="Web Password"');
    this.json(res, 401, BASIC_401);
  }

  /** The export's own budget (docs/platforms/zendesk.md); true when the request was refused. */
  #throttle(res: ServerResponse): boolean {
    if (!this.rateLimit) return false;
    const windowMs = this.rateLimit.windowSeconds * 1000;
    const now = this.clock.now().getTime();
    const start = Math.floor(now / windowMs) * windowMs;
    if (this.#window.start !== start) this.#window = { start, count: 0 };
    const resets = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
    const over = this.#window.count >= this.rateLimit.requests;
    if (!over) this.#window.count += 1;
    const remaining = Math.max(0, this.rateLimit.requests - this.#window.count);
    res.setHeader('zendesk-ratelimit-incremental-exports', `total=${this.rateLimit.requests}; remaining=${remaining}; resets=${resets}`);
    if (!over) return false;
    this.stats.throttled += 1;
    res.setHeader('retry-after', String(resets));
    this.json(res, 429, { error: 'APIRateLimitExceeded', description: 'Number of allowed incremental export API requests per minute exceeded' });
    return true;
  }

  #rename(ticket: ZendeskTicket, fault: ZendeskFault | null): ZendeskTicket {
    if (fault?.kind !== 'rename_field' || !(fault.from in ticket)) return ticket;
    const { [fault.from]: value, ...rest } = ticket as Record<string, unknown>;
    return { ...rest, [fault.to]: value } as ZendeskTicket;
  }

  #count(status: number): void {
    this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
  }

  /** Answers JSON (also for the control API). */
  json(res: ServerResponse, status: number, body: unknown): void {
    this.#raw(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
  }

  #html(res: ServerResponse, status: number, body: string): void {
    this.#raw(res, status, 'text/html; charset=utf-8', body);
  }

  #raw(res: ServerResponse, status: number, type: string, body: string): void {
    this.#count(status);
    res.setHeader('x-zendesk-request-id', randomBytes(8).toString('hex'));
    if (status !== 429) {
      res.setHeader('x-rate-limit', '700');
      res.setHeader('x-rate-limit-remaining', '699');
    }
    res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
