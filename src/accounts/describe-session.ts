import { ROLE_PERMISSIONS, type Permission } from '../core/permissions.js';
import type { IntakeServices } from '../services/intake-services.js';
import { NotFoundError } from '../services/service-errors.js';
import { findMember, type Member } from '../storage/user.repository.js';
import { findWorkspace, type Workspace } from '../storage/workspace.repository.js';
import type { Caller } from './caller.js';

/** Who is signed in, where, allowed what: what the web UI asks first. */
export interface SessionDescription {
  user: Member | null;
  apiToken: { id: string; name: string } | null;
  workspace: Workspace;
  permissions: Permission[];
  /** Null for API tokens, which need none. */
  csrfToken: string | null;
}

export async function describeSession(services: IntakeServices, caller: Caller, csrfToken: string | null): Promise<SessionDescription> {
  const workspace = await findWorkspace(services.db, caller.workspaceId);
  if (!workspace) throw new NotFoundError('The workspace no longer exists.');
  const member = caller.userId ? await findMember(services.db, caller.workspaceId, caller.userId) : null;
  return {
    user: member,
    apiToken: caller.tokenId ? { id: caller.tokenId, name: caller.label } : null,
    workspace,
    permissions: member ? [...ROLE_PERMISSIONS[member.role]] : [...caller.permissions],
    csrfToken,
  };
}
