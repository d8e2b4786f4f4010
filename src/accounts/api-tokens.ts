import { randomUUID } from 'node:crypto';
import { newApiTokenSchema } from '../api/contract/users.js';
import type { Permission } from '../core/permissions.js';
import type { IntakeServices } from '../services/intake-services.js';
import { NotFoundError, ValidationError, zodProblems } from '../services/service-errors.js';
import { bestEffort } from './best-effort-write.js';
import { findApiTokenByHash, insertApiToken, listApiTokens as listTokens, revokeApiToken as revoke, touchApiToken, type ApiToken } from '../storage/api-token.repository.js';
import { findIntegration, findIntegrationByName } from '../storage/integration.repository.js';
import { findWorkspace } from '../storage/workspace.repository.js';
import type { Caller } from './caller.js';
import { assertWithinOwnPermissions } from './permission-scope.js';
import { hashToken, newSecretToken } from './secret-token.js';

export const API_TOKEN_PREFIX = 'intk_';

/** Creates a token for scripts. The token is returned this once; only its hash is kept. */
export async function createApiToken(services: IntakeServices, caller: Caller, rawInput: unknown): Promise<{ token: string; apiToken: ApiToken }> {
  const parsed = newApiTokenSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  // A push token is made by someone who manages integrations, for a push integration of this workspace.
  assertWithinOwnPermissions(caller, parsed.data.pushIntegrationId ? ['manage_integrations'] : parsed.data.permissions, parsed.data.pushIntegrationId ? 'pushIntegrationId' : 'permissions', 'would grant');
  const pushIntegrationId = parsed.data.pushIntegrationId ? await pushIntegrationOf(services, caller.workspaceId, parsed.data.pushIntegrationId) : null;
  const { token, hash } = newSecretToken(API_TOKEN_PREFIX);
  const apiToken = await insertApiToken(services.db, {
    id: randomUUID(),
    workspaceId: caller.workspaceId,
    name: parsed.data.name,
    tokenHash: hash,
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    permissions: [...new Set(parsed.data.permissions)] as Permission[],
    createdBy: caller.label,
    createdAt: services.clock.now().toISOString(),
    pushIntegrationId,
  });
  return { token, apiToken };
}

export async function listApiTokens(services: IntakeServices, caller: Caller): Promise<ApiToken[]> {
  return listTokens(services.db, caller.workspaceId);
}

export async function revokeApiToken(services: IntakeServices, caller: Caller, id: string): Promise<ApiToken> {
  const revoked = await revoke(services.db, caller.workspaceId, id, services.clock.now());
  if (!revoked) throw new NotFoundError('No such API token in this workspace.');
  return revoked;
}

/** The caller behind a bearer token, or null for an unknown or revoked one. */
export async function authenticateApiToken(services: IntakeServices, token: string): Promise<Caller | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const found = await findApiTokenByHash(services.db, hashToken(token));
  if (!found || found.revokedAt) return null;
  if (!(await findWorkspace(services.db, found.workspaceId))) return null;
  const now = services.clock.now();
  // Best effort: while another process holds the database's write lock, the token must still work.
  if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) > 60_000) await bestEffort(() => touchApiToken(services.db, found.id, now));
  return {
    kind: 'api_token',
    workspaceId: found.workspaceId,
    permissions: found.permissions,
    userId: null,
    tokenId: found.id,
    label: `API token "${found.name}"`,
    pushIntegrationId: found.pushIntegrationId,
  };
}

/** The id of a push integration of the workspace, by id or name; refused for any other. */
async function pushIntegrationOf(services: IntakeServices, workspaceId: string, idOrName: string): Promise<string> {
  const integration = (await findIntegration(services.db, idOrName, { workspaceId })) ?? (await findIntegrationByName(services.db, workspaceId, idOrName));
  if (!integration) throw new ValidationError([{ path: 'pushIntegrationId', message: `names no integration of this workspace ("${idOrName}")` }]);
  if (!services.platforms.get(integration.platform)?.push) {
    throw new ValidationError([{ path: 'pushIntegrationId', message: `"${integration.name}" is not a push integration: records can be pushed only to an integration of the Push API platform` }]);
  }
  return integration.id;
}
