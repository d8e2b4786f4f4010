import type { Integration } from '../core/integration.js';
import { insertWorkspace, listWorkspaces, type Workspace } from '../storage/workspace.repository.js';
import { addStarterIntegration, starterPlatformId } from './add-starter-integration.js';
import type { IntakeServices } from './intake-services.js';

/**
 * On a brand-new database: the first workspace, with the Integrations feature on and — unless
 * turned off (INTAKE_SANDBOX=off) — the starter integration a registered platform offers, so
 * contacts arrive within seconds.
 */
export async function bootstrapWorkspace(
  services: IntakeServices,
  options: { starter: boolean },
): Promise<{ workspace: Workspace; created: boolean; starter: Integration | null }> {
  const existing = await listWorkspaces(services.db);
  if (existing.length > 0) return { workspace: existing[0]!, created: false, starter: null };
  const now = services.clock.now();
  const workspace = await insertWorkspace(services.db, { name: 'My workspace', featureFlags: { integrations: true }, now });
  const platform = options.starter ? starterPlatformId(services) : null;
  // Not tested against its source: the first start must come up without asking anything.
  const starter = platform ? await addStarterIntegration(services, workspace.id, { platform }, 'intake (first start)', { verify: false }) : null;
  return { workspace, created: true, starter };
}

/** The workspace the CLI works in: the first one (created on first start). */
export async function defaultWorkspace(services: IntakeServices): Promise<Workspace> {
  return (await bootstrapWorkspace(services, { starter: false })).workspace;
}
