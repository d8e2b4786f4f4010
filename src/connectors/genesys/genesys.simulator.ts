import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/ports.js';
import { systemClock } from '../../core/system-clock.js';
import { ActivitySchedule, type ActivityScheduleOptions } from '../simulation/activity-schedule.js';
import { isoSeconds } from '../simulation/iso-seconds.js';
import { RateWindow } from '../simulation/rate-window.js';
import { readBody } from '../simulation/request-body.js';
import { startingRecords } from '../simulation/seed-records.js';
import { SeededRandom } from '../simulation/seeded-random.js';
import { answerWithFault, FaultQueue, renameField, type FaultAnswers } from '../simulation/simulator-faults.js';
import { JSON_TYPE, SimulatorServer } from '../simulation/simulator-server.js';
import { defaultUsers, defaultWrapUpCodes, generateConversations, makeConversation, seededUuid, type GenesysWireConversation, type SimulatedUser, type SimulatedWrapUpCode } from './genesys-seed.js';
import { genesysFaultAnswers, type GenesysFault, type GenesysFaultScope } from './genesys-simulator-faults.js';
import { activeDuring, conversationTimes, jobState, jobStatusJson, parseInterval, startedOnTouchedDay, type ConversationTimes, type JobTiming, type SimulatedJob } from './genesys-simulator-jobs.js';

export interface GenesysSimulatorOptions {
  clock?: Clock;
  organizationId?: string;
  conversations?: number | GenesysWireConversation[];
  seed?: number;
  spanDays?: number;
  /** Caps page sizes below Genesys's own (100 for the query), so tests reach many pages with few conversations. */
  maxPageSize?: number;
  /** Requests per window for the organization; null turns rate limiting off. */
  rateLimit?: { requests: number; windowSeconds: number } | null;
  /** Seconds a token lives (Genesys's default for client credentials: 86,400). */
  tokenLifetimeSeconds?: number;
  /** How long a job takes to prepare (sim clock), and how long its results are kept. */
  jobTiming?: Partial<JobTiming>;
  /** How far behind now the analytics data lake is (the jobs' data availability date). */
  availabilityLagMs?: number;
  /** Keep working: each event starts a call or ends the oldest active one. */
  live?: ActivityScheduleOptions;
}

export interface GenesysSimulatorStats {
  requests: number;
  /** Details queries and job-results pages: the requests a run pages through. */
  pagedRequests: number;
  tokenRequests: number;
  jobsSubmitted: number;
  jobsDeleted: number;
  throttled: number;
  byStatus: Record<string, number>;
}

interface SimulatedClient {
  clientId: string;
  clientSecret: string;
  deleted: boolean;
  permissions: Set<string>;
}

const QUERY_PATH = '/api/v2/analytics/conversations/details/query';
const JOBS_PATH = '/api/v2/analytics/conversations/details/jobs';
const PERMISSION = 'analytics:conversationDetail:view';
const QUERY_MAX_PAGE = 100;

/**
 * A Genesys Cloud organization over real HTTP: OAuth client credentials at /oauth/token (the login
 * host's path), the conversation details query (selection by start day, page numbers, totalHits),
 * the asynchronous details jobs (availability, submit, status QUEUED → PENDING → FULFILLED →
 * EXPIRED, cursor-paged results, DELETE), one conversation's details, users and wrap-up codes;
 * ErrorBody refusals, inin-ratelimit-* headers and 429 + Retry-After. One host stands in for both
 * api.<region> and login.<region>.
 */
export class GenesysSimulator {
  readonly clock: Clock;
  readonly organizationId: string;
  readonly users: SimulatedUser[] = defaultUsers();
  readonly wrapUpCodes: SimulatedWrapUpCode[] = defaultWrapUpCodes();
  readonly stats: GenesysSimulatorStats = { requests: 0, pagedRequests: 0, tokenRequests: 0, jobsSubmitted: 0, jobsDeleted: 0, throttled: 0, byStatus: {} };
  readonly faults = new FaultQueue<GenesysFault, 'paged'>('paged');
  readonly jobs = new Map<string, SimulatedJob>();
  readonly client: SimulatedClient;
  maxPageSize: number;
  rateLimit: { requests: number; windowSeconds: number } | null;
  tokenLifetimeSeconds: number;
  jobTiming: JobTiming;
  availabilityLagMs: number;
  /** Called before each paged request is answered (n counts from 1): a seam for tests to act mid-run. */
  beforePaged: ((n: number) => void | Promise<void>) | null = null;
  readonly #conversations = new Map<string, GenesysWireConversation>();
  #order: Array<{ conversation: GenesysWireConversation; times: ConversationTimes }> | null = null;
  readonly #tokens = new Map<string, { clientId: string; expiresAt: number }>();
  readonly #server: SimulatorServer<GenesysFault, 'paged'>;
  readonly #faultAnswers: FaultAnswers<GenesysFault>;
  readonly #window: RateWindow;
  readonly #random: SeededRandom;
  readonly #live: ActivitySchedule | null;

  constructor(options: GenesysSimulatorOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.organizationId = options.organizationId ?? '4d5e6f70-0000-4000-8000-00000000a11c';
    this.maxPageSize = options.maxPageSize ?? QUERY_MAX_PAGE;
    this.rateLimit = options.rateLimit === undefined ? { requests: 300, windowSeconds: 60 } : options.rateLimit;
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 86_400;
    this.jobTiming = { prepareMs: 90_000, keepMs: 86_400_000, ...options.jobTiming };
    this.availabilityLagMs = options.availabilityLagMs ?? 4 * 3_600_000;
    this.#random = new SeededRandom((options.seed ?? 1) * 53 + 7);
    this.client = { clientId: seededUuid(this.#random), clientSecret: `sim-secret-${seededUuid(this.#random)}`, deleted: false, permissions: new Set([PERMISSION, 'directory:user:view', 'routing:wrapupCode:view']) };
    const seeded = startingRecords(options.conversations, (count) => generateConversations({ count, now: this.clock.now(), spanDays: options.spanDays, seed: options.seed, users: this.users, codes: this.wrapUpCodes }));
    for (const conversation of seeded) this.#put(conversation);
    this.#window = new RateWindow(this.clock);
    this.#live = options.live ? new ActivitySchedule(options.live) : null;
    this.#server = new SimulatorServer({
      stats: this.stats,
      handle: (req, res, url) => this.#handle(req, res, url),
      controls: {
        state: () => ({ organizationId: this.organizationId, conversations: this.#conversations.size, jobs: this.jobs.size, stats: this.stats, faults: this.faults.active, now: this.clock.now().toISOString() }),
        mutate: (counts) => this.mutate(counts as Parameters<GenesysSimulator['mutate']>[0]),
        faults: this.faults,
        clearFaults: () => this.clearFaults(),
        revoke: () => this.deleteClient(),
      },
      headers: (res) => res.setHeader('inin-correlation-id', randomUUID()),
      internalError: (res, error) => this.#errorBody(res, 500, 'internal.server.error', String(error)),
    });
    this.#faultAnswers = genesysFaultAnswers({ raw: (res, status, type, body) => this.#server.send(res, status, type, body), errorBody: (res, status, code, message, headers) => this.#errorBody(res, status, code, message, headers) }, () => {
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

  get credentials(): { clientId: string; clientSecret: string } {
    return { clientId: this.client.clientId, clientSecret: this.client.clientSecret };
  }

  /** Deletes the OAuth client, as an admin would: tokens stop working, new ones are refused. */
  deleteClient(): void {
    this.client.deleted = true;
  }

  restoreClient(): void {
    this.client.deleted = false;
    this.client.permissions.add(PERMISSION);
  }

  /** Every token issued so far stops working (as if it expired early). */
  expireTokens(): void {
    for (const token of this.#tokens.values()) token.expiresAt = 0;
  }

  injectFault(fault: GenesysFault, scope: GenesysFaultScope = 'paged', options?: { afterPagedRequests?: number }): void {
    this.faults.inject(fault, scope, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ---- conversations -----------------------------------------------------------------------

  conversations(): GenesysWireConversation[] {
    this.#advanceLive();
    return [...this.#conversations.values()];
  }

  /** Live activity due by now: a new call starts, or the oldest active one ends (with its wrap-up). */
  #advanceLive(): void {
    this.#live?.advance(this.clock.now(), (random) => {
      const active = [...this.#conversations.values()].find((c) => !c.conversationEnd);
      if (active && random.chance(0.5)) this.endConversation(active.conversationId);
      else this.createConversation();
    });
  }

  conversation(id: string): GenesysWireConversation | undefined {
    return this.#conversations.get(id);
  }

  /** A conversation starting now: active (no end yet) unless `ended`. */
  createConversation(options: { ended?: boolean } = {}): GenesysWireConversation {
    const now = this.clock.now().getTime();
    const conversation = makeConversation(this.#random, this.users, this.wrapUpCodes, options.ended ? now - 600_000 : now, options.ended ? now : null);
    this.#put(conversation);
    return conversation;
  }

  /** Ends an active conversation now: the agent's talk ends, wrap-up follows, `conversationEnd` appears. */
  endConversation(id: string): GenesysWireConversation {
    const current = this.#require(id);
    if (current.conversationEnd) return current;
    const now = this.clock.now().getTime();
    const ended = structuredClone(current);
    for (const participant of ended.participants) {
      for (const session of participant.sessions) {
        for (const segment of session.segments) segment.segmentEnd ??= isoSeconds(Math.max(Date.parse(segment.segmentStart) + 1000, now - 30_000));
        if (participant.purpose === 'agent') session.segments.push({ segmentType: 'wrapup', segmentStart: isoSeconds(now - 30_000), segmentEnd: isoSeconds(now), wrapUpCode: this.#random.pick(this.wrapUpCodes).id });
      }
    }
    ended.conversationEnd = isoSeconds(now);
    this.#put(ended);
    return ended;
  }

  /** A change after the end, as a late wrap-up edit: the agent's wrap-up now ends now, with another code. */
  updateConversation(id: string): GenesysWireConversation {
    const updated = structuredClone(this.#require(id));
    const now = isoSeconds(this.clock.now().getTime());
    const agent = updated.participants.find((p) => p.purpose === 'agent')!;
    const wrapup = agent.sessions[0]!.segments.find((s) => s.segmentType === 'wrapup');
    const code = this.#random.pick(this.wrapUpCodes).id;
    if (wrapup) Object.assign(wrapup, { segmentEnd: now, wrapUpCode: code });
    else agent.sessions[0]!.segments.push({ segmentType: 'wrapup', segmentStart: now, segmentEnd: now, wrapUpCode: code });
    if (updated.conversationEnd) updated.conversationEnd = now;
    this.#put(updated);
    return updated;
  }

  /** Random activity: new (active) conversations, ends of active ones, late wrap-up changes. */
  mutate(counts: { creates?: number; ends?: number; updates?: number }): string[] {
    const touched: string[] = [];
    for (let i = 0; i < (counts.creates ?? 0); i += 1) touched.push(this.createConversation().conversationId);
    const pick = (match: (c: GenesysWireConversation) => boolean) => {
      const candidates = this.conversations().filter(match);
      return candidates.length ? this.#random.pick(candidates).conversationId : null;
    };
    for (let i = 0; i < (counts.ends ?? 0); i += 1) {
      const id = pick((c) => !c.conversationEnd);
      if (id) touched.push(this.endConversation(id).conversationId);
    }
    for (let i = 0; i < (counts.updates ?? 0); i += 1) {
      const id = pick((c) => Boolean(c.conversationEnd));
      if (id) touched.push(this.updateConversation(id).conversationId);
    }
    return touched;
  }

  #require(id: string): GenesysWireConversation {
    const conversation = this.#conversations.get(id);
    if (!conversation) throw new Error(`conversation ${id} does not exist`);
    return conversation;
  }

  #put(conversation: GenesysWireConversation): void {
    this.#conversations.set(conversation.conversationId, conversation);
    this.#order = null;
  }

  /** Conversations matching, in the query's order (start, then id); the order is kept until a change. */
  #sorted(match: (times: ConversationTimes) => boolean): GenesysWireConversation[] {
    this.#order ??= this.conversations()
      .sort((a, b) => (a.conversationStart < b.conversationStart ? -1 : a.conversationStart > b.conversationStart ? 1 : a.conversationId < b.conversationId ? -1 : 1))
      .map((conversation) => ({ conversation, times: conversationTimes(conversation) }));
    return this.#order.filter((entry) => match(entry.times)).map((entry) => entry.conversation);
  }

  // ---- HTTP --------------------------------------------------------------------------------

  #errorBody(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    this.#server.json(res, status, { message, code, status, messageWithParams: message, messageParams: {}, contextId: randomUUID(), details: [], errors: [] });
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    this.#advanceLive();
    if (url.pathname === '/oauth/token') return this.#token(req, res);
    const isPaged = (req.method === 'POST' && url.pathname === QUERY_PATH) || (req.method === 'GET' && /^\/api\/v2\/analytics\/conversations\/details\/jobs\/[^/]+\/results$/.test(url.pathname));
    if (isPaged) {
      this.stats.pagedRequests += 1;
      await this.beforePaged?.(this.stats.pagedRequests);
    }
    const fault = this.faults.take(isPaged, () => this.deleteClient());

    if (this.#throttle(res)) return;
    const refused = this.#authenticate(req);
    if (refused) return this.#errorBody(res, 401, refused, refused === 'authentication.required' ? 'No authentication bearer token specified in authorization header.' : refused === 'credentials.expired' ? 'The supplied credentials are expired and cannot be used.' : 'Invalid login credentials.');
    if (fault && (await answerWithFault(fault, res, this.#faultAnswers))) return;

    if (req.method === 'GET' && url.pathname === '/api/v2/organizations/me') return this.#server.json(res, 200, { id: this.organizationId, name: 'Acme Contact Centre', defaultSiteId: 'site-1', state: 'active' });
    if (req.method === 'GET' && url.pathname === '/api/v2/users') return this.#listing(res, url, this.users.map((u) => ({ id: u.id, name: u.name, email: u.email, state: 'active', username: u.email })));
    if (req.method === 'GET' && url.pathname === '/api/v2/routing/wrapupcodes') return this.#listing(res, url, this.wrapUpCodes.map((c) => ({ id: c.id, name: c.name })));
    if (!this.client.permissions.has(PERMISSION) && url.pathname.startsWith('/api/v2/analytics/')) {
      return this.#errorBody(res, 403, 'missing.permissions', `You are missing the following permission(s): ${PERMISSION}`);
    }
    if (req.method === 'POST' && url.pathname === QUERY_PATH) return this.#query(req, res, fault);
    if (req.method === 'GET' && url.pathname === `${JOBS_PATH}/availability`) return this.#server.json(res, 200, { dataAvailabilityDate: this.#availability().toISOString() });
    if (req.method === 'POST' && url.pathname === JOBS_PATH) return this.#submit(req, res, fault);
    const job = /^\/api\/v2\/analytics\/conversations\/details\/jobs\/([^/]+)(\/results)?$/.exec(url.pathname);
    if (job) return this.#job(req, res, url, decodeURIComponent(job[1]!), Boolean(job[2]), fault);
    const one = /^\/api\/v2\/analytics\/conversations\/([^/]+)\/details$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const conversation = this.#conversations.get(decodeURIComponent(one[1]!));
      if (!conversation) return this.#errorBody(res, 404, 'not.found', 'The requested conversation was not found.');
      return this.#server.json(res, 200, renameField(conversation, fault));
    }
    return this.#errorBody(res, 404, 'not.found', `The requested resource ${url.pathname} was not found.`);
  }

  async #token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.stats.tokenRequests += 1;
    const body = new URLSearchParams(await readBody(req));
    if (req.method !== 'POST') return this.#server.json(res, 405, { error: 'invalid_request', description: 'POST is required', error_description: 'POST is required' });
    if (body.get('grant_type') !== 'client_credentials') return this.#server.json(res, 400, { error: 'unsupported_grant_type', description: 'grant_type must be client_credentials', error_description: 'grant_type must be client_credentials' });
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    const [id, secret] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') : [];
    if (id !== this.client.clientId || secret !== this.client.clientSecret || this.client.deleted) {
      return this.#server.json(res, 401, { error: 'invalid_client', description: 'client not found', error_description: 'client not found' });
    }
    const token = `sim-${randomUUID()}`;
    this.#tokens.set(token, { clientId: id, expiresAt: this.clock.now().getTime() + this.tokenLifetimeSeconds * 1000 });
    return this.#server.json(res, 200, { access_token: token, token_type: 'bearer', expires_in: this.tokenLifetimeSeconds });
  }

  /** Null when the bearer token is good, else the ErrorBody code refusing it. */
  #authenticate(req: IncomingMessage): string | null {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return 'authentication.required';
    const token = this.#tokens.get(bearer);
    if (!token || this.client.deleted) return 'bad.credentials';
    if (token.expiresAt <= this.clock.now().getTime()) return 'credentials.expired';
    return null;
  }

  /** Every request draws on the organization's window; the answer carries inin-ratelimit-* headers. */
  #throttle(res: ServerResponse): boolean {
    if (!this.rateLimit) return false;
    const answer = this.#window.take({ units: this.rateLimit.requests, windowSeconds: this.rateLimit.windowSeconds });
    res.setHeader('inin-ratelimit-allowed', String(this.rateLimit.requests));
    res.setHeader('inin-ratelimit-count', String(this.rateLimit.requests - answer.remaining));
    res.setHeader('inin-ratelimit-reset', String(answer.secondsLeft));
    if (answer.allowed) return false;
    this.stats.throttled += 1;
    this.#errorBody(res, 429, 'too.many.requests.retry.after', `Rate limit exceeded the maximum. Retry the request in [${answer.secondsLeft}] seconds`, { 'retry-after': String(answer.secondsLeft) });
    return true;
  }

  #availability(): Date {
    const at = this.clock.now().getTime() - this.availabilityLagMs;
    return new Date(Math.floor(at / 3_600_000) * 3_600_000);
  }

  #listing(res: ServerResponse, url: URL, entities: unknown[]): void {
    const pageSize = Math.min(Number(url.searchParams.get('pageSize') ?? 25) || 25, 500);
    const pageNumber = Math.max(1, Number(url.searchParams.get('pageNumber') ?? 1) || 1);
    const page = entities.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    this.#server.json(res, 200, { entities: page, pageSize, pageNumber, total: entities.length, pageCount: Math.max(1, Math.ceil(entities.length / pageSize)) });
  }

  async #jsonBody(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | null> {
    try {
      const text = await readBody(req);
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
    } catch {
      // refused below
    }
    this.#errorBody(res, 400, 'bad.request', 'The request could not be understood by the server due to malformed syntax.');
    return null;
  }

  async #query(req: IncomingMessage, res: ServerResponse, fault: GenesysFault | null): Promise<void> {
    const body = await this.#jsonBody(req, res);
    if (!body) return;
    const interval = parseInterval(body.interval);
    if (!interval) return this.#errorBody(res, 400, 'invalid.value', 'interval must be two ISO-8601 times "start/end", start before end');
    const paging = (body.paging ?? {}) as { pageSize?: number; pageNumber?: number };
    const asked = paging.pageSize ?? 25;
    if (!Number.isInteger(asked) || asked < 1 || asked > QUERY_MAX_PAGE) return this.#errorBody(res, 400, 'invalid.value', `paging.pageSize must be from 1 to ${QUERY_MAX_PAGE}`);
    const pageSize = Math.min(asked, this.maxPageSize);
    const pageNumber = paging.pageNumber ?? 1;
    const now = this.clock.now().getTime();
    const matched = this.#sorted((times) => startedOnTouchedDay(times, interval, now));
    const page = matched.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((c) => renameField(c, fault));
    return this.#server.json(res, 200, { ...(page.length > 0 ? { conversations: page } : {}), totalHits: matched.length });
  }

  async #submit(req: IncomingMessage, res: ServerResponse, fault: GenesysFault | null): Promise<void> {
    const body = await this.#jsonBody(req, res);
    if (!body) return;
    const interval = parseInterval(body.interval);
    if (!interval) return this.#errorBody(res, 400, 'invalid.value', 'interval must be two ISO-8601 times "start/end", start before end');
    if (interval.to > this.#availability().getTime() + 1000) {
      return this.#errorBody(res, 400, 'invalid.date', `The interval ends after the data availability date ${this.#availability().toISOString()}; query later data with the details query.`);
    }
    const id = randomUUID();
    const job: SimulatedJob = { id, ...interval, startOfDay: body.startOfDayIntervalMatching === true, submittedAt: this.clock.now().getTime() };
    if (fault?.kind === 'job_failed') job.failed = fault.message;
    this.jobs.set(id, job);
    this.stats.jobsSubmitted += 1;
    return this.#server.json(res, 202, { jobId: id });
  }

  #job(req: IncomingMessage, res: ServerResponse, url: URL, id: string, results: boolean, fault: GenesysFault | null): void {
    const job = this.jobs.get(id);
    if (!job || job.deleted) return this.#errorBody(res, 404, 'not.found', `The job ${id} was not found.`);
    const now = this.clock.now().getTime();
    if (req.method === 'DELETE' && !results) {
      job.deleted = true;
      this.stats.jobsDeleted += 1;
      return this.#server.send(res, 204, JSON_TYPE, '');
    }
    if (req.method !== 'GET') return this.#errorBody(res, 405, 'method.not.allowed', 'Method not allowed');
    if (!results) return this.#server.json(res, 200, jobStatusJson(job, now, this.jobTiming));
    const state = jobState(job, now, this.jobTiming);
    if (state === 'EXPIRED') return this.#errorBody(res, 404, 'not.found', `The results of job ${id} have expired.`);
    if (state !== 'FULFILLED') return this.#errorBody(res, 400, 'bad.request', `The job ${id} is ${state}; results are available once it is FULFILLED.`);
    const matched = this.#sorted((times) => (job.startOfDay ? startedOnTouchedDay(times, job, now) : activeDuring(times, job, now)));
    const offset = Number(Buffer.from(url.searchParams.get('cursor') ?? '', 'base64url').toString('utf8') || '0');
    const pageSize = Math.min(Number(url.searchParams.get('pageSize') ?? 100) || 100, this.maxPageSize === QUERY_MAX_PAGE ? 10_000 : this.maxPageSize);
    const page = matched.slice(offset, offset + pageSize).map((c) => renameField(c, fault));
    const next = offset + pageSize < matched.length ? Buffer.from(String(offset + pageSize)).toString('base64url') : undefined;
    return this.#server.json(res, 200, { conversations: page, ...(next ? { cursor: next } : {}), dataAvailabilityDate: this.#availability().toISOString() });
  }
}
