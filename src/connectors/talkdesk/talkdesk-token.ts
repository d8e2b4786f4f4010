import type { Clock } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import { timeOfDay } from '../budget-limits.js';
import type { SourceHttpClient } from '../source-http-client.js';
import { talkdeskTokenUrl, type TalkdeskConnection, type TalkdeskCredentials } from './talkdesk-connection.js';
import { talkdeskTokenProfile } from './talkdesk-profile.js';
import { talkdeskTokenSchema, TALKDESK_SCOPES } from './talkdesk-wire.js';

/** Talkdesk's tokens last 10 minutes; one is renewed this long before it runs out. */
const RENEW_BEFORE_MS = 60_000;
const DEFAULT_LIFETIME_S = 600;

export interface TokenTuning {
  /** How long a 401 at the token endpoint (a scope not yet effective) is retried before it is reported. */
  scopeWaitMs: number;
  /** Between those retries. */
  scopeRetryMs: number;
}

export const DEFAULT_TOKEN_TUNING: TokenTuning = { scopeWaitMs: 5 * 60_000, scopeRetryMs: 30_000 };

/**
 * The access token of one connector: asked for with the client-credentials grant, kept until a
 * minute before it expires, and asked for again after an API 401 (`invalidate`).
 */
export class TalkdeskToken {
  #token: { value: string; renewAt: number } | null = null;
  #pending: Promise<string> | null = null;

  constructor(
    private readonly connection: TalkdeskConnection,
    private readonly credentials: TalkdeskCredentials,
    private readonly http: SourceHttpClient,
    private readonly clock: Clock,
    private readonly tuning: TokenTuning = DEFAULT_TOKEN_TUNING,
  ) {}

  /** A valid access token, requested when none is held or it is about to expire. */
  async get(signal?: AbortSignal): Promise<string> {
    if (this.#token && this.clock.now().getTime() < this.#token.renewAt) return this.#token.value;
    this.#pending ??= this.#request(signal).finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /** The API refused the token: the next `get` asks for a new one. */
  invalidate(): void {
    this.#token = null;
  }

  async #request(signal?: AbortSignal): Promise<string> {
    const began = this.clock.now().getTime();
    for (;;) {
      try {
        const response = await this.http.request(talkdeskTokenProfile, {
          method: 'POST',
          url: talkdeskTokenUrl(this.connection),
          headers: { authorization: `Basic ${Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64')}` },
          body: new URLSearchParams({ grant_type: 'client_credentials', scope: TALKDESK_SCOPES.join(' ') }),
          budgetKey: `talkdesk:${this.connection.account}:token`,
          signal,
        });
        const token = talkdeskTokenSchema.safeParse(response.body);
        if (!token.success) {
          throw new SourceError('api_changed', "Talkdesk's token response does not match its documented format: `access_token` is missing. Contact support with this run id.", { field: 'access_token' });
        }
        const lifetimeMs = (token.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
        const now = this.clock.now().getTime();
        this.#token = { value: token.data.access_token, renewAt: now + Math.max(lifetimeMs - RENEW_BEFORE_MS, lifetimeMs / 2) };
        return token.data.access_token;
      } catch (error) {
        if (!(error instanceof SourceError && error.detail.scopePending === true)) throw error;
        const waited = this.clock.now().getTime() - began;
        if (waited + this.tuning.scopeRetryMs > this.tuning.scopeWaitMs) throw scopeNotEffective(error, waited);
        const until = new Date(this.clock.now().getTime() + this.tuning.scopeRetryMs);
        await this.http.pause(
          {
            kind: 'backoff',
            until,
            reason: `Talkdesk refused a token with the scope data-reports:read (401): a scope just added to the OAuth client takes a few minutes to work — next try at ${timeOfDay(until)}`,
          },
          signal,
        );
      }
    }
  }
}

function scopeNotEffective(error: SourceError, waitedMs: number): SourceError {
  const minutes = Math.max(1, Math.round(waitedMs / 60_000));
  return new SourceError(
    'forbidden',
    `Talkdesk kept refusing a token with the scope data-reports:read for ${minutes} min (401${error.detail.platformCode ? ` ${String(error.detail.platformCode)}` : ''}). In Talkdesk Admin › API, check that the OAuth client has the scopes ${TALKDESK_SCOPES.join(' and ')} and the client-credentials grant; a scope just added can take a few minutes more, and the next run tries again.`,
    { ...error.detail, scope: 'data-reports:read', waitedMs },
    { cause: error },
  );
}
