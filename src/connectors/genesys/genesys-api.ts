import { SourceError } from '../../core/source-error.js';
import type { ConnectorContext } from '../platform.js';
import type { SourceResponse } from '../source-http-client.js';
import { genesysApiBaseUrl, genesysLoginBaseUrl, type GenesysConnection, type GenesysCredentials } from './genesys-connection.js';
import { GENESYS_NAME, genesysErrorCode, genesysProfile } from './genesys-profile.js';
import { genesysTokenSchema } from './genesys-wire.js';

/** A token is renewed this long before Genesys says it expires, so no request goes out with a dying one. */
const RENEW_BEFORE_MS = 5 * 60_000;

export interface GenesysApi {
  get(path: string, query?: Record<string, string | number>, signal?: AbortSignal): Promise<SourceResponse>;
  post(path: string, body: unknown, signal?: AbortSignal): Promise<SourceResponse>;
  delete(path: string, signal?: AbortSignal): Promise<SourceResponse>;
  /** Tokens fetched so far by this connector (tests: cached, renewed, refreshed on a 401). */
  readonly tokensFetched: number;
}

/**
 * Authenticated calls to one organization's API: a client-credentials token from the region's
 * login host, kept until shortly before it expires, and fetched again once when the API answers
 * 401 (a token revoked or expired early). A second 401 is the credentials' fault and is classified.
 */
export function createGenesysApi(context: ConnectorContext<GenesysConnection, GenesysCredentials>): GenesysApi {
  const { connection, credentials, http, clock } = context;
  const profile = genesysProfile(connection.region);
  const base = genesysApiBaseUrl(connection);
  const login = genesysLoginBaseUrl(connection);
  // Genesys meters requests per OAuth client (its tokens), not per host: one region serves many organizations.
  const budgetKey = `genesys:${base.host}:${credentials.clientId}`;
  let token: { value: string; renewAt: number } | null = null;
  let fetching: Promise<string> | null = null;
  let tokensFetched = 0;

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
    const response = await http.request(profile, {
      method: 'POST',
      url: new URL('/oauth/token', login),
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      budgetKey: `genesys-login:${login.host}:${credentials.clientId}`,
      signal,
    });
    const parsed = genesysTokenSchema.safeParse(response.body);
    if (!parsed.success) {
      throw new SourceError('api_changed', `${GENESYS_NAME}'s login host answered the token request without a usable access_token or expires_in. Contact support with this run id.`, { path: '/oauth/token', status: response.status });
    }
    tokensFetched += 1;
    const lifetimeMs = parsed.data.expires_in * 1000;
    // Short-lived tokens are renewed at half their life rather than 5 minutes before the end.
    token = { value: parsed.data.access_token, renewAt: clock.now().getTime() + Math.max(lifetimeMs / 2, lifetimeMs - RENEW_BEFORE_MS) };
    return token.value;
  }

  async function currentToken(signal?: AbortSignal): Promise<string> {
    if (token && clock.now().getTime() < token.renewAt) return token.value;
    // Concurrent calls (the run's read-ahead, the directory) share one token request.
    fetching ??= fetchToken(signal).finally(() => {
      fetching = null;
    });
    return fetching;
  }

  async function call(method: 'GET' | 'POST' | 'DELETE', path: string, query: Record<string, string | number>, body: unknown, signal?: AbortSignal): Promise<SourceResponse> {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    for (let attempt = 1; ; attempt += 1) {
      const bearer = await currentToken(signal);
      try {
        return await http.request(profile, { method, url, headers: { authorization: `Bearer ${bearer}` }, body, budgetKey, signal });
      } catch (error) {
        const refused = error instanceof SourceError && error.detail.status === 401;
        if (!refused || attempt > 1) throw error;
        // Expired or revoked early: one new token, then the answer stands.
        const code = genesysErrorCode({ code: error.detail.platformCode });
        if (code !== undefined && code !== 'bad.credentials' && code !== 'credentials.expired' && code !== 'authentication.required') throw error;
        if (token?.value === bearer) token = null;
      }
    }
  }

  return {
    get: (path, query = {}, signal) => call('GET', path, query, undefined, signal),
    post: (path, body, signal) => call('POST', path, {}, body, signal),
    delete: (path, signal) => call('DELETE', path, {}, undefined, signal),
    get tokensFetched() {
      return tokensFetched;
    },
  };
}
