import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/ports.js';
import { systemClock } from '../../core/system-clock.js';
import { RateWindow } from '../simulation/rate-window.js';
import { startingRecords } from '../simulation/seed-records.js';
import { SeededRandom } from '../simulation/seeded-random.js';
import { answerWithFault, FaultQueue, renameField, type FaultAnswers } from '../simulation/simulator-faults.js';
import { JSON_TYPE, SimulatorServer } from '../simulation/simulator-server.js';
import { AircallCallStore } from './aircall-call-store.js';
import { AircallLiveActivity, type AircallLiveActivityOptions } from './aircall-live-activity.js';
import { advanceCall, callIdOf, generateCalls, makeCall, SEED_USERS, type AircallWireCall } from './aircall-seed.js';
import { aircallFaultAnswers, type AircallFault, type AircallFaultScope } from './aircall-simulator-faults.js';
import { AIRCALL_MAX_ITEMS, AIRCALL_MAX_PER_PAGE, type AircallStatus } from './aircall-wire.js';

export interface AircallApiKey {
  apiId: string;
  apiToken: string;
  /** Deleted in the Dashboard: every request with it answers 401. */
  revoked: boolean;
}

export interface AircallSimulatorOptions {
  /** The company's name, as GET /v1/company answers it. */
  companyName?: string;
  clock?: Clock;
  /** How many calls to seed, or the calls themselves. */
  calls?: number | AircallWireCall[];
  seed?: number;
  spanDays?: number;
  seedAt?: Date;
  /** Not Aircall's: caps `per_page` below 50, so tests reach many pages with few calls. */
  maxPageSize?: number;
  /** How many calls a list returns at most however it is paged (Aircall: 10,000); smaller values test the split. */
  maxItems?: number;
  /** Requests per window for the company; null turns rate limiting off (benchmarks). */
  rateLimit?: { requests: number; windowSeconds: number } | null;
  live?: Omit<AircallLiveActivityOptions, 'firstId'>;
}

export interface AircallSimulatorStats {
  requests: number;
  listRequests: number;
  throttled: number;
  byStatus: Record<string, number>;
}

const CALLS_PATH = '/v1/calls';
const UNAUTHORIZED = ['Unauthorized', 'Check your API ID and API token: https://developer.aircall.io/api-references/#authentication'] as const;
const FORBIDDEN = ['Forbidden', 'Your company does not have access to the Public API. Contact your Aircall admin.'] as const;
const NOT_FOUND = ['Not found', 'The resource you are looking for does not exist.'] as const;

/**
 * An Aircall company over real HTTP, speaking Public API v1: Basic auth with an API ID and token,
 * GET /v1/ping, /v1/company, /v1/calls (from/to on creation time, order, page, per_page up to 50,
 * `meta` with `total` and `next_page_link`, at most 10,000 calls however it is paged), /v1/calls/:id;
 * the company's budget with X-AircallApi-Limit/Remaining/Reset (a unix time) and 429; Aircall's
 * `{error, troubleshoot}` bodies. Calls ring, are answered, end and are tagged later.
 */
export class AircallSimulator {
  readonly companyName: string;
  readonly clock: Clock;
  readonly store = new AircallCallStore();
  readonly keys: AircallApiKey[];
  readonly stats: AircallSimulatorStats = { requests: 0, listRequests: 0, throttled: 0, byStatus: {} };
  readonly faults = new FaultQueue<AircallFault, 'list'>('list');
  maxPageSize: number;
  maxItems: number;
  rateLimit: { requests: number; windowSeconds: number } | null;
  /** The company lost API access (plan, suspension): every call answers 403. */
  apiAccessRemoved = false;
  /** Called before each call-list request is answered (n counts from 1): a seam for tests to act mid-run. */
  beforeList: ((n: number) => void | Promise<void>) | null = null;
  readonly #server: SimulatorServer<AircallFault, 'list'>;
  readonly #faultAnswers: FaultAnswers<AircallFault>;
  readonly #window: RateWindow;
  #random: SeededRandom;
  #nextId: number;
  #live: AircallLiveActivity | null = null;

  constructor(options: AircallSimulatorOptions = {}) {
    this.companyName = options.companyName ?? 'Acme Calls';
    this.clock = options.clock ?? systemClock;
    this.maxPageSize = Math.min(AIRCALL_MAX_PER_PAGE, options.maxPageSize ?? AIRCALL_MAX_PER_PAGE);
    this.maxItems = options.maxItems ?? AIRCALL_MAX_ITEMS;
    this.rateLimit = options.rateLimit === undefined ? { requests: 60, windowSeconds: 60 } : options.rateLimit;
    this.#random = new SeededRandom((options.seed ?? 1) * 31 + 17);
    // The API ID follows from the seed (it is not secret, and `intake sim` prints the same one each time); the token does not.
    const idRandom = new SeededRandom((options.seed ?? 1) * 97 + 5);
    const apiId = Array.from({ length: 8 }, () => idRandom.int(0, 0xffff).toString(16).padStart(4, '0')).join('');
    this.keys = [{ apiId, apiToken: randomBytes(16).toString('hex'), revoked: false }];
    const seeded = startingRecords(options.calls, (count) => generateCalls({ count, now: options.seedAt ?? this.clock.now(), spanDays: options.spanDays, seed: options.seed }));
    for (const call of seeded) this.store.put(call);
    this.#nextId = Math.max(callIdOf(0), ...seeded.map((c) => c.id)) + 1;
    if (options.live) this.#live = new AircallLiveActivity({ ...options.live, firstId: this.#nextId + 1_000_000 });
    this.#window = new RateWindow(this.clock);
    this.#server = new SimulatorServer({
      stats: this.stats,
      handle: (req, res, url) => this.#handle(req, res, url),
      controls: {
        state: () => ({ company: this.companyName, calls: this.store.size, apiAccessRemoved: this.apiAccessRemoved, stats: this.stats, faults: this.faults.active, now: this.clock.now().toISOString() }),
        mutate: (counts) => this.mutate(counts as Parameters<AircallSimulator['mutate']>[0]),
        faults: this.faults,
        clearFaults: () => {
          this.clearFaults();
          this.apiAccessRemoved = false;
        },
        revoke: (body) => (typeof body.apiId === 'string' ? void this.revokeKey(body.apiId) : this.revokeAll()),
      },
      headers(res) {
        if (!res.hasHeader('x-request-id')) res.setHeader('x-request-id', randomUUID());
      },
      internalError: (res, error) => this.#error(res, 500, 'Internal Server Error', String(error)),
    });
    this.#faultAnswers = aircallFaultAnswers({
      send: (res, status, type, body) => this.#server.send(res, status, type, body),
      count: (status) => this.#server.count(status),
      error: (res, status, error, troubleshoot) => this.#error(res, status, error, troubleshoot),
      rateLimited: (res, resetInSeconds) => this.#rateLimited(res, resetInSeconds),
      sample: () => JSON.stringify({ calls: this.store.recent(30), meta: { count: 30, total: this.store.size, current_page: 1, per_page: 50, next_page_link: null, previous_page_link: null } }),
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

  // ---- credentials and faults --------------------------------------------------------------

  credentials(key = this.keys.find((k) => !k.revoked) ?? this.keys[0]!): { apiId: string; apiToken: string } {
    return { apiId: key.apiId, apiToken: key.apiToken };
  }

  revokeAll(): void {
    for (const key of this.keys) key.revoked = true;
  }

  /** Deletes one API key, as an admin does in the Dashboard. */
  revokeKey(apiId: string): boolean {
    const key = this.keys.find((k) => k.apiId === apiId);
    if (key) key.revoked = true;
    return Boolean(key);
  }

  /** From the next call-list request, or after `afterPagedRequests` more succeed. */
  injectFault(fault: AircallFault, scope: AircallFaultScope = 'list', options?: { afterPagedRequests?: number }): void {
    this.faults.inject(fault, scope, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ---- calls -------------------------------------------------------------------------------

  call(id: number): AircallWireCall | undefined {
    this.#advanceLive();
    return this.store.get(id);
  }

  calls(): AircallWireCall[] {
    this.#advanceLive();
    return this.store.all();
  }

  /** A call starting now (or at `startedAt`), moved on to `status`. */
  createCall(status: AircallStatus, startedAt?: number): AircallWireCall {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    let call = makeCall(this.#random, this.#nextId++, startedAt ?? now, 'initial');
    if (status !== 'initial') call = advanceCall(this.#random, call, 'answered', startedAt ?? now);
    if (status === 'done') call = advanceCall(this.#random, call, 'done', now);
    this.store.put(call);
    return call;
  }

  /** Moves a call on now: answered, or ended. */
  advanceCall(id: number, status: AircallStatus): AircallWireCall {
    const current = this.#existing(id);
    let call = current;
    if (status === 'done' && call.status === 'initial') call = advanceCall(this.#random, call, 'answered', Math.floor(this.clock.now().getTime() / 1000));
    call = advanceCall(this.#random, call, status, Math.floor(this.clock.now().getTime() / 1000));
    this.store.put(call);
    return call;
  }

  /** A comment posted on the call now, as an agent adds one after the call. */
  commentCall(id: number, content = 'Checked with the customer after the call.'): AircallWireCall {
    const call = this.#existing(id);
    const posted = { id: call.id * 10 + call.comments.length + 1, content, posted_at: Math.floor(this.clock.now().getTime() / 1000), posted_by: call.user ?? SEED_USERS[0]! };
    const next = { ...call, comments: [...call.comments, posted] };
    this.store.put(next);
    return next;
  }

  /** A tag added to the call now. */
  tagCall(id: number, tag: { id: number; name: string }): AircallWireCall {
    const call = this.#existing(id);
    const next = { ...call, tags: [...call.tags.filter((t) => t.id !== tag.id), { ...tag, created_at: Math.floor(this.clock.now().getTime() / 1000), tagged_by: call.user }] };
    this.store.put(next);
    return next;
  }

  /** Random activity: new calls, calls answered and ended, tags and comments; returns the ids touched. */
  mutate(counts: { creates?: number; answers?: number; ends?: number; tags?: number; comments?: number }): number[] {
    const touched: number[] = [];
    const pick = (match: (c: AircallWireCall) => boolean) => {
      const candidates = this.store.recent(400).filter(match);
      return candidates.length ? this.#random.pick(candidates).id : null;
    };
    for (let i = 0; i < (counts.creates ?? 0); i += 1) touched.push(this.createCall('done').id);
    const each = (n: number | undefined, match: (c: AircallWireCall) => boolean, act: (id: number) => AircallWireCall) => {
      for (let i = 0; i < (n ?? 0); i += 1) {
        const id = pick(match);
        if (id !== null) touched.push(act(id).id);
      }
    };
    each(counts.answers, (c) => c.status === 'initial', (id) => this.advanceCall(id, 'answered'));
    each(counts.ends, (c) => c.status !== 'done', (id) => this.advanceCall(id, 'done'));
    each(counts.tags, (c) => c.status === 'done', (id) => this.tagCall(id, { id: 77199, name: 'reviewed' }));
    each(counts.comments, (c) => c.status === 'done', (id) => this.commentCall(id));
    return touched;
  }

  #existing(id: number): AircallWireCall {
    const call = this.store.get(id);
    if (!call) throw new Error(`call ${id} does not exist`);
    return call;
  }

  #advanceLive(): void {
    this.#live?.advance(this.store, this.clock.now());
  }

  // ---- HTTP --------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    this.#advanceLive();
    const isList = url.pathname === CALLS_PATH;
    if (isList) {
      this.stats.listRequests += 1;
      await this.beforeList?.(this.stats.listRequests);
    }
    const fault = this.faults.take(isList, () => this.revokeAll());
    if (!this.#authenticate(req)) return this.#error(res, 401, ...UNAUTHORIZED);
    // The company's budget counts every authenticated request; its headers go on every answer.
    if (this.#throttle(res)) return;
    if (this.apiAccessRemoved) return this.#error(res, 403, ...FORBIDDEN);
    if (fault && (await answerWithFault(fault, res, this.#faultAnswers))) return;
    if (req.method !== 'GET') return this.#error(res, 405, 'Method Not Allowed', 'Only GET is simulated on this path.');

    if (url.pathname === '/v1/ping') return this.#server.json(res, 200, { ping: 'pong' });
    if (url.pathname === '/v1/company') return this.#server.json(res, 200, { company: { name: this.companyName, users_count: SEED_USERS.length, numbers_count: 2 } });
    if (isList) return this.#list(req, url, res, fault);
    if (url.pathname === '/v1/users') return this.#users(req, url, res);
    const show = /^\/v1\/calls\/(\d+)$/.exec(url.pathname);
    if (!show) return this.#error(res, 404, ...NOT_FOUND);
    const call = this.store.get(Number(show[1]));
    if (!call) return this.#error(res, 404, ...NOT_FOUND);
    this.#server.json(res, 200, { call: renameField(call, fault) });
  }

  #list(req: IncomingMessage, url: URL, res: ServerResponse, fault: AircallFault | null): void {
    const params = url.searchParams;
    const problems: string[] = [];
    const integer = (name: string, fallback: number, min: number): number => {
      const raw = params.get(name);
      if (raw === null || raw === '') return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min) problems.push(`${name} must be an integer of at least ${min}`);
      return n;
    };
    const from = integer('from', 0, 0);
    const to = integer('to', Math.floor(this.clock.now().getTime() / 1000), 0);
    const page = integer('page', 1, 1);
    const perPage = integer('per_page', 20, 1);
    const order = params.get('order') ?? 'asc';
    if (order !== 'asc' && order !== 'desc') problems.push('order must be asc or desc');
    if (problems.length === 0 && from > to) problems.push('from must be before to');
    if (problems.length) return this.#error(res, 400, 'Invalid parameters', problems.join('; '));

    const size = Math.min(perPage, AIRCALL_MAX_PER_PAGE, this.maxPageSize);
    const range = this.store.range(from, to, order === 'desc');
    // However it is paged, no more than maxItems calls: past them, empty pages, and no word of it.
    const reachable = Math.min(range.total, this.maxItems);
    const offset = (page - 1) * size;
    const calls = offset < reachable ? range.slice(offset, Math.min(size, reachable - offset)) : [];
    const more = offset + size < reachable;
    const link = (p: number) => {
      const next = new URLSearchParams(params);
      next.set('page', String(p));
      next.set('per_page', String(size));
      return `${this.#origin(req)}${CALLS_PATH}?${next.toString()}`;
    };
    const body = {
      calls: calls.map((c) => renameField(c, fault)),
      meta: { count: calls.length, total: range.total, current_page: page, per_page: size, next_page_link: more ? link(page + 1) : null, previous_page_link: page > 1 ? link(page - 1) : null },
    };
    this.#server.send(res, 200, JSON_TYPE, JSON.stringify(body));
  }

  #users(req: IncomingMessage, url: URL, res: ServerResponse): void {
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const size = Math.min(Number(url.searchParams.get('per_page') ?? 20) || 20, AIRCALL_MAX_PER_PAGE, this.maxPageSize);
    const users = SEED_USERS.slice((page - 1) * size, page * size);
    const link = (p: number) => `${this.#origin(req)}/v1/users?per_page=${size}&page=${p}`;
    const more = SEED_USERS.length > page * size;
    this.#server.json(res, 200, {
      users: users.map(({ id, direct_link, name, email, available, availability_status }) => ({ id, direct_link, name, email, available, availability_status, created_at: '2024-05-01T09:00:00.000Z', time_zone: 'Europe/Paris', language: 'en-US' })),
      meta: { count: users.length, total: SEED_USERS.length, current_page: page, per_page: size, next_page_link: more ? link(page + 1) : null, previous_page_link: page > 1 ? link(page - 1) : null },
    });
  }

  #authenticate(req: IncomingMessage): AircallApiKey | null {
    const [scheme, value = ''] = (req.headers.authorization ?? '').split(' ', 2);
    if (scheme?.toLowerCase() !== 'basic') return null;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const key = this.keys.find((k) => k.apiId === decoded.slice(0, colon) && k.apiToken === decoded.slice(colon + 1));
    return key && !key.revoked ? key : null;
  }

  /** The company's budget over fixed windows; true when the request was refused with 429. */
  #throttle(res: ServerResponse): boolean {
    if (!this.rateLimit) return false;
    const { requests, windowSeconds } = this.rateLimit;
    const window = this.#window.take({ units: requests, windowSeconds });
    res.setHeader('x-aircallapi-limit', String(requests));
    res.setHeader('x-aircallapi-remaining', String(window.remaining));
    res.setHeader('x-aircallapi-reset', String(Math.ceil(window.endsAt / 1000)));
    if (window.allowed) return false;
    this.stats.throttled += 1;
    this.#error(res, 429, 'Too Many Requests', `You have reached the limit of ${requests} requests per ${windowSeconds === 60 ? 'minute' : `${windowSeconds} seconds`}. Wait until the time in X-AircallApi-Reset.`);
    return true;
  }

  /** A 429 as a fault: the window resets after `resetInSeconds`. */
  #rateLimited(res: ServerResponse, resetInSeconds: number): void {
    this.stats.throttled += 1;
    res.setHeader('x-aircallapi-limit', String(this.rateLimit?.requests ?? 60));
    res.setHeader('x-aircallapi-remaining', '0');
    res.setHeader('x-aircallapi-reset', String(Math.ceil(this.clock.now().getTime() / 1000) + resetInSeconds));
    this.#error(res, 429, 'Too Many Requests', 'You have reached the rate limit. Wait until the time in X-AircallApi-Reset.');
  }

  #error(res: ServerResponse, status: number, error: string, troubleshoot: string): void {
    this.#server.json(res, status, { error, troubleshoot });
  }

  #origin(req: IncomingMessage): string {
    return `http://${req.headers.host ?? new URL(this.url).host}`;
  }
}
