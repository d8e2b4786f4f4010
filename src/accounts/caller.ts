import type { Permission } from '../core/permissions.js';

/** Who is calling, in which workspace, allowed what — resolved from a session or an API token. */
export interface Caller {
  kind: 'user' | 'api_token';
  workspaceId: string;
  permissions: readonly Permission[];
  userId: string | null;
  tokenId: string | null;
  /** For the record (who paused, who changed): the user's email or the token's name. */
  label: string;
  /** A push token's integration: the only thing the token may do is push records to it. */
  pushIntegrationId?: string | null;
}

export function can(caller: Caller, permission: Permission): boolean {
  return caller.permissions.includes(permission);
}
