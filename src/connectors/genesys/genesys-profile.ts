import { SourceError, type ErrorCategory, type SourceErrorDetail } from '../../core/source-error.js';
import type { RateLimitReading } from '../rate-budget.js';
import type { PlatformProfile } from '../source-http-client.js';
import { GENESYS_REGION_DOMAINS, type GenesysRegion } from './genesys-connection.js';
import { genesysErrorBodySchema } from './genesys-wire.js';

export const GENESYS_NAME = 'Genesys Cloud';
/** The permission the conversation details need; named in every message about a refusal. */
export const DETAIL_PERMISSION = 'analytics:conversationDetail:view';

const OFFICIAL_HOSTS = new Set(Object.values(GENESYS_REGION_DOMAINS).flatMap((domain) => [`api.${domain}`, `login.${domain}`]));

export function isGenesysHost(hostname: string): boolean {
  return OFFICIAL_HOSTS.has(hostname);
}

function numberHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const RECONNECT = 'Check the region, or reconnect the integration with the client id and secret of an OAuth client (Client Credentials grant) in this organization.';

/** What each ErrorBody code (or OAuth error) means for an integration, and what the admin should do. */
export function explainGenesysError(code: string | undefined, status: number, region: GenesysRegion): { category: ErrorCategory; message: string } {
  switch (code) {
    case 'invalid_client':
    case 'unauthorized_client':
      return { category: 'auth_revoked', message: `Genesys Cloud refused the OAuth client (${code}): the client id or secret is wrong, the client was deleted, or it lives in another region than ${region}. ${RECONNECT}` };
    case 'bad.credentials':
    case 'authentication.required':
      return { category: 'auth_revoked', message: `Genesys Cloud rejected Intake's access token even after a new one was fetched (${code}): the OAuth client was deleted or its secret changed. ${RECONNECT}` };
    case 'credentials.expired':
      return { category: 'auth_expired', message: `Genesys Cloud says the credentials expired (credentials.expired), and a fresh token was refused too. Reconnect the integration with the OAuth client's current secret (create a new one in Admin › Integrations › OAuth if it was rotated).` };
    case 'ip.not.authorized':
      return { category: 'forbidden', message: `Genesys Cloud refused the request from Intake's address (ip.not.authorized): the organization's IP address allowlist does not include it. Add Intake's outbound IP address in Admin › Security › IP Address Allowlist, then run again.` };
    case 'missing.permissions':
    case 'missing.any.permissions':
    case 'missing.division.permission':
    case 'not.authorized':
      return { category: 'forbidden', message: `Genesys Cloud refused access (${code}): the OAuth client's role lacks a permission Intake needs. Give the role ${DETAIL_PERMISSION} (conversation details), directory:user:view (agent names) and routing:wrapupCode:view (wrap-up codes) in Admin › Roles / Permissions, then run again.` };
    case 'bad.request':
    case 'invalid.value':
    case 'invalid.date':
      return { category: 'config', message: `Genesys Cloud refused Intake's request (${code}). Contact support with this run id.` };
  }
  if (status === 401) return { category: 'auth_revoked', message: `Genesys Cloud rejected the credentials (401). ${RECONNECT}` };
  if (status === 403) return { category: 'forbidden', message: `Genesys Cloud refused access (403${code ? ` ${code}` : ''}): the OAuth client's role may not read conversation details. Give it ${DETAIL_PERMISSION}, then run again.` };
  if (status === 404 || (status >= 300 && status < 400)) {
    return { category: 'not_found', message: `Genesys Cloud answered ${status}: the address is wrong (check the region, or the base URL).` };
  }
  if (status === 400 || status === 422) return { category: 'config', message: `Genesys Cloud refused Intake's request (${status}${code ? ` ${code}` : ''}). Contact support with this run id.` };
  return { category: 'source_error', message: `Genesys Cloud answered with an unexpected status ${status}. Intake will retry on the next run.` };
}

/** The error code of a refused answer: ErrorBody `code`, or the login host's OAuth `error`. */
export function genesysErrorCode(body: unknown): string | undefined {
  const parsed = genesysErrorBodySchema.safeParse(body);
  return parsed.success ? (parsed.data.code ?? parsed.data.error) : undefined;
}

/**
 * Genesys Cloud's profile for one connection. Rate-limit headers (`inin-ratelimit-count`,
 * `-allowed`, `-reset` in seconds) are read when present; a 429 says when to come back in
 * Retry-After (seconds) — long ones are the daily quotas, which end the run `rate_limited`.
 */
export function genesysProfile(region: GenesysRegion): PlatformProfile {
  return {
    displayName: GENESYS_NAME,
    requestIdHeader: 'inin-correlation-id',
    isOfficialHost: isGenesysHost,

    readRateLimit(headers: Headers, now: Date): RateLimitReading | null {
      const allowed = numberHeader(headers, 'inin-ratelimit-allowed');
      const count = numberHeader(headers, 'inin-ratelimit-count');
      const reset = numberHeader(headers, 'inin-ratelimit-reset');
      if (allowed === null || count === null || reset === null) return null;
      return { limit: allowed, remaining: Math.max(0, allowed - count), resetAt: new Date(now.getTime() + Math.max(0, reset) * 1000) };
    },

    retryAt(headers: Headers, now: Date): Date | null {
      const seconds = numberHeader(headers, 'retry-after');
      return seconds === null ? null : new Date(now.getTime() + Math.max(0, seconds) * 1000);
    },

    classifyError({ status, body, detail }): SourceError {
      const parsed = genesysErrorBodySchema.safeParse(body);
      const code = parsed.success ? (parsed.data.code ?? parsed.data.error) : undefined;
      const platformMessage = parsed.success ? (parsed.data.message ?? parsed.data.error_description ?? parsed.data.description) : undefined;
      const requestId = (parsed.success ? parsed.data.contextId : undefined) ?? detail.requestId;
      const withCode: SourceErrorDetail = {
        ...detail,
        ...(code ? { platformCode: code } : {}),
        ...(platformMessage ? { platformMessage } : {}),
        ...(requestId ? { requestId } : {}),
      };
      const { category, message } = explainGenesysError(code, status, region);
      return new SourceError(category, `${message}${requestId ? ` (Genesys Cloud correlation id ${requestId})` : ''}`, withCode);
    },
  };
}
