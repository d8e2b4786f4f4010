import { SourceError } from '../../core/source-error.js';
import type { RateLimitReading } from '../rate-budget.js';
import type { PlatformProfile } from '../source-http-client.js';

export const ZENDESK_HOST = /^[a-z0-9][a-z0-9-]{0,62}\.zendesk\.com$/;

/** `total=10; remaining=9; resets=60` → its numbers. */
function parseExportLimit(value: string | null): { total: number; remaining: number; resets: number } | null {
  if (!value) return null;
  const fields = Object.fromEntries(
    value.split(';').map((part) => {
      const [k, v] = part.split('=').map((s) => s.trim());
      return [k, Number(v)];
    }),
  );
  const { total, remaining, resets } = fields as Record<string, number>;
  if (![total, remaining, resets].every((n) => Number.isFinite(n))) return null;
  return { total: total!, remaining: remaining!, resets: resets! };
}

function numberHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Builds the profile for one Zendesk account; `account` names it in messages. */
export function zendeskProfile(account: string, authKind: 'api_token' | 'oauth'): PlatformProfile {
  return {
    displayName: 'Zendesk',
    requestIdHeader: 'x-zendesk-request-id',
    isOfficialHost: (hostname) => ZENDESK_HOST.test(hostname),

    readRateLimit(headers: Headers, now: Date): RateLimitReading | null {
      // The export has its own, tighter budget; its header wins when present.
      const exportLimit = parseExportLimit(headers.get('zendesk-ratelimit-incremental-exports'));
      if (exportLimit) {
        return { limit: exportLimit.total, remaining: exportLimit.remaining, resetAt: new Date(now.getTime() + exportLimit.resets * 1000), windowSeconds: 60 };
      }
      const remaining = numberHeader(headers, 'ratelimit-remaining') ?? numberHeader(headers, 'x-rate-limit-remaining');
      if (remaining === null) return null;
      const reset = numberHeader(headers, 'ratelimit-reset') ?? 60;
      const limit = numberHeader(headers, 'ratelimit-limit') ?? numberHeader(headers, 'x-rate-limit');
      return { limit, remaining, resetAt: new Date(now.getTime() + reset * 1000), windowSeconds: 60 };
    },

    retryAt(headers: Headers, now: Date): Date | null {
      const seconds = numberHeader(headers, 'retry-after');
      return seconds === null ? null : new Date(now.getTime() + Math.max(0, seconds) * 1000);
    },

    classifyError({ status, body, detail }): SourceError {
      const error = (body as { error?: unknown } | null)?.error;
      const description = (body as { description?: unknown } | null)?.description;
      const platformCode = typeof error === 'string' ? error : typeof (error as { title?: unknown })?.title === 'string' ? String((error as { title: string }).title) : undefined;
      const withCode = { ...detail, ...(platformCode ? { platformCode } : {}) };
      if (status === 401) {
        if (authKind === 'oauth' || error === 'invalid_token') {
          return new SourceError(
            'auth_expired',
            'Zendesk rejected the OAuth access token (401): it expired or was revoked. Reconnect the integration to authorise Intake again.',
            withCode,
          );
        }
        return new SourceError(
          'auth_revoked',
          'Zendesk rejected the API token (401): it was revoked or expired, or it does not belong to the email given. Reconnect the integration with a new token.',
          withCode,
        );
      }
      if (status === 403) {
        if (typeof description === 'string' && /scope/i.test(description)) {
          return new SourceError(
            'forbidden',
            `Zendesk refused access (403): the OAuth token is missing a permission scope (${description}). Reconnect with a token that has the "read" scope.`,
            withCode,
          );
        }
        return new SourceError(
          'forbidden',
          'Zendesk refused access (403): the incremental ticket export is allowed for admins only. Reconnect with the API token of a Zendesk admin.',
          withCode,
        );
      }
      if (status === 404 || (status >= 300 && status < 400)) {
        return new SourceError(
          'not_found',
          `Zendesk account "${account}" was not found (${status}): check the subdomain (the part before .zendesk.com), or whether the account was closed.`,
          withCode,
        );
      }
      if (status === 400 || status === 422) {
        const why = typeof description === 'string' ? description : typeof error === 'string' ? error : 'no reason given';
        return new SourceError('config', `Zendesk refused Intake's request (${status}: ${why}). Contact support with this run id.`, withCode);
      }
      return new SourceError('source_error', `Zendesk answered with an unexpected status ${status}. Intake will retry on the next run.`, withCode);
    },
  };
}
