import { PERMISSION_LABELS, type Permission } from '../core/permissions.js';
import { PermissionEscalationError } from './account-errors.js';
import type { Caller } from './caller.js';

/**
 * Refuses to grant, or act on someone holding, a permission the caller lacks: a token scoped to
 * workspace management must not mint a user, token or link with more than it has, and so climb.
 * `path` names the request field that asked for it.
 */
export function assertWithinOwnPermissions(caller: Caller, granted: readonly Permission[], path: string, what: string): void {
  const beyond = granted.filter((p) => !caller.permissions.includes(p));
  if (beyond.length === 0) return;
  const who = caller.kind === 'api_token' ? 'this API token does' : 'you do';
  throw new PermissionEscalationError([{ path, message: `${what} ${beyond.map((p) => PERMISSION_LABELS[p]).join(' and ')}, which ${who} not have; only a caller with those permissions can do this` }]);
}
