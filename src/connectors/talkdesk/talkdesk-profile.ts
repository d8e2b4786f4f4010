import { SourceError, type SourceErrorDetail } from '../../core/source-error.js';
import type { PlatformProfile } from '../source-http-client.js';
import { TALKDESK_API_HOST, TALKDESK_ID_DOMAIN } from './talkdesk-connection.js';
import { talkdeskApiErrorSchema, talkdeskTokenErrorSchema, TALKDESK_SCOPES } from './talkdesk-wire.js';

const SCOPES = TALKDESK_SCOPES.join(' and ');

/**
 * The API gateway, the account's token host, and the storage a report file is downloaded from
 * (a presigned Amazon S3 address, per "Download a Report").
 */
export function isTalkdeskHost(hostname: string): boolean {
  return hostname === TALKDESK_API_HOST || hostname.endsWith(`.${TALKDESK_ID_DOMAIN}`) || hostname === 's3.amazonaws.com' || /\.s3[.-][a-z0-9.-]*amazonaws\.com$/.test(hostname) || /^s3[.-][a-z0-9-]+\.amazonaws\.com$/.test(hostname);
}

function retryAfter(headers: Headers, now: Date): Date | null {
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return new Date(now.getTime() + Math.max(0, seconds) * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? new Date(at) : null;
}

/** Talkdesk documents no rate-limit headers: a 429 is waited out (Retry-After when sent, else a minute). */
const common = {
  displayName: 'Talkdesk',
  requestIdHeader: 'x-request-id',
  isOfficialHost: isTalkdeskHost,
  readRateLimit: () => null,
  retryAt: retryAfter,
} satisfies Omit<PlatformProfile, 'classifyError'>;

/** Answers of the report API (`{code, description, message}` bodies). */
export const talkdeskApiProfile: PlatformProfile = {
  ...common,
  classifyError({ status, body, detail }): SourceError {
    const parsed = talkdeskApiErrorSchema.safeParse(body);
    const code = parsed.success && parsed.data.code !== undefined ? String(parsed.data.code) : undefined;
    const said = parsed.success ? (parsed.data.message ?? parsed.data.description) : undefined;
    const withCode: SourceErrorDetail = { ...detail, ...(code ? { platformCode: code } : {}), ...(said ? { platformMessage: said } : {}) };
    const quoted = said ? ` ("${said}")` : '';
    if (status === 401) {
      return new SourceError('auth_revoked', `Talkdesk rejected Intake's access token (401)${quoted}: the OAuth client was deleted or its secret regenerated. Reconnect the integration with the client id and secret of an active OAuth client.`, withCode);
    }
    if (status === 403) {
      return new SourceError('forbidden', `Talkdesk refused access to the calls report (403)${quoted}: the OAuth client lacks the scopes ${SCOPES}, or the account has no Explore API access. Grant the scopes to the client in Talkdesk Admin › API, then reconnect.`, withCode);
    }
    if (status === 404 || (status >= 300 && status < 400)) {
      return new SourceError('not_found', `Talkdesk answered ${status} for ${detail.path ?? 'the report API'}: the address is wrong (check the base URL) or the report no longer exists.`, withCode);
    }
    if (status === 400 || status === 422) {
      return new SourceError('config', `Talkdesk refused Intake's report request (${status}${code ? ` ${code}` : ''})${quoted}. Contact support with this run id.`, withCode);
    }
    return new SourceError('source_error', `Talkdesk answered with an unexpected status ${status}${quoted}. Intake will retry on the next run.`, withCode);
  },
};

/**
 * Answers of the account's token endpoint (`{error, error_description}` bodies). A 401 other than
 * `invalid_client` is taken as a scope Talkdesk has not made effective yet: its detail carries
 * `scopePending`, and the token request is retried for a few minutes before it is reported.
 */
export const talkdeskTokenProfile: PlatformProfile = {
  ...common,
  classifyError({ status, body, detail }): SourceError {
    const parsed = talkdeskTokenErrorSchema.safeParse(body);
    const error = parsed.success ? parsed.data.error : undefined;
    const withCode: SourceErrorDetail = { ...detail, ...(error ? { platformCode: error } : {}) };
    if (error === 'invalid_client' || error === 'invalid_grant' || (status === 400 && error === undefined)) {
      return new SourceError('auth_revoked', `Talkdesk refused the OAuth client (${error ?? status}): the client id or secret is wrong, or the client was deleted. Reconnect the integration with the client id and secret of an active OAuth client (Talkdesk Admin › API).`, withCode);
    }
    if (error === 'invalid_scope' || error === 'unauthorized_client' || status === 403) {
      return new SourceError('forbidden', `Talkdesk will not give this OAuth client the scope data-reports:read (${error ?? status}). In Talkdesk Admin › API, grant the client the scopes ${SCOPES} with the client-credentials grant, then reconnect.`, withCode);
    }
    if (status === 401) {
      return new SourceError('forbidden', `Talkdesk refused a token with the scopes ${SCOPES} (401${error ? ` ${error}` : ''}). A scope added to the client a few minutes ago may not work yet; otherwise grant the scopes in Talkdesk Admin › API, then reconnect.`, { ...withCode, scopePending: true });
    }
    if (status === 404 || (status >= 300 && status < 400)) {
      return new SourceError('not_found', `Talkdesk answered ${status} at the account's token address: check the account name (the part before .${TALKDESK_ID_DOMAIN}).`, withCode);
    }
    return new SourceError('source_error', `Talkdesk's token endpoint answered with an unexpected status ${status}. Intake will retry on the next run.`, withCode);
  },
};
