import type { Permission } from '../core/permissions.js';
import type { Caller } from '../accounts/caller.js';

/**
 * What a route needs: nothing, a signed-in caller, a permission, or several (all of them: a run's
 * per-record decisions are both an integration's workings and contact data); and whether the
 * feature flag gates it.
 */
export interface RouteAccess {
  /**
   * `push`: pushing records to the integration in the path — a push token limited to it, or a
   * caller who manages integrations. A push token reaches no other route.
   */
  require: 'public' | 'signed_in' | 'push' | Permission | readonly Permission[];
  /** Part of the Integrations feature: answers `feature_disabled` while the workspace flag is off. */
  feature?: 'integrations';
  /** Only a browser session may call it (sign-out, switching passwords), not an API token. */
  sessionOnly?: boolean;
}

/** One row of the route table, as tests and the docs see it. */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    caller: Caller | null;
    /** The session's CSRF token when the caller came with a session cookie. */
    sessionCsrf: string | null;
  }
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

/** The permissions a route needs (none for public and signed-in routes). */
export function requiredPermissions(access: RouteAccess): readonly Permission[] {
  if (access.require === 'public' || access.require === 'signed_in') return [];
  if (access.require === 'push') return [];
  return typeof access.require === 'string' ? [access.require] : access.require;
}
