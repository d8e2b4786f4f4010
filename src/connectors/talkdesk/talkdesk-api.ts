import { SourceError } from '../../core/source-error.js';
import type { ConnectorContext } from '../platform.js';
import type { SourceResponse } from '../source-http-client.js';
import { talkdeskApiBase, type TalkdeskConnection, type TalkdeskCredentials } from './talkdesk-connection.js';
import { talkdeskApiProfile } from './talkdesk-profile.js';
import { TalkdeskToken, type TokenTuning } from './talkdesk-token.js';

/** How many redirects a download follows (status → file → presigned storage). */
const MAX_REDIRECTS = 4;

export interface TalkdeskApi {
  readonly base: URL;
  /** An authorised call to the report API; a 401 asks for a new token and tries once more. */
  request(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal, options?: { returnRedirects?: boolean }): Promise<SourceResponse>;
  /** Reads a report file, following redirects; the token goes to the API host only, never to storage. */
  download(path: string, signal?: AbortSignal): Promise<SourceResponse>;
}

export function createTalkdeskApi(context: ConnectorContext<TalkdeskConnection, TalkdeskCredentials>, tokenTuning?: TokenTuning): TalkdeskApi {
  const { connection, credentials, http, clock } = context;
  const base = talkdeskApiBase(connection);
  const token = new TalkdeskToken(connection, credentials, http, clock, tokenTuning);
  const budgetKey = `talkdesk:${connection.account}:api`;
  const isApi = (url: URL) => url.origin === base.origin && url.pathname.startsWith('/data/');

  async function authorised(method: 'GET' | 'POST', url: URL, body: unknown, signal: AbortSignal | undefined, returnRedirects: boolean): Promise<SourceResponse> {
    for (let attempt = 1; ; attempt += 1) {
      const bearer = await token.get(signal);
      try {
        return await http.request(talkdeskApiProfile, { method, url, headers: { authorization: `Bearer ${bearer}` }, body, budgetKey, signal, returnRedirects });
      } catch (error) {
        // A token can be refused before its 10 minutes are up (a clock apart, a secret rotated): ask once more.
        if (attempt === 1 && error instanceof SourceError && error.detail.status === 401) {
          token.invalidate();
          continue;
        }
        throw error;
      }
    }
  }

  return {
    base,
    request: (method, path, body, signal, options) => authorised(method, new URL(path, base), body, signal, options?.returnRedirects ?? false),

    async download(path, signal) {
      let url = new URL(path, base);
      for (let hop = 0; ; hop += 1) {
        const response = isApi(url)
          ? await authorised('GET', url, undefined, signal, true)
          : await http.request(talkdeskApiProfile, { url, budgetKey: `talkdesk:${connection.account}:storage`, signal, returnRedirects: true });
        if (response.status < 300 || response.status >= 400) return response;
        const location = response.headers.get('location');
        if (!location || hop >= MAX_REDIRECTS) {
          throw new SourceError('api_changed', `Talkdesk answered ${response.status} for a report file ${location ? `and redirected more than ${MAX_REDIRECTS} times` : 'without a Location header'}. Contact support with this run id.`, { status: response.status, path: url.pathname });
        }
        url = new URL(location, url);
      }
    },
  };
}
