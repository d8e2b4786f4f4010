import type { Clock } from '../core/ports.js';
import { SourceError, type SourceErrorDetail } from '../core/source-error.js';
import { BudgetLimits, timeOfDay } from './budget-limits.js';
import type { RateBudgets, RateLimitReading } from './rate-budget.js';
import type { SourceHostPolicy } from './source-host-policy.js';

/** What a connector tells the client about the platform it talks to. */
export interface PlatformProfile {
  /** Shown to users: "Zendesk". */
  displayName: string;
  isOfficialHost(hostname: string): boolean;
  /** The platform's rate-limit headers, or null when a response carries none. */
  readRateLimit(headers: Headers, now: Date): RateLimitReading | null;
  /** When a 429 says to come back (Retry-After, or the platform's reset header). */
  retryAt(headers: Headers, now: Date): Date | null;
  /** Turns a non-2xx, non-429, non-5xx answer into a classified error with an admin-readable message. */
  classifyError(response: { status: number; body: unknown; headers: Headers; detail: SourceErrorDetail }): SourceError;
  /** The response header carrying the platform's request id, for support. */
  requestIdHeader: string;
}

export interface SourceRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  body?: unknown;
  /** The rate budget this request draws from; shared by all runs on one source account. */
  budgetKey: string;
  signal?: AbortSignal;
  /** A 3xx is returned (Location in its headers) for the connector to follow, instead of classified. */
  returnRedirects?: boolean;
}

export interface SourceResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Why a request is held back before it goes out, and until when (see RunWait). */
export interface SourceWait {
  kind: 'budget' | 'retry_after' | 'backoff' | 'report';
  since: Date;
  until: Date;
  /** In words, naming the platform and its limit: "Zendesk allows 10 requests a minute — next request at 08:14:20 UTC". */
  reason: string;
}

/** Counts what a run costs at the source; also feeds the metrics. */
export interface SourceRequestObserver {
  onResponse?(info: { platform: string; status: number | 'network_error'; durationMs: number }): void;
  onRateLimitWait?(info: { platform: string; waitedMs: number; reason: 'pacing' | 'retry_after' }): void;
  /** A wait a user would notice begins (a wait), or ends (null). */
  onWait?(wait: SourceWait | null): void;
}

export interface SourceHttpClientOptions {
  clock: Clock;
  budgets: RateBudgets;
  hostPolicy: SourceHostPolicy;
  /** Per request, connecting and reading the whole body. */
  timeoutMs?: number;
  /** Attempts for transient failures (network, timeout, 5xx) per request. */
  maxAttempts?: number;
  /** First backoff; doubles per attempt, with full jitter. */
  backoffBaseMs?: number;
  /** A 429 asking for a longer wait than this ends the run `rate_limited` instead of waiting. */
  maxRateLimitWaitMs?: number;
  /** Bodies above this size are refused as api_changed (a source never sends pages this big). */
  maxBodyBytes?: number;
  observer?: SourceRequestObserver;
  fetch?: typeof fetch;
  random?: () => number;
  /** Shared by the clients derived from one another (withObserver). */
  limits?: BudgetLimits;
  /** The share of each rate budget this client's requests may use (a backfill's: the rest stays for scheduled runs). */
  budgetShare?: number;
}

/** Shorter waits are not worth showing: the run is, to a person, not waiting. */
const VISIBLE_WAIT_MS = 1000;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The one HTTP client every connector uses: host allow-list, timeouts, pacing from the platform's
 * rate-limit headers, Retry-After, bounded retries with backoff and jitter, and classification of
 * every failure into the error categories (docs/architecture.md, "Errors").
 */
export class SourceHttpClient {
  readonly #o: Required<Omit<SourceHttpClientOptions, 'observer' | 'fetch' | 'random'>> & Pick<SourceHttpClientOptions, 'observer'>;
  readonly #fetch: typeof fetch;
  readonly #random: () => number;

  constructor(options: SourceHttpClientOptions) {
    this.#o = {
      timeoutMs: 30_000,
      maxAttempts: 4,
      backoffBaseMs: 500,
      maxRateLimitWaitMs: 60_000,
      maxBodyBytes: 64 * 1024 * 1024,
      limits: new BudgetLimits(),
      budgetShare: 1,
      ...options,
    };
    this.#fetch = options.fetch ?? fetch;
    this.#random = options.random ?? Math.random;
  }

  /** The same client reporting to one more observer (a run's own counters). */
  withObserver(observer: SourceRequestObserver): SourceHttpClient {
    const parent = this.#o.observer;
    return new SourceHttpClient({
      ...this.#o,
      fetch: this.#fetch,
      random: this.#random,
      observer: {
        onResponse: (info) => {
          parent?.onResponse?.(info);
          observer.onResponse?.(info);
        },
        onRateLimitWait: (info) => {
          parent?.onRateLimitWait?.(info);
          observer.onRateLimitWait?.(info);
        },
        onWait: (wait) => {
          parent?.onWait?.(wait);
          observer.onWait?.(wait);
        },
      },
    });
  }

  /** The same client drawing at most `share` of each rate budget (background work such as a backfill). */
  withBudgetShare(share: number): SourceHttpClient {
    return new SourceHttpClient({ ...this.#o, budgetShare: share, fetch: this.#fetch, random: this.#random });
  }

  /** The same client under another host policy (the sandbox's own simulator address). */
  withHostPolicy(hostPolicy: SourceHostPolicy): SourceHttpClient {
    return new SourceHttpClient({ ...this.#o, hostPolicy, fetch: this.#fetch, random: this.#random });
  }

  async request(profile: PlatformProfile, req: SourceRequest): Promise<SourceResponse> {
    const { clock, budgets } = this.#o;
    await this.#o.hostPolicy.assertAllowed(req.url, (h) => profile.isOfficialHost(h), profile.displayName);
    const method = req.method ?? 'GET';
    const baseDetail: SourceErrorDetail = { method, path: `${req.url.pathname}${req.url.search}` };
    let transientFailures = 0;
    let throttled = 0;

    for (;;) {
      const share = this.#o.budgetShare;
      const paced = await budgets.waitFor(req.budgetKey, share);
      if (paced > this.#o.maxRateLimitWaitMs) throw this.#rateLimited(profile, new Date(clock.now().getTime() + paced), baseDetail);
      const waited = await this.#waiting(paced >= VISIBLE_WAIT_MS ? this.#budgetWait(profile, req.budgetKey, paced) : null, () =>
        budgets.acquire(req.budgetKey, req.signal, share),
      );
      if (waited > 0) this.#o.observer?.onRateLimitWait?.({ platform: profile.displayName, waitedMs: waited, reason: 'pacing' });

      const started = clock.now().getTime();
      let response: Response;
      let text: string;
      const timeout = AbortSignal.timeout(this.#o.timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      try {
        response = await this.#fetch(req.url, {
          method,
          // A URLSearchParams body goes as a form (an OAuth token request), a string as given (its
          // content type in req.headers), anything else as JSON.
          headers: { accept: 'application/json', ...(req.body === undefined || req.body instanceof URLSearchParams ? {} : { 'content-type': 'application/json' }), ...req.headers },
          body: req.body === undefined ? undefined : typeof req.body === 'string' || req.body instanceof URLSearchParams ? req.body : JSON.stringify(req.body),
          signal,
          // A redirect is an answer to classify (an account moved or gone), never to follow with credentials.
          redirect: 'manual',
        });
        text = await readBody(response, this.#o.maxBodyBytes);
      } catch (error) {
        budgets.release(req.budgetKey);
        if (req.signal?.aborted) throw req.signal.reason ?? error;
        this.#o.observer?.onResponse?.({ platform: profile.displayName, status: 'network_error', durationMs: clock.now().getTime() - started });
        if (error instanceof SourceError) throw error;
        const failure = networkFailure(profile, error, timeout.aborted, this.#o.timeoutMs, baseDetail);
        transientFailures += 1;
        if (transientFailures >= this.#o.maxAttempts) throw failure;
        await this.#backoff(transientFailures, req.signal, `${profile.displayName} ${networkProblem(error, timeout.aborted)}`);
        continue;
      }
      this.#o.observer?.onResponse?.({ platform: profile.displayName, status: response.status, durationMs: clock.now().getTime() - started });

      const now = clock.now();
      const reading = profile.readRateLimit(response.headers, now);
      if (reading) {
        await budgets.observe(req.budgetKey, reading);
        this.#o.limits.note(req.budgetKey, reading, now);
      }
      budgets.release(req.budgetKey);
      const requestId = response.headers.get(profile.requestIdHeader) ?? undefined;
      const detail: SourceErrorDetail = { ...baseDetail, status: response.status, ...(requestId ? { requestId } : {}) };

      if (response.status === 429) {
        throttled += 1;
        const retryAt = profile.retryAt(response.headers, now) ?? reading?.resetAt ?? new Date(now.getTime() + 60_000);
        const wait = retryAt.getTime() - now.getTime();
        if (wait > this.#o.maxRateLimitWaitMs || throttled > this.#o.maxAttempts) throw this.#rateLimited(profile, retryAt, detail);
        await budgets.blockUntil(req.budgetKey, retryAt);
        this.#o.limits.block(req.budgetKey, retryAt);
        const before = clock.now().getTime();
        const limit = this.#o.limits.words(req.budgetKey);
        const reason = `${profile.displayName} answered 429 Too Many Requests${limit ? ` (it allows ${limit})` : ''} and asked Intake to wait ${Math.ceil(wait / 1000)} s — next request at ${timeOfDay(retryAt)}`;
        await this.#waiting(wait >= VISIBLE_WAIT_MS ? { kind: 'retry_after', since: now, until: retryAt, reason } : null, () => clock.sleep(Math.max(0, wait), req.signal));
        this.#o.observer?.onRateLimitWait?.({ platform: profile.displayName, waitedMs: clock.now().getTime() - before, reason: 'retry_after' });
        continue;
      }
      if (response.status >= 500) {
        transientFailures += 1;
        const failure = new SourceError(
          'source_error',
          `${profile.displayName} had a server error (${response.status}). Intake retried ${transientFailures} time(s); the next run picks up where this one stopped.`,
          detail,
        );
        if (transientFailures >= this.#o.maxAttempts) throw failure;
        await this.#backoff(transientFailures, req.signal, `${profile.displayName} had a server error (${response.status})`);
        continue;
      }
      if (req.returnRedirects && response.status >= 300 && response.status < 400) return { status: response.status, headers: response.headers, body: null };
      if (response.status >= 200 && response.status < 300) {
        return { status: response.status, headers: response.headers, body: parseJson(text, response, profile, detail) };
      }
      // Error bodies vary (JSON, text, an HTML page): read what can be read, then classify.
      throw profile.classifyError({ status: response.status, body: parseLenient(text), headers: response.headers, detail });
    }
  }

  #rateLimited(profile: PlatformProfile, resumeAt: Date, detail: SourceErrorDetail): SourceError {
    const at = resumeAt.toISOString().slice(11, 16);
    return new SourceError(
      'rate_limited',
      `Rate limited by ${profile.displayName} — resumes at ${at} UTC. Nothing is lost: the next run continues from where this one stopped.`,
      { ...detail, resumeAt: resumeAt.toISOString() },
      { resumeAt },
    );
  }

  async #backoff(attempt: number, signal: AbortSignal | undefined, problem: string): Promise<void> {
    const ceiling = this.#o.backoffBaseMs * 2 ** (attempt - 1);
    const ms = Math.round(ceiling / 2 + (this.#random() * ceiling) / 2);
    const since = this.#o.clock.now();
    const until = new Date(since.getTime() + ms);
    const reason = `${problem} — retry ${attempt} of ${this.#o.maxAttempts - 1} at ${timeOfDay(until)}`;
    await this.#waiting(ms >= VISIBLE_WAIT_MS ? { kind: 'backoff', since, until, reason } : null, () => this.#o.clock.sleep(ms, signal));
  }

  /**
   * A connector's own wait, shown on the run like the client's: e.g. while a platform prepares a
   * report (`kind: 'report'`, "waiting for Genesys to prepare the report, 2 min"). Sleeps until
   * `wait.until` (or the signal), telling the run when it begins and ends.
   */
  async pause(wait: Omit<SourceWait, 'since'>, signal?: AbortSignal): Promise<void> {
    const since = this.#o.clock.now();
    const ms = Math.max(0, wait.until.getTime() - since.getTime());
    await this.#waiting(ms >= VISIBLE_WAIT_MS ? { ...wait, since } : null, () => this.#o.clock.sleep(ms, signal));
  }

  /** Runs `work` (a wait) with the observer told when it begins and ends. */
  async #waiting<T>(wait: SourceWait | null, work: () => Promise<T>): Promise<T> {
    if (!wait) return work();
    this.#o.observer?.onWait?.(wait);
    try {
      return await work();
    } finally {
      this.#o.observer?.onWait?.(null);
    }
  }

  #budgetWait(profile: PlatformProfile, key: string, ms: number): SourceWait {
    const since = this.#o.clock.now();
    const until = new Date(since.getTime() + ms);
    // Another request on this account met a 429 and the budget waits out its Retry-After.
    if (this.#o.limits.isBlocked(key, until)) {
      return { kind: 'retry_after', since, until, reason: `${profile.displayName} answered 429 Too Many Requests on this account and asked Intake to wait — next request at ${timeOfDay(until)}` };
    }
    const limit = this.#o.limits.words(key);
    const reason = limit
      ? `${profile.displayName} allows ${limit} — next request at ${timeOfDay(until)}`
      : `${profile.displayName}'s rate limit is used up for now — next request at ${timeOfDay(until)}`;
    return { kind: 'budget', since, until, reason };
  }
}

async function readBody(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new SourceError('api_changed', `The source sent a response of ${declared} bytes, more than Intake accepts (${maxBytes}).`);
  return response.text();
}

/** "could not be reached (connection reset)": a network failure in words, for a retry's wait. */
function networkProblem(error: unknown, timedOut: boolean): string {
  const code = errorCode(error);
  if (timedOut || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'did not answer in time';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'could not be found (DNS)';
  if (code === 'ECONNREFUSED') return 'could not be reached (connection refused)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'could not be reached (connection reset)';
  return 'could not be reached';
}

function networkFailure(profile: PlatformProfile, error: unknown, timedOut: boolean, timeoutMs: number, detail: SourceErrorDetail): SourceError {
  const code = errorCode(error);
  if (timedOut || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new SourceError('unreachable', `${profile.displayName} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}. Intake will retry on the next run.`, { ...detail, network: 'timeout' }, { cause: error });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SourceError('unreachable', `${profile.displayName}'s address could not be resolved (DNS). Check the account's address; Intake will retry on the next run.`, { ...detail, network: code }, { cause: error });
  }
  const known = code && NETWORK_CODES.has(code) ? code : 'network_error';
  return new SourceError(
    'unreachable',
    `${profile.displayName} could not be reached (${known === 'ECONNREFUSED' ? 'connection refused' : known === 'ECONNRESET' || known === 'UND_ERR_SOCKET' ? 'connection reset' : known}). Intake will retry on the next run.`,
    { ...detail, network: known },
    { cause: error },
  );
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parseJson(text: string, response: Response, profile: PlatformProfile, detail: SourceErrorDetail): unknown {
  const type = response.headers.get('content-type') ?? '';
  if (text.trim() === '') return null;
  if (/html/i.test(type) || /^\s*</.test(text)) {
    throw new SourceError(
      'api_changed',
      `${profile.displayName} answered with an HTML page instead of JSON (status ${response.status}): a maintenance page, a proxy in the way, or a changed API. Nothing from it was written; Intake checks again within the hour. If it persists, contact support with this run id.`,
      { ...detail, contentType: type },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SourceError(
      'api_changed',
      `${profile.displayName} sent a response that is not valid JSON (status ${response.status}, ${text.length} bytes${text.length > 0 ? ', cut off or malformed' : ''}). No record from it was written; Intake checks again within the hour. If it persists, contact support with this run id.`,
      { ...detail, contentType: type, bodyLength: text.length },
      { cause: error },
    );
  }
}
