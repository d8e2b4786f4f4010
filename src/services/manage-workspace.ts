import type { Caller } from '../accounts/caller.js';
import { renameWorkspace, setFeatureFlag, findWorkspace, type Workspace } from '../storage/workspace.repository.js';
import type { IntakeServices } from './intake-services.js';
import { NotFoundError } from './service-errors.js';

/** The caller's workspace and its feature flags. */
export async function getWorkspace(services: IntakeServices, workspaceId: string): Promise<Workspace> {
  const workspace = await findWorkspace(services.db, workspaceId);
  if (!workspace) throw new NotFoundError('The workspace no longer exists.');
  return workspace;
}

export type { Workspace };

/** Renames the workspace and sets its feature flags; the caller's own workspace only. */
export async function updateWorkspace(services: IntakeServices, caller: Caller, input: { name?: string; featureFlags?: Record<string, boolean | undefined> }): Promise<Workspace> {
  if (input.name !== undefined) await renameWorkspace(services.db, caller.workspaceId, input.name);
  for (const [flag, on] of Object.entries(input.featureFlags ?? {})) {
    if (on !== undefined) await setFeatureFlag(services.db, caller.workspaceId, flag, on);
  }
  const workspace = await findWorkspace(services.db, caller.workspaceId);
  if (!workspace) throw new NotFoundError('The workspace no longer exists.');
  const flags = Object.entries(input.featureFlags ?? {}).filter(([, on]) => on !== undefined).map(([flag, on]) => `${flag} ${on ? 'on' : 'off'}`);
  services.logger.info(
    { workspaceId: workspace.id, by: caller.label, featureFlags: input.featureFlags },
    `workspace "${workspace.name}" updated by ${caller.label}${flags.length ? `: ${flags.join(', ')}` : ''}`,
  );
  return workspace;
}
