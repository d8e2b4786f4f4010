import { SourceError } from '../../core/source-error.js';
import type { RateLimitReading } from '../rate-budget.js';
import type { PlatformProfile } from '../source-http-client.js';

export const FRESHDESK_HOST = /^[a-z0-9][a-z0-9-]{0,62}\.freshdesk\.com$/;

/**
 * Freshdesk says how much of the minute's budget is left but not when it refills. Intake assumes
 * it refills within 60 seconds of any response: a run that has used it up waits a minute at most,
 * never less than the real window needs, so the wait never ends in a 429.
 */
const ASSUMED_WINDOW_MS = 60_000;

function numberHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

interface ValidationError {
  field?: unknown;
  message?: unknown;
  code?: unknown;
}

/** Builds the profile for one Freshdesk account; `domain` names it in messages. */
export function freshdeskProfile(domain: string): PlatformProfile {
  return {
    displayName: 'Freshdesk',
    requestIdHeader: 'x-request-id',
    isOfficialHost: (hostname) => FRESHDESK_HOST.test(hostname),

    readRateLimit(headers: Headers, now: Date): RateLimitReading | null {
      const remaining = numberHeader(headers, 'x-ratelimit-remaining');
      if (remaining === null) return null;
      const total = numberHeader(headers, 'x-ratelimit-total');
      // The budget counts credits: a ticket list with include=stats costs 3. Counted in requests
      // like this one, the budget paces by what the next request will really cost.
      const cost = Math.max(1, numberHeader(headers, 'x-ratelimit-used-currentrequest') ?? 1);
      return {
        limit: total === null ? null : Math.floor(total / cost),
        remaining: Math.max(0, Math.floor(remaining / cost)),
        resetAt: new Date(now.getTime() + ASSUMED_WINDOW_MS),
      };
    },

    retryAt(headers: Headers, now: Date): Date | null {
      const seconds = numberHeader(headers, 'retry-after');
      return seconds === null ? null : new Date(now.getTime() + Math.max(0, seconds) * 1000);
    },

    classifyError({ status, body, detail }): SourceError {
      const object = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const code = typeof object.code === 'string' ? object.code : undefined;
      const said = typeof object.message === 'string' ? object.message : undefined;
      const errors = Array.isArray(object.errors) ? (object.errors as ValidationError[]) : [];
      const withCode = { ...detail, ...(code ? { platformCode: code } : errors[0] && typeof errors[0].code === 'string' ? { platformCode: errors[0].code } : {}) };
      const quoted = said ? `: "${said}"` : '';

      if (status === 401) {
        return new SourceError(
          'auth_revoked',
          `Freshdesk rejected the API key (401${quoted}). The key was reset, or the agent it belongs to was deactivated or deleted. Reconnect the integration with the API key from the agent's Profile settings in Freshdesk.`,
          withCode,
        );
      }
      if (status === 403) {
        return new SourceError(
          'forbidden',
          `Freshdesk refused access (403${quoted}). The agent whose API key this is may not view these tickets, the account's plan does not include the API, or the account is locked. Reconnect with the API key of an administrator who can see all tickets.`,
          withCode,
        );
      }
      if (status === 404 || (status >= 300 && status < 400)) {
        return new SourceError(
          'not_found',
          `Freshdesk account "${domain}" was not found (${status}): check the domain (the part before .freshdesk.com), or whether the account was closed or renamed.`,
          withCode,
        );
      }
      if (status === 400 && errors.some((e) => e.field === 'page')) {
        return new SourceError(
          'source_error',
          `Freshdesk refused to list tickets beyond its page limit (400: ${String(errors.find((e) => e.field === 'page')!.message ?? 'page out of range')}). Intake reads in time windows to stay under it; this means more tickets share one update second than Freshdesk can list. Contact support with this run id.`,
          { ...withCode, field: 'page' },
        );
      }
      if (status === 400 || status === 422) {
        const why = errors.length
          ? errors.map((e) => `${String(e.field ?? '?')}: ${String(e.message ?? e.code ?? 'invalid')}`).join('; ')
          : typeof object.description === 'string'
            ? object.description
            : (said ?? 'no reason given');
        return new SourceError('config', `Freshdesk refused Intake's request (${status} — ${why}). Contact support with this run id.`, withCode);
      }
      return new SourceError('source_error', `Freshdesk answered with an unexpected status ${status}${quoted}. Intake will retry on the next run.`, withCode);
    },
  };
}
