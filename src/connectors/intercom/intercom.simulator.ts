import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/ports.js';
import { systemClock } from '../../core/system-clock.js';
import { RateWindow } from '../simulation/rate-window.js';
import { startingRecords } from '../simulation/seed-records.js';
import { SeededRandom } from '../simulation/seeded-random.js';
import { answerWithFault, FaultQueue, type FaultAnswers } from '../simulation/simulator-faults.js';
import { SimulatorServer } from '../simulation/simulator-server.js';
import type { IntercomRegion } from './intercom-connection.js';
import { IntercomConversationStore, type ResultOrder } from './intercom-conversation-store.js';
import { IntercomLiveActivity, type IntercomLiveActivityOptions } from './intercom-live-activity.js';
import { conversationId, generateConversations, makeConversation, SEED_ADMINS, type SimAdmin, type SimConversation } from './intercom-seed.js';
import { intercomControlRoutes, type TokenState } from './intercom-simulator-control.js';
import { AUTH_ERRORS, intercomFaultAnswers, type FaultScope, type IntercomFault } from './intercom-simulator-faults.js';
import { routeIntercomRequest } from './intercom-simulator-routes.js';
import { apiVersionProblem, DEFAULT_APP_VERSION } from './intercom-simulator-version.js';

export interface SimToken {
  token: string;
  adminId: string;
  state: TokenState;
}

export interface IntercomSimulatorOptions {
  /** The workspace (app) id, `app.id_code` in /me. */
  workspaceId?: string;
  region?: IntercomRegion;
  clock?: Clock;
  /** How many conversations to seed, or the conversations themselves. */
  conversations?: number | SimConversation[];
  seed?: number;
  spanDays?: number;
  seedAt?: Date;
  /** Requests per 10-second window for the app; null turns rate limiting off (benchmarks). */
  rateLimit?: { requests: number; windowSeconds: number } | null;
  /** The order search results come in (Intercom does not document one). */
  order?: ResultOrder;
  /** Whether `>` and `<` exclude their value (the reference says they include it). */
  strictBounds?: boolean;
  /** Serve at most this many conversations a page even when more are asked (Intercom: 150). */
  maxPageSize?: number;
  /** Refuse an IN list longer than this (Intercom does not document a limit). */
  maxInValues?: number;
  live?: Omit<IntercomLiveActivityOptions, 'firstNumber'>;
}

export interface IntercomSimulatorStats {
  requests: number;
  searchRequests: number;
  throttled: number;
  byStatus: Record<string, number>;
}

/**
 * An Intercom workspace over real HTTP, speaking REST API 2.11+: Bearer tokens, the
 * Intercom-Version header, conversation search (query language, nesting limits, cursors),
 * list and show, DELETE (2.14+), /me, /admins, /data_attributes, rate-limit headers over
 * ten-second windows with 429 rate_limit_exceeded, and error.list bodies for every refusal.
 */
export class IntercomSimulator {
  readonly workspaceId: string;
  readonly region: IntercomRegion;
  readonly clock: Clock;
  readonly store = new IntercomConversationStore();
  readonly admins: SimAdmin[] = [...SEED_ADMINS];
  readonly tokens: SimToken[];
  readonly stats: IntercomSimulatorStats = { requests: 0, searchRequests: 0, throttled: 0, byStatus: {} };
  readonly faults = new FaultQueue<IntercomFault, 'search'>('search');
  order: ResultOrder;
  strictBounds: boolean;
  maxPageSize: number;
  maxInValues: number;
  rateLimit: { requests: number; windowSeconds: number } | null;
  /** The workspace's plan lost API access: every call answers 403 api_plan_restricted. */
  planRestricted = false;
  /** Called before each search is answered (n counts from 1): a seam for tests to act mid-run. */
  beforeSearch: ((n: number) => void | Promise<void>) | null = null;
  readonly #server: SimulatorServer<IntercomFault, 'search'>;
  readonly #faultAnswers: FaultAnswers<IntercomFault>;
  readonly #window: RateWindow;
  #random: SeededRandom;
  #nextNumber: number;
  #live: IntercomLiveActivity | null = null;

  constructor(options: IntercomSimulatorOptions = {}) {
    this.workspaceId = options.workspaceId ?? 'ecahpwf5';
    this.region = options.region ?? 'us';
    this.clock = options.clock ?? systemClock;
    this.order = options.order ?? 'updated_desc';
    this.strictBounds = options.strictBounds ?? false;
    this.maxPageSize = Math.min(150, options.maxPageSize ?? 150);
    this.maxInValues = options.maxInValues ?? Number.POSITIVE_INFINITY;
    this.rateLimit = options.rateLimit === undefined ? { requests: 166, windowSeconds: 10 } : options.rateLimit;
    this.#random = new SeededRandom((options.seed ?? 1) * 31 + 11);
    this.tokens = [{ token: `dG9rOj${randomBytes(18).toString('base64url')}`, adminId: this.admins[0]!.id, state: 'active' }];
    const seeded = startingRecords(options.conversations, (count) => generateConversations({ count, now: options.seedAt ?? this.clock.now(), spanDays: options.spanDays, seed: options.seed }));
    for (const conversation of seeded) this.store.put(conversation);
    this.#nextNumber = seeded.length + 1;
    if (options.live) this.#live = new IntercomLiveActivity({ ...options.live, firstNumber: Math.max(this.#nextNumber, 1_000_000) });
    this.#window = new RateWindow(this.clock);
    this.#server = new SimulatorServer({
      stats: this.stats,
      handle: (req, res, url) => this.#handle(req, res, url),
      controls: {
        state: () => ({ workspaceId: this.workspaceId, region: this.region, conversations: this.store.size, order: this.order, planRestricted: this.planRestricted, stats: this.stats, faults: this.faults.active, now: this.clock.now().toISOString() }),
        mutate: (counts) => this.mutate(counts as Parameters<IntercomSimulator['mutate']>[0]),
        faults: this.faults,
        clearFaults: () => {
          this.clearFaults();
          this.planRestricted = false;
        },
        routes: intercomControlRoutes(this),
      },
      headers(res) {
        if (!res.hasHeader('x-request-id')) res.setHeader('x-request-id', randomUUID());
      },
      internalError: (res, error) => this.errorList(res, 500, 'server_error', String(error)),
    });
    this.#faultAnswers = intercomFaultAnswers(this);
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

  /** The access token an integration would hold. */
  get accessToken(): string {
    return (this.tokens.find((t) => t.state === 'active') ?? this.tokens[0]!).token;
  }

  addToken(adminId = this.admins[0]!.id): SimToken {
    const token: SimToken = { token: `dG9rOj${randomBytes(18).toString('base64url')}`, adminId, state: 'active' };
    this.tokens.push(token);
    return token;
  }

  /** Marks one token (or all) revoked or expired, as uninstalling an app or an OAuth expiry would. */
  setTokenState(state: SimToken['state'], token?: string): void {
    for (const t of this.tokens) if (token === undefined || t.token === token) t.state = state;
  }

  /** From the next search, or after `afterPagedRequests` more succeed. */
  injectFault(fault: IntercomFault, scope: FaultScope = 'search', options?: { afterPagedRequests?: number }): void {
    this.faults.inject(fault, scope, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ---- conversations -----------------------------------------------------------------------

  conversations(): SimConversation[] {
    this.#advanceLive();
    return [...this.store.all()];
  }

  conversation(id: string): SimConversation | undefined {
    this.#advanceLive();
    return this.store.get(id);
  }

  createConversation(patch: Partial<SimConversation> = {}): SimConversation {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const conversation = { ...makeConversation(this.#random, this.#nextNumber++, patch.created_at ?? now, now, patch.state), ...patch, updated_at: now };
    this.store.put(conversation);
    return conversation;
  }

  /** Changes a conversation now, as a teammate or a workflow would: updated_at moves. */
  updateConversation(id: string, patch: Partial<SimConversation>): SimConversation {
    const current = this.store.get(id);
    if (!current) throw new Error(`conversation ${id} does not exist`);
    const conversation = { ...current, ...patch, id, updated_at: Math.floor(this.clock.now().getTime() / 1000) };
    this.store.put(conversation);
    return conversation;
  }

  deleteConversation(id: string): boolean {
    return this.store.delete(id);
  }

  /** Random activity; returns the ids touched (deleted ones included). */
  mutate(counts: { updates?: number; closes?: number; creates?: number; deletes?: number }): string[] {
    const touched: string[] = [];
    const pick = (filter: (c: SimConversation) => boolean) => {
      const candidates = this.store.ids().filter((id) => filter(this.store.get(id)!));
      return candidates.length ? this.#random.pick(candidates) : null;
    };
    for (let i = 0; i < (counts.updates ?? 0); i += 1) {
      const id = pick(() => true);
      if (id) touched.push(this.updateConversation(id, { priority: this.#random.chance(0.5) ? 'priority' : 'not_priority', read: true }).id);
    }
    for (let i = 0; i < (counts.closes ?? 0); i += 1) {
      const id = pick((c) => c.state !== 'closed');
      if (id) touched.push(this.updateConversation(id, { state: 'closed', open: false }).id);
    }
    for (let i = 0; i < (counts.creates ?? 0); i += 1) touched.push(this.createConversation({ state: 'closed', open: false }).id);
    for (let i = 0; i < (counts.deletes ?? 0); i += 1) {
      const id = pick(() => true);
      if (id && this.deleteConversation(id)) touched.push(id);
    }
    return touched;
  }

  /** The id the next created conversation gets. */
  nextConversationId(): string {
    return conversationId(this.#nextNumber);
  }

  #advanceLive(): void {
    this.#live?.advance(this.store, this.clock.now());
  }

  // ---- HTTP --------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    this.#advanceLive();
    const isSearch = req.method === 'POST' && url.pathname === '/conversations/search';
    if (isSearch) {
      this.stats.searchRequests += 1;
      await this.beforeSearch?.(this.stats.searchRequests);
    }

    const fault = this.faults.take(isSearch, () => this.setTokenState('revoked'));
    const header = req.headers.authorization ?? '';
    if (!header) return this.errorList(res, 401, 'missing_authorization', AUTH_ERRORS.missing_authorization[1]);
    const token = /^bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const known = token ? this.tokens.find((t) => t.token === token) : undefined;
    if (!known) return this.errorList(res, 401, 'unauthorized', AUTH_ERRORS.unauthorized[1]);
    if (known.state === 'revoked') return this.errorList(res, 401, 'token_revoked', AUTH_ERRORS.token_revoked[1]);
    if (known.state === 'expired') return this.errorList(res, 401, 'token_expired', AUTH_ERRORS.token_expired[1]);

    const version = apiVersionProblem(req.headers['intercom-version'], req.method === 'DELETE' ? '2.14' : '2.11');
    if (version) return this.errorList(res, 400, 'intercom_version_invalid', version);
    // Rate-limit headers go on every authenticated answer, refusals included.
    if (this.#throttle(res)) return;
    if (this.planRestricted) return this.errorList(res, 403, 'api_plan_restricted', AUTH_ERRORS.api_plan_restricted[1]);
    if (fault && (await answerWithFault(fault, res, this.#faultAnswers))) return;
    return routeIntercomRequest(this, req, res, url, {
      rename: fault?.kind === 'rename_field' ? fault : null,
      overlap: fault?.kind === 'overlap_pages' ? fault.repeat : 0,
      adminId: known.adminId,
    });
  }

  /** The app's budget over fixed windows; true when the request was refused. */
  #throttle(res: ServerResponse): boolean {
    if (!this.rateLimit) return false;
    const { requests, windowSeconds } = this.rateLimit;
    const window = this.#window.take({ units: requests, windowSeconds });
    res.setHeader('x-ratelimit-limit', String(requests));
    res.setHeader('x-ratelimit-remaining', String(window.remaining));
    res.setHeader('x-ratelimit-reset', String(Math.ceil(window.endsAt / 1000)));
    if (window.allowed) return false;
    this.stats.throttled += 1;
    this.errorList(res, 429, 'rate_limit_exceeded', `Exceeded rate limit of ${requests} in ${windowSeconds}_seconds`);
    return true;
  }

  /** A 429 as a fault: the window resets after `resetInSeconds`. */
  rateLimited(res: ServerResponse, resetInSeconds: number): void {
    this.stats.throttled += 1;
    res.setHeader('x-ratelimit-limit', String(this.rateLimit?.requests ?? 166));
    res.setHeader('x-ratelimit-remaining', '0');
    res.setHeader('x-ratelimit-reset', String(Math.ceil(this.clock.now().getTime() / 1000) + resetInSeconds));
    this.errorList(res, 429, 'rate_limit_exceeded', 'Exceeded rate limit');
  }

  /** Intercom's error body; the request id is also in a header, for support. */
  errorList(res: ServerResponse, status: number, code: string, message: string): void {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    this.#server.json(res, status, { type: 'error.list', request_id: requestId, errors: [{ code, message }] });
  }

  json(res: ServerResponse, status: number, body: unknown): void {
    this.#server.json(res, status, body);
  }

  raw(res: ServerResponse, status: number, type: string, body: string): void {
    this.#server.send(res, status, type, body);
  }

  /** The version a request without the header gets: the app's own, as set in the Developer Hub. */
  readonly defaultVersion = DEFAULT_APP_VERSION;
}
