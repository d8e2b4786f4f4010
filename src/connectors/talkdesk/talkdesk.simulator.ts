import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/ports.js';
import { systemClock } from '../../core/system-clock.js';
import { isoSeconds } from '../simulation/iso-seconds.js';
import { RateWindow } from '../simulation/rate-window.js';
import { readBody } from '../simulation/request-body.js';
import { startingRecords } from '../simulation/seed-records.js';
import { SeededRandom } from '../simulation/seeded-random.js';
import { answerWithFault, FaultQueue, renameField, type FaultAnswers } from '../simulation/simulator-faults.js';
import { SimulatorServer } from '../simulation/simulator-server.js';
import { callId, generateCalls, makeCall, type TalkdeskWireCall } from './talkdesk-seed.js';
import { talkdeskFaultAnswers, type TalkdeskFault, type TalkdeskFaultScope } from './talkdesk-simulator-faults.js';
import { parseTalkdeskTime } from './talkdesk-wire.js';

export interface TalkdeskSimulatorOptions {
  account?: string;
  clock?: Clock;
  /** How many calls to seed, or the calls themselves. */
  calls?: number | TalkdeskWireCall[];
  seed?: number;
  spanDays?: number;
  /** Not Talkdesk's: splits a report file into pages of this many entries (`_links.next`), so tests reach many pages. */
  maxPageSize?: number | null;
  /** Requests per window on the report API; null: no limit. Talkdesk publishes none: this is the simulator's. */
  rateLimit?: { requests: number; windowSeconds: number } | null;
  /** How long a report job takes to be ready, on the simulator's clock. */
  processingMs?: number;
  /** Keep ending calls while running: one every `everyMs` from `epoch`. */
  live?: { epoch: Date; everyMs: number };
}

/** The OAuth client the simulator knows, and the switches tests flip on it. */
export interface SimulatedClient {
  clientId: string;
  clientSecret: string;
  revoked: boolean;
  /** `granted`; `missing`: never given (400 invalid_scope); `pending`: just added, refused with 401 until `pendingUntil`. */
  scope: 'granted' | 'missing' | 'pending';
  pendingUntil: number;
}

interface SimulatedJob {
  id: string;
  from: number;
  to: number;
  createdAt: number;
  readyAt: number;
  status: 'created' | 'processing' | 'done' | 'failed';
  entries: TalkdeskWireCall[];
}

const TOKEN_LIFETIME_S = 600;
const MAX_SPAN_MS = 31 * 86_400_000;
const JOBS = '/data/reports/calls/jobs';
const FILES = '/data/reports/calls/files';
const STORAGE = '/_storage/td-explore-reports/';

/**
 * A Talkdesk account's Explore API over real HTTP: the account's token endpoint (client
 * credentials, 10-minute tokens, invalid_client / invalid_scope / a scope still propagating), and
 * the calls report — create a job (at most a month, `from` included, `to` left out, scoped by
 * `end_at`), its status until done (then a 303 to the file), the file (a 303 to a presigned storage
 * address that refuses an Authorization header), and the list of recent jobs. Talkdesk's error
 * bodies; an (invented) request budget with 429 + Retry-After; faults, failing and expiring jobs.
 */
export class TalkdeskSimulator {
  readonly account: string;
  readonly clock: Clock;
  readonly client: SimulatedClient;
  readonly calls = new Map<string, TalkdeskWireCall>();
  readonly jobs = new Map<string, SimulatedJob>();
  readonly stats = { requests: 0, pagedRequests: 0, throttled: 0, tokens: 0, jobsCreated: 0, statusChecks: 0, byStatus: {} as Record<string, number> };
  readonly faults = new FaultQueue<TalkdeskFault, TalkdeskFaultScope>('file');
  maxPageSize: number | null;
  rateLimit: { requests: number; windowSeconds: number } | null;
  processingMs: number;
  readonly #tokens = new Map<string, number>();
  readonly #storage = new Map<string, { jobId: string; page: number; expiresAt: number; fault: TalkdeskFault | null }>();
  readonly #server: SimulatorServer<TalkdeskFault, TalkdeskFaultScope>;
  readonly #faultAnswers: FaultAnswers<TalkdeskFault>;
  readonly #window: RateWindow;
  readonly #random: SeededRandom;
  readonly #live: TalkdeskSimulatorOptions['live'];
  #next: number;
  #liveDone = 0;

  constructor(options: TalkdeskSimulatorOptions = {}) {
    this.account = options.account ?? 'acme';
    this.clock = options.clock ?? systemClock;
    this.maxPageSize = options.maxPageSize ?? null;
    this.rateLimit = options.rateLimit === undefined ? { requests: 60, windowSeconds: 60 } : options.rateLimit;
    this.processingMs = options.processingMs ?? 20_000;
    this.#random = new SeededRandom((options.seed ?? 1) * 53 + 7);
    this.client = { clientId: `intake-${this.account}`, clientSecret: randomBytes(18).toString('base64url'), revoked: false, scope: 'granted', pendingUntil: 0 };
    const seeded = startingRecords(options.calls, (count) => generateCalls({ count, now: this.clock.now(), spanDays: options.spanDays, seed: options.seed }, 10 * 60_000));
    for (const call of seeded) this.calls.set(call.call_id, call);
    this.#next = seeded.length + 1;
    this.#live = options.live;
    this.#window = new RateWindow(this.clock);
    this.#server = new SimulatorServer({
      stats: this.stats,
      handle: (req, res, url) => this.#handle(req, res, url),
      controls: {
        state: () => ({ account: this.account, calls: this.calls.size, jobs: this.jobs.size, stats: this.stats, faults: this.faults.active, now: this.clock.now().toISOString() }),
        mutate: (counts) => this.mutate(counts as { creates?: number; surveys?: number }),
        faults: this.faults,
        clearFaults: () => this.clearFaults(),
        revoke: () => this.revoke(),
      },
      headers: (res) => res.setHeader('x-request-id', randomBytes(16).toString('hex')),
      internalError: (res, error) => this.#server.json(res, 500, { code: '0000500', message: 'Internal Server Error', description: String(error) }),
    });
    this.#faultAnswers = talkdeskFaultAnswers(this.#server, () => [...this.calls.values()].slice(0, 20), () => {
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

  credentials(): { clientId: string; clientSecret: string } {
    return { clientId: this.client.clientId, clientSecret: this.client.clientSecret };
  }

  /** The client is deleted (or its secret regenerated): tokens stop working, new ones are refused. */
  revoke(): void {
    this.client.revoked = true;
    this.#tokens.clear();
  }

  /** Every access token stops working before its 10 minutes are up (a secret rotated, a clock apart). */
  expireTokens(): void {
    this.#tokens.clear();
  }

  injectFault(fault: TalkdeskFault, scope: TalkdeskFaultScope = 'file', options?: { afterPagedRequests?: number }): void {
    this.faults.inject(fault, scope, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ---- calls --------------------------------------------------------------------------------

  /** A call that ends now; `dataStatus` other than "Valid" while Talkdesk still computes its data. */
  endCall(dataStatus = 'Valid', durationS = 120): TalkdeskWireCall {
    const now = this.clock.now().getTime();
    const call = makeCall(this.#random, this.#next++, now - durationS * 1000, now, dataStatus);
    this.calls.set(call.call_id, call);
    return call;
  }

  /** The caller answers the CSAT survey now: the entry changes long after the call ended. */
  answerSurvey(id: string, score = 5): TalkdeskWireCall {
    return this.#update(id, { csat_score: score, csat_survey_time: isoSeconds(this.clock.now().getTime()) });
  }

  /** Talkdesk finishes computing the call's figures. */
  validate(id: string): TalkdeskWireCall {
    return this.#update(id, { data_status: 'Valid', disposition_code: 'Resolved' });
  }

  mutate(counts: { creates?: number; surveys?: number }): string[] {
    const touched: string[] = [];
    for (let i = 0; i < (counts.creates ?? 0); i += 1) touched.push(this.endCall().call_id);
    const all = [...this.calls.keys()];
    for (let i = 0; i < (counts.surveys ?? 0) && all.length > 0; i += 1) touched.push(this.answerSurvey(this.#random.pick(all), this.#random.int(1, 5)).call_id);
    return touched;
  }

  #update(id: string, patch: Partial<TalkdeskWireCall>): TalkdeskWireCall {
    const current = this.calls.get(id);
    if (!current) throw new Error(`call ${id} does not exist`);
    const call = { ...current, ...patch };
    this.calls.set(id, call);
    return call;
  }

  #advanceLive(): void {
    if (!this.#live) return;
    const due = Math.floor((this.clock.now().getTime() - this.#live.epoch.getTime()) / this.#live.everyMs);
    for (; this.#liveDone < due; this.#liveDone += 1) this.endCall();
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    this.#advanceLive();
    if (url.pathname === '/oauth/token') return this.#token(req, res);
    if (url.pathname.startsWith(STORAGE)) return this.#storageGet(req, res, url);
    if (!url.pathname.startsWith('/data/')) return this.#server.json(res, 404, { code: '0000404', message: 'Not Found', description: 'The requested resource does not exist' });

    const file = req.method === 'GET' ? new RegExp(`^${FILES}/([^/]+)$`).exec(url.pathname) : null;
    const fileJob = file ? this.jobs.get(decodeURIComponent(file[1]!)) : undefined;
    const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
    const isPaged = Boolean(fileJob && fileJob.status === 'done' && this.#pageOf(fileJob, page).entries.length > 0);
    if (isPaged) this.stats.pagedRequests += 1;
    const fault = this.faults.take(isPaged, () => this.revoke());

    if (!this.#authorised(req)) return this.#server.json(res, 401, { code: '0000401', message: 'Unauthorized', description: 'Invalid or expired access token' });
    if (this.#throttle(res)) return;
    if (fault && (await answerWithFault(fault, res, this.#faultAnswers))) return;

    if (url.pathname === JOBS && req.method === 'POST') return this.#createJob(req, res, fault);
    if (url.pathname === JOBS && req.method === 'GET') return this.#listJobs(res);
    const status = req.method === 'GET' ? new RegExp(`^${JOBS}/([^/]+)$`).exec(url.pathname) : null;
    if (status) return this.#status(res, decodeURIComponent(status[1]!));
    if (file) return this.#file(req, res, fileJob, page, fault);
    this.#server.json(res, 404, { code: '0000404', message: 'Not Found', description: 'The requested resource does not exist' });
  }

  async #token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.stats.tokens += 1;
    const form = new URLSearchParams(await readBody(req));
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    const [id, secret] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') : [form.get('client_id'), form.get('client_secret')];
    if (req.method !== 'POST') return this.#server.json(res, 405, { error: 'invalid_request', error_description: 'Use POST' });
    if (form.get('grant_type') !== 'client_credentials') return this.#server.json(res, 400, { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported' });
    if (id !== this.client.clientId || secret !== this.client.clientSecret || this.client.revoked) {
      return this.#server.json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (this.client.scope === 'missing') return this.#server.json(res, 400, { error: 'invalid_scope', error_description: 'The requested scope is invalid, unknown, or malformed' });
    if (this.client.scope === 'pending' && this.clock.now().getTime() < this.client.pendingUntil) {
      return this.#server.json(res, 401, { error: 'access_denied', error_description: 'The client is not authorized to request these scopes' });
    }
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, this.clock.now().getTime() + TOKEN_LIFETIME_S * 1000);
    this.#server.json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S, scope: form.get('scope') ?? 'data-reports:read data-reports:write' });
  }

  #authorised(req: IncomingMessage): boolean {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    const expiresAt = bearer ? this.#tokens.get(bearer[1]!) : undefined;
    return expiresAt !== undefined && this.clock.now().getTime() < expiresAt;
  }

  async #createJob(req: IncomingMessage, res: ServerResponse, fault: TalkdeskFault | null): Promise<void> {
    let body: { format?: unknown; timespan?: { from?: unknown; to?: unknown } };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch {
      return this.#server.json(res, 400, { code: '0000400', message: 'Bad Request', description: 'The body is not valid JSON', fields: [] });
    }
    const from = typeof body.timespan?.from === 'string' ? parseTalkdeskTime(body.timespan.from) : Number.NaN;
    const to = typeof body.timespan?.to === 'string' ? parseTalkdeskTime(body.timespan.to) : Number.NaN;
    const fields: { name: string; description: string }[] = [];
    if (!['json', 'csv', 'json_bulk'].includes(String(body.format))) fields.push({ name: 'format', description: 'must be one of csv, json, json_bulk' });
    if (!Number.isFinite(from)) fields.push({ name: 'timespan.from', description: 'must be a date time' });
    if (!Number.isFinite(to)) fields.push({ name: 'timespan.to', description: 'must be a date time' });
    if (fields.length === 0 && !(from < to)) fields.push({ name: 'timespan', description: 'from must be before to' });
    if (fields.length === 0 && to - from > MAX_SPAN_MS) fields.push({ name: 'timespan', description: 'the timespan cannot exceed one month' });
    if (fields.length > 0) return this.#server.json(res, 400, { code: '0000400', message: 'Bad Request', description: 'Invalid request body', fields });

    const now = this.clock.now().getTime();
    const id = randomBytes(12).toString('hex');
    const entries = [...this.calls.values()]
      .filter((c) => Date.parse(c.end_at) >= from && Date.parse(c.end_at) < to)
      .sort((a, b) => Date.parse(a.end_at) - Date.parse(b.end_at) || a.call_id.localeCompare(b.call_id));
    // An empty report is ready at once; one with calls takes `processingMs`.
    const readyAt = now + (entries.length > 0 ? this.processingMs : 0);
    const job: SimulatedJob = { id, from, to, createdAt: now, readyAt, status: readyAt > now ? 'created' : 'done', entries };
    if (fault?.kind === 'job_failed') job.status = 'failed';
    this.jobs.set(id, job);
    this.stats.jobsCreated += 1;
    if (fault?.kind === 'job_expired') this.jobs.delete(id);
    this.#server.json(res, 202, { job: this.#jobJson(job) });
  }

  #status(res: ServerResponse, id: string): void {
    this.stats.statusChecks += 1;
    const job = this.jobs.get(id);
    if (!job) return this.#server.json(res, 404, { code: '0000404', message: 'Not Found', description: `Job ${id} not found` });
    this.#progress(job);
    if (job.status === 'done') {
      res.setHeader('location', `${FILES}/${id}`);
      return this.#server.json(res, 303, { job: this.#jobJson(job) });
    }
    this.#server.json(res, 200, { job: this.#jobJson(job) });
  }

  #file(req: IncomingMessage, res: ServerResponse, job: SimulatedJob | undefined, page: number, fault: TalkdeskFault | null): void {
    if (job) this.#progress(job);
    if (!job || job.status !== 'done') return this.#server.json(res, 404, { code: '0000404', message: 'Not Found', description: 'The report file does not exist' });
    const signature = randomBytes(16).toString('hex');
    this.#storage.set(signature, { jobId: job.id, page, expiresAt: this.clock.now().getTime() + 60_000, fault });
    res.setHeader('location', `http://${req.headers.host}${STORAGE}${job.id}.json?X-Amz-Signature=${signature}`);
    this.#server.send(res, 303, 'text/plain', '');
  }

  /** The presigned address: no Authorization header (S3 refuses two ways of authenticating), valid a minute. */
  #storageGet(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const grant = this.#storage.get(url.searchParams.get('X-Amz-Signature') ?? '');
    if (req.headers.authorization) return this.#server.send(res, 400, 'application/xml', '<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>');
    const job = grant ? this.jobs.get(grant.jobId) : undefined;
    if (!grant || !job || grant.expiresAt < this.clock.now().getTime()) return this.#server.send(res, 403, 'application/xml', '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    const { entries, more } = this.#pageOf(job, grant.page);
    const body = {
      type: 'calls',
      version: 'v1',
      entries: entries.map((e) => renameField(e, grant.fault)),
      total: job.entries.length,
      ...(more ? { _links: { next: { href: `${FILES}/${job.id}?page=${grant.page + 1}` } } } : {}),
    };
    this.#server.json(res, 200, body);
  }

  #listJobs(res: ServerResponse): void {
    const jobs = [...this.jobs.values()].slice(-50).reverse();
    jobs.forEach((j) => this.#progress(j));
    this.#server.json(res, 200, { total: jobs.length, page: 1, per_page: 50, _embedded: { jobs: jobs.map((j) => this.#jobJson(j)) } });
  }

  #pageOf(job: SimulatedJob, page: number): { entries: TalkdeskWireCall[]; more: boolean } {
    if (!this.maxPageSize) return { entries: page === 1 ? job.entries : [], more: false };
    const start = (page - 1) * this.maxPageSize;
    return { entries: job.entries.slice(start, start + this.maxPageSize), more: job.entries.length > start + this.maxPageSize };
  }

  #progress(job: SimulatedJob): void {
    if (job.status === 'failed' || job.status === 'done') return;
    const now = this.clock.now().getTime();
    job.status = now >= job.readyAt ? 'done' : now >= job.createdAt + (job.readyAt - job.createdAt) / 2 ? 'processing' : 'created';
  }

  #jobJson(job: SimulatedJob): Record<string, unknown> {
    return {
      id: job.id,
      name: 'Intake calls',
      timezone: 'UTC',
      status: job.status,
      format: 'json',
      timespan: { from: isoSeconds(job.from).slice(0, 19), to: isoSeconds(job.to).slice(0, 19) },
      _links: { self: { href: `${JOBS}/${job.id}` }, files: { href: `${FILES}/${job.id}` } },
    };
  }

  #throttle(res: ServerResponse): boolean {
    if (!this.rateLimit) return false;
    const window = this.#window.take({ units: this.rateLimit.requests, windowSeconds: this.rateLimit.windowSeconds });
    if (window.allowed) return false;
    this.stats.throttled += 1;
    res.setHeader('retry-after', String(window.secondsLeft));
    this.#server.json(res, 429, { code: '0000429', message: 'Too Many Requests', description: 'Rate limit exceeded' });
    return true;
  }
}

export { callId };
