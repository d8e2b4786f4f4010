import type {} from '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiToken } from '../accounts/api-tokens.js';
import { can } from '../accounts/caller.js';
import { resolveSession } from '../accounts/sessions.js';
import { PERMISSION_LABELS } from '../core/permissions.js';
import type { IntakeServices } from '../services/intake-services.js';
import { ApiError } from './api-error.js';
import { requiredPermissions, type RouteAccess } from './route-access.js';
import { IMPORTS_STOPPED, integrationsEnabled } from '../services/integrations-flag.js';

export const SESSION_COOKIE = 'intake_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Gives the browser the session cookie, living exactly as long as the session does (Max-Age to the
 * session's end), so neither outlives the other. Sent again each time the session slides forward.
 */
export function setSessionCookie(reply: FastifyReply, token: string, session: { expiresAt: string; now: Date; secure: boolean }): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(session.expiresAt) - session.now.getTime()) / 1000));
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: session.secure, path: '/', maxAge });
}

/**
 * Resolves the caller (API token in `Authorization: Bearer`, else the session cookie) and enforces
 * the route's access: signed in, CSRF token on unsafe cookie requests, the Integrations flag, the
 * permission. Runs before the body is read, so nothing reaches a handler unchecked.
 */
export function authenticator(services: IntakeServices, options: { secureCookies: boolean }) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    request.caller = null;
    request.sessionCsrf = null;
    // The API documentation is public; every other route must say what it needs (default: signed in).
    const access: RouteAccess = isPublicAsset(request.routeOptions.url) ? { require: 'public' } : (request.routeOptions.config.access ?? { require: 'signed_in' });

    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new ApiError(401, 'unauthenticated', 'Send an API token as "Authorization: Bearer <token>".');
      const caller = await authenticateApiToken(services, token.trim());
      if (!caller) throw new ApiError(401, 'unauthenticated', 'The API token is unknown or was revoked. Create a new one under Account › API tokens.');
      if (access.sessionOnly) throw new ApiError(403, 'forbidden', 'This action needs a signed-in user, not an API token.');
      if (caller.pushIntegrationId && access.require !== 'push') {
        throw new ApiError(403, 'forbidden', 'This API token may only push records to its integration (POST /api/v1/integrations/<id>/contacts); create a token with permissions for anything else.');
      }
      request.caller = caller;
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const session = await resolveSession(services, cookie);
        if (session) {
          if (session.renewedUntil) setSessionCookie(reply, cookie, { expiresAt: session.renewedUntil, now: services.clock.now(), secure: options.secureCookies });
          request.caller = session.caller;
          request.sessionCsrf = session.csrfToken;
          if (!SAFE_METHODS.has(request.method) && access.require !== 'public' && !sameToken(request.headers[CSRF_HEADER], session.csrfToken)) {
            throw new ApiError(403, 'csrf_failed', `This request lacks the ${CSRF_HEADER} header of your session. Reload the page and try again.`);
          }
        }
      }
    }

    if (access.require === 'public') return;
    const caller = request.caller;
    if (!caller) throw new ApiError(401, 'unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
    if (access.feature === 'integrations') {
      if (!(await integrationsEnabled(services, caller.workspaceId))) {
        throw new ApiError(403, 'feature_disabled', IMPORTS_STOPPED);
      }
    }
    if (access.require === 'push') {
      const target = (request.params as { id?: string } | undefined)?.id;
      const allowed = caller.pushIntegrationId ? caller.pushIntegrationId === target : can(caller, 'manage_integrations');
      if (!allowed) {
        throw new ApiError(403, 'forbidden', caller.pushIntegrationId ? 'This API token may only push records to its own integration.' : `This needs the ${PERMISSION_LABELS.manage_integrations} permission, or a push token of this integration.`);
      }
      return;
    }
    const missing = requiredPermissions(access).filter((permission) => !can(caller, permission));
    if (missing.length > 0) {
      const names = missing.map((p) => PERMISSION_LABELS[p]).join(' and the ');
      throw new ApiError(403, 'forbidden', `This needs the ${names} permission, which ${caller.kind === 'api_token' ? 'this API token' : 'your role'} does not have. Ask a workspace admin.`);
    }
  };
}

/** The API documentation and the web UI's files are public; the data behind them is not. */
function isPublicAsset(url: string | undefined): boolean {
  if (url === undefined) return true;
  return url.startsWith('/docs') || !/^\/(api|healthz|metrics)(\/|$)/.test(url);
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
