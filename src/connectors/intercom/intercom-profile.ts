import type { Clock } from '../../core/ports.js';
import { SourceError, type ErrorCategory, type SourceErrorDetail } from '../../core/source-error.js';
import type { RateLimitReading } from '../rate-budget.js';
import type { PlatformProfile } from '../source-http-client.js';
import { INTERCOM_REGION_HOSTS, type IntercomRegion } from './intercom-connection.js';
import { intercomErrorListSchema } from './intercom-wire.js';

const OFFICIAL_HOSTS = new Set(Object.values(INTERCOM_REGION_HOSTS));
/** Intercom's rate-limit windows last ten seconds. */
const WINDOW_MS = 10_000;

export function isIntercomHost(hostname: string): boolean {
  return OFFICIAL_HOSTS.has(hostname);
}

function numberHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * X-RateLimit-Reset is a unix time on Intercom's clock. When ours disagrees so much that it looks
 * past, the window is taken to end one window from now, so a retry never spins on a stale reset.
 */
function resetAt(headers: Headers, now: Date): Date | null {
  const reset = numberHeader(headers, 'x-ratelimit-reset');
  if (reset === null) return null;
  const ms = reset * 1000;
  return new Date(ms > now.getTime() ? ms : now.getTime() + WINDOW_MS);
}

/** What each error.list code means for an integration, and what the admin should do. */
function explain(code: string | undefined, status: number, region: IntercomRegion, host: string): { category: ErrorCategory; message: string } {
  const regionHint = `or it belongs to a workspace in another region (this integration calls the ${region.toUpperCase()} host ${host})`;
  switch (code) {
    case 'token_revoked':
      return { category: 'auth_revoked', message: 'Intercom says the access token was revoked (token_revoked): the app was uninstalled or its token regenerated. Reconnect the integration with a new access token.' };
    case 'token_expired':
      return { category: 'auth_expired', message: 'Intercom says the access token expired (token_expired). Reconnect the integration to authorise Intake again.' };
    case 'token_blocked':
      return { category: 'forbidden', message: 'Intercom has blocked this app or access token (token_blocked). Ask Intercom support why, then reconnect with a token of an app in good standing.' };
    case 'token_unauthorized':
    case 'action_forbidden':
    case 'forbidden':
      return { category: 'forbidden', message: `Intercom refused access (${code}): the app behind this access token lacks a permission Intake needs (read conversations, admins and data attributes). Give the app those permissions in the Developer Hub, then reconnect.` };
    case 'api_plan_restricted':
      return { category: 'forbidden', message: "Intercom refused access (api_plan_restricted): the workspace's plan does not include this part of the API, or its subscription lapsed. An Intercom admin must restore the subscription; nothing is lost meanwhile." };
    case 'missing_authorization':
      return { category: 'auth_revoked', message: 'Intercom found no access token on the request (missing_authorization). Reconnect the integration with an access token.' };
    case 'unauthorized':
    case 'token_not_found':
      return { category: 'auth_revoked', message: `Intercom rejected the access token (${code}): it is wrong or was deleted, ${regionHint}. Check the region, or reconnect with a new access token.` };
    case 'intercom_version_invalid':
      return { category: 'api_changed', message: 'Intercom no longer serves the API version Intake asks for (intercom_version_invalid). Contact support: Intake needs an update.' };
  }
  if (status === 401) return { category: 'auth_revoked', message: `Intercom rejected the access token (401): it is wrong or was revoked, ${regionHint}. Check the region, or reconnect with a new access token.` };
  if (status === 403) return { category: 'forbidden', message: `Intercom refused access (403${code ? ` ${code}` : ''}): the app behind this token may not read conversations. Check its permissions in the Developer Hub, then reconnect.` };
  if (status === 404 || (status >= 300 && status < 400)) {
    return { category: 'not_found', message: `Intercom answered ${status} at ${host}: the address is wrong (check the region, or the base URL), or the workspace no longer exists.` };
  }
  if (status === 400 || status === 422) return { category: 'config', message: `Intercom refused Intake's request (${status}${code ? ` ${code}` : ''}). Contact support with this run id.` };
  return { category: 'source_error', message: `Intercom answered with an unexpected status ${status}. Intake will retry on the next run.` };
}

/** Builds the profile for one connection; `region` and `host` word the messages. */
export function intercomProfile(region: IntercomRegion, host: string, clock: Clock): PlatformProfile {
  return {
    displayName: 'Intercom',
    requestIdHeader: 'x-request-id',
    isOfficialHost: isIntercomHost,

    readRateLimit(headers: Headers, now: Date): RateLimitReading | null {
      const remaining = numberHeader(headers, 'x-ratelimit-remaining');
      const reset = resetAt(headers, now);
      if (remaining === null || reset === null) return null;
      return { limit: numberHeader(headers, 'x-ratelimit-limit'), remaining, resetAt: reset };
    },

    retryAt(headers: Headers, now: Date): Date | null {
      const seconds = numberHeader(headers, 'retry-after');
      if (seconds !== null) return new Date(now.getTime() + Math.max(0, seconds) * 1000);
      return resetAt(headers, now);
    },

    classifyError({ status, body, headers, detail }): SourceError {
      const list = intercomErrorListSchema.safeParse(body);
      const first = list.success ? list.data.errors[0] : undefined;
      const requestId = (list.success ? list.data.request_id : null) ?? detail.requestId;
      const withCode: SourceErrorDetail = {
        ...detail,
        ...(first ? { platformCode: first.code, ...(first.message ? { platformMessage: first.message } : {}) } : {}),
        ...(requestId ? { requestId } : {}),
      };
      const support = requestId ? ` (Intercom request id ${requestId})` : '';
      if (first?.code === 'rate_limit_exceeded') {
        const now = clock.now();
        const at = resetAt(headers, now) ?? new Date(now.getTime() + WINDOW_MS);
        return new SourceError('rate_limited', `Rate limited by Intercom (rate_limit_exceeded) — resumes at ${at.toISOString().slice(11, 16)} UTC. Nothing is lost: the next run continues from where this one stopped.`, { ...withCode, resumeAt: at.toISOString() }, { resumeAt: at });
      }
      const { category, message } = explain(first?.code, status, region, host);
      return new SourceError(category, `${message}${support}`, withCode);
    },
  };
}
