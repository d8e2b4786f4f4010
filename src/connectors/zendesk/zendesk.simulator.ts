import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/ports.js';
import { systemClock } from '../../core/system-clock.js';
import { isoSeconds } from '../simulation/iso-seconds.js';
import { RateWindow } from '../simulation/rate-window.js';
import { startingRecords } from '../simulation/seed-records.js';
import { SeededRandom } from '../simulation/seeded-random.js';
import { answerWithFault, FaultQueue, renameField, type FaultAnswers } from '../simulation/simulator-faults.js';
import { SimulatorServer } from '../simulation/simulator-server.js';
import { LiveActivity, type LiveActivityOptions } from './zendesk-live-activity.js';
import { generateTickets, makeTicket } from './zendesk-seed.js';
import { EXPORT_RATE_LIMITED, zendeskFaultAnswers, type FaultScope, type ZendeskFault } from './zendesk-simulator-faults.js';
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
  /** How long each API request takes to answer, in ms (default 0; benches use a real API's ~150). */
  latencyMs?: number;
}

export interface SimulatorStats {
  requests: number;
  exportRequests: number;
  throttled: number;
  byStatus: Record<string, number>;
}

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
  readonly faults = new FaultQueue<ZendeskFault, 'export'>('export');
  /** The account's people and ticket fields (the users and ticket-fields endpoints). */
  readonly directory: ZendeskDirectory;
  readonly #server: SimulatorServer<ZendeskFault, 'export'>;
  readonly #faultAnswers: FaultAnswers<ZendeskFault>;
  readonly #window: RateWindow;
  #random: SeededRandom;
  #nextId: number;
  #live: LiveActivity | null = null;

  constructor(options: ZendeskSimulatorOptions = {}) {
    this.subdomain = options.subdomain ?? 'acme';
    this.clock = options.clock ?? systemClock;
    this.maxPageSize = options.maxPageSize ?? 1000;
    this.rateLimit = options.rateLimit === undefined ? { requests: 10, windowSeconds: 60 } : options.rateLimit;
    this.#random = new SeededRandom((options.seed ?? 1) * 31 + 7);
    this.users = options.users ?? [{ id: 1001, email: `admin@${this.subdomain}.example`, role: 'admin', token: randomBytes(12).toString('hex') }];
    this.directory = new ZendeskDirectory(this.subdomain, this.users);
    const seeded = startingRecords(options.tickets, (count) => generateTickets({ count, now: options.seedAt ?? this.clock.now(), spanDays: options.spanDays, seed: options.seed }));
    for (const ticket of seeded) this.store.put(this.#decorate(ticket));
    this.#nextId = this.store.ids().reduce((max, id) => Math.max(max, id), 0) + 1;
    if (options.live) {
      this.#live = new LiveActivity({ ...options.live, firstId: Math.max(this.#nextId, 1_000_000) });
    }
    this.#window = new RateWindow(this.clock);
    this.#server = new SimulatorServer({
      stats: this.stats,
      handle: (req, res, url) => this.#handle(req, res, url),
      controls: {
        state: () => ({ subdomain: this.subdomain, tickets: this.store.size, stats: this.stats, faults: this.faults.active, now: this.clock.now().toISOString() }),
        mutate: (counts) => this.mutate(counts as Parameters<ZendeskSimulator['mutate']>[0]),
        faults: this.faults,
        clearFaults: () => this.clearFaults(),
        revoke: (body) => (typeof body.token === 'string' ? void this.revokeToken(body.token) : this.revokeAll()),
      },
      headers(res, status) {
        res.setHeader('x-zendesk-request-id', randomBytes(8).toString('hex'));
        if (status !== 429) {
          res.setHeader('x-rate-limit', '700');
          res.setHeader('x-rate-limit-remaining', '699');
        }
      },
      internalError: (res, error) => this.#server.json(res, 500, { error: 'InternalError', description: String(error) }),
      latencyMs: options.latencyMs ?? 0,
    });
    this.#faultAnswers = zendeskFaultAnswers(this.#server, () => [...this.store.all()], () => {
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

  /** From the next export request, or after `afterPagedRequests` more succeed. */
  injectFault(fault: ZendeskFault, scope: FaultScope = 'export', options?: { afterPagedRequests?: number }): void {
    this.faults.inject(fault, scope, options);
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
    const ticket = this.#decorate({ ...base, ...patch, updated_at: isoSeconds(now), generated_timestamp: Math.floor(now / 1000) });
    this.store.put(ticket);
    return ticket;
  }

  /** Changes a ticket now, as an agent or a trigger would: updated_at and generated_timestamp move. */
  updateTicket(id: number, patch: Partial<ZendeskTicket>): ZendeskTicket {
    const current = this.store.get(id);
    if (!current) throw new Error(`ticket ${id} does not exist`);
    const now = this.clock.now().getTime();
    const ticket = this.#decorate({ ...current, ...patch, id, updated_at: isoSeconds(now), generated_timestamp: Math.floor(now / 1000) });
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

  /** Brings the live activity up to now in short slices that yield to the event loop (the sandbox runs in the service). */
  #catchUpLive(): Promise<void> {
    return this.#live?.catchUp(this.store, () => this.clock.now(), (t) => this.#decorate(t)) ?? Promise.resolve();
  }

  // ---- HTTP --------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    await this.#catchUpLive();
    const isExport = url.pathname === EXPORT_PATH;
    if (isExport) {
      this.stats.exportRequests += 1;
      await this.beforeExport?.(this.stats.exportRequests);
    }

    const fault = this.faults.take(isExport, () => this.revokeAll());
    if (fault?.kind === 'unknown_account') return this.#server.html(res, 404, '<html><body><h1>Oops! The page you were looking for doesn\'t exist.</h1></body></html>');

    const user = this.#authenticate(req);
    const oauth = /^bearer /i.test(req.headers.authorization ?? '');
    if (url.pathname === '/api/v2/users/me.json') {
      if (user === 'invalid') return this.#unauthorized(res, oauth);
      return this.#server.json(res, 200, { user: user ? this.#userJson(user) : { id: null, email: null, role: 'end-user', url: null } });
    }
    if (user === null || user === 'invalid') return this.#unauthorized(res, oauth);

    if (isExport && user.role !== 'admin') return this.#server.json(res, 403, FORBIDDEN_403);
    if (isExport && this.#throttle(res)) return;
    if (fault && (await answerWithFault(fault, res, this.#faultAnswers))) return;

    if (isExport) return this.#export(url, res, fault);
    const show = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(url.pathname);
    if (show) {
      const ticket = this.store.get(Number(show[1]));
      if (!ticket || ticket.status === 'deleted') return this.#server.json(res, 404, { error: 'RecordNotFound', description: 'Not found' });
      return this.#server.json(res, 200, { ticket: renameField(ticket, fault) });
    }
    if (this.directory.answer(url, res, (r, status, body) => this.#server.json(r, status, body))) return;
    return this.#server.json(res, 404, { error: 'InvalidEndpoint', description: 'Not found' });
  }

  #export(url: URL, res: ServerResponse, fault: ZendeskFault | null): void {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    let after: ExportPosition;
    const cursor = url.searchParams.get('cursor');
    const startTime = url.searchParams.get('start_time');
    if (cursor) {
      const decoded = decodeCursor(cursor);
      if (!decoded) return this.#server.json(res, 400, { error: 'InvalidCursor', description: 'The cursor is invalid or has expired.' });
      after = decoded;
    } else if (startTime !== null) {
      const t = Number(startTime);
      if (!Number.isInteger(t) || t < 0) return this.#server.json(res, 400, { error: 'InvalidValue', description: 'start_time must be a unix timestamp in seconds.' });
      if (t > now - 60) return this.#server.json(res, 400, { error: 'InvalidValue', description: 'Too recent start_time. Use a start_time older than 1 minute.' });
      after = { gts: t, id: 0 };
    } else {
      return this.#server.json(res, 400, { error: 'InvalidValue', description: 'start_time or cursor is required.' });
    }
    const perPage = Math.min(this.maxPageSize, 1000, Math.max(1, Number(url.searchParams.get('per_page')) || 1000));
    const excludeDeleted = url.searchParams.get('exclude_deleted') === 'true';
    // Changes of the last minute are left out; the next request catches up (since 2024-10-28).
    const page = this.store.page(after, perPage, now - 60, excludeDeleted ? (t) => t.status === 'deleted' : undefined);
    const afterCursor = encodeCursor(page.last);
    const base = `https://${this.subdomain}.zendesk.com${EXPORT_PATH}`;
    const tickets = page.tickets.map((t) => (fault?.kind === 'rename_field' ? JSON.stringify(renameField(t, fault)) : this.store.json(t)));
    const rest = JSON.stringify({
      after_cursor: afterCursor,
      after_url: `${base}?cursor=${encodeURIComponent(afterCursor)}`,
      before_cursor: null,
      before_url: null,
      end_of_stream: !page.more,
    });
    this.#server.send(res, 200, 'application/json; charset=utf-8', `{"tickets":[${tickets.join(',')}],${rest.slice(1)}`);
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
    if (oauth) return this.#server.json(res, 401, OAUTH_401);
    res.setHeader('www-authenticate', 'Basic realm="Web Password"');
    this.#server.json(res, 401, BASIC_401);
  }

  /** The export's own budget (docs/platforms/zendesk.md); true when the request was refused. */
  #throttle(res: ServerResponse): boolean {
    if (!this.rateLimit) return false;
    const { requests, windowSeconds } = this.rateLimit;
    const window = this.#window.take({ units: requests, windowSeconds });
    res.setHeader('zendesk-ratelimit-incremental-exports', `total=${requests}; remaining=${window.remaining}; resets=${window.secondsLeft}`);
    if (window.allowed) return false;
    this.stats.throttled += 1;
    res.setHeader('retry-after', String(window.secondsLeft));
    this.#server.json(res, 429, EXPORT_RATE_LIMITED);
    return true;
  }
}
