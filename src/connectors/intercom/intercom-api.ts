import type { Clock } from '../../core/ports.js';
import type { SourceHttpClient, SourceResponse } from '../source-http-client.js';
import { intercomBaseUrl, type IntercomConnection, type IntercomCredentials } from './intercom-connection.js';
import { intercomProfile } from './intercom-profile.js';

/**
 * The API version Intake speaks. Every field it reads is documented, and checked against real
 * responses, in 2.11; later versions (2.14 added deletion) keep them.
 */
export const INTERCOM_API_VERSION = '2.11';

export interface IntercomApi {
  get(path: string, query?: Record<string, string>, signal?: AbortSignal): Promise<SourceResponse>;
  post(path: string, body: unknown, signal?: AbortSignal): Promise<SourceResponse>;
}

/** Authenticated calls to one workspace's API, all drawing from the workspace's one rate budget. */
export function createIntercomApi(context: { connection: IntercomConnection; credentials: IntercomCredentials; http: SourceHttpClient; clock: Clock }): IntercomApi {
  const { connection, credentials, http, clock } = context;
  const base = intercomBaseUrl(connection);
  const profile = intercomProfile(connection.region, base.host, clock);
  const headers = { authorization: `Bearer ${credentials.accessToken}`, 'intercom-version': INTERCOM_API_VERSION };
  // Intercom meters per app and per workspace; one budget per workspace keeps every integration on it within both.
  const budgetKey = `intercom:${connection.workspaceId ?? `unverified-${connection.region}`}`;
  const url = (path: string, query: Record<string, string> = {}) => {
    const u = new URL(path, base);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u;
  };
  return {
    get: (path, query, signal) => http.request(profile, { url: url(path, query), headers, budgetKey, signal }),
    post: (path, body, signal) => http.request(profile, { method: 'POST', url: url(path), headers, body, budgetKey, signal }),
  };
}
