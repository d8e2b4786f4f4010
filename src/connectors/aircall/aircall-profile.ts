import { SourceError, type SourceErrorDetail } from '../../core/source-error.js';
import type { RateLimitReading } from '../rate-budget.js';
import type { PlatformProfile } from '../source-http-client.js';
import { AIRCALL_HOST } from './aircall-connection.js';
import { aircallErrorSchema } from './aircall-wire.js';

/** Aircall counts requests per company over a minute (a leaky bucket, by some accounts). */
const WINDOW_MS = 60_000;

function numberHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * X-AircallApi-Reset is a unix time in seconds on Aircall's clock. One that looks past (clocks
 * disagree) is taken to end a window from now, so a retry never spins on a stale reset.
 */
function resetAt(headers: Headers, now: Date): Date | null {
  const reset = numberHeader(headers, 'x-aircallapi-reset');
  if (reset === null) return null;
  const ms = reset * 1000;
  return new Date(ms > now.getTime() ? ms : now.getTime() + WINDOW_MS);
}

export function isAircallHost(hostname: string): boolean {
  return hostname === AIRCALL_HOST;
}

/** Builds the profile for one Aircall company; `company` names it in messages. */
export function aircallProfile(company: string | null): PlatformProfile {
  const which = company ? ` for the company "${company}"` : '';
  return {
    displayName: 'Aircall',
    requestIdHeader: 'x-request-id',
    isOfficialHost: isAircallHost,

    readRateLimit(headers: Headers, now: Date): RateLimitReading | null {
      const remaining = numberHeader(headers, 'x-aircallapi-remaining');
      const reset = resetAt(headers, now);
      if (remaining === null || reset === null) return null;
      return { limit: numberHeader(headers, 'x-aircallapi-limit'), remaining: Math.max(0, remaining), resetAt: reset, windowSeconds: WINDOW_MS / 1000 };
    },

    retryAt(headers: Headers, now: Date): Date | null {
      // Aircall documents no Retry-After on its 429; honour one if it comes, else the reset time.
      const seconds = numberHeader(headers, 'retry-after');
      if (seconds !== null) return new Date(now.getTime() + Math.max(0, seconds) * 1000);
      return resetAt(headers, now);
    },

    classifyError({ status, body, detail }): SourceError {
      const parsed = aircallErrorSchema.safeParse(body);
      const said = parsed.success ? parsed.data : {};
      const withCode: SourceErrorDetail = {
        ...detail,
        ...(said.error ? { platformCode: said.error } : {}),
        ...(said.troubleshoot ? { platformMessage: said.troubleshoot } : {}),
      };
      const quoted = said.error ? `: "${said.error}"` : '';

      if (status === 401) {
        return new SourceError(
          'auth_revoked',
          `Aircall rejected the API ID and token (401${quoted}). The API key was deleted in the Aircall Dashboard, or the ID and token do not belong to the same key. Reconnect the integration with the API ID and token of an API key from Integrations & API › API Keys.`,
          withCode,
        );
      }
      if (status === 403) {
        return new SourceError(
          'forbidden',
          `Aircall refused access${which} (403${quoted}). The company's plan may not include the Public API, or the account is suspended. An Aircall admin must restore API access (Integrations & API in the Dashboard); nothing is lost meanwhile.`,
          withCode,
        );
      }
      if (status === 404 || (status >= 300 && status < 400)) {
        return new SourceError('not_found', `Aircall answered ${status}${quoted}: the address is wrong (check the base URL, or leave it empty for https://${AIRCALL_HOST}).`, withCode);
      }
      if (status === 400 || status === 422) {
        const why = said.troubleshoot ?? said.error ?? 'no reason given';
        return new SourceError('config', `Aircall refused Intake's request (${status} — ${why}). Contact support with this run id.`, withCode);
      }
      return new SourceError('source_error', `Aircall answered with an unexpected status ${status}${quoted}. Intake will retry on the next run.`, withCode);
    },
  };
}
