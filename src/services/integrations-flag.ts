import { INTEGRATIONS_FLAG } from '../core/permissions.js';
import { findWorkspace } from '../storage/workspace.repository.js';
import type { IntakeServices } from './intake-services.js';
import { FeatureDisabledError } from './service-errors.js';

/** What stops while the flag is off, and that nothing is lost: said wherever an import is refused. */
export const IMPORTS_STOPPED =
  'The Integrations feature is turned off for this workspace: its integrations and imported contacts are unavailable, and no import runs (scheduled, run now, manual import or backfill). A workspace admin can turn it on under Account › Workspace (or PATCH /api/v1/workspace with {"featureFlags":{"integrations":true}}); nothing is lost: each integration then resumes from its checkpoint.';

/** A run's `stoppedBy` when the flag was turned off while it ran (it stops after its page). */
export const INTEGRATIONS_TURNED_OFF = 'integrations_turned_off';

/** Whether the workspace's Integrations flag is on: it enables contact import. */
export async function integrationsEnabled(services: Pick<IntakeServices, 'db'>, workspaceId: string): Promise<boolean> {
  const workspace = await findWorkspace(services.db, workspaceId);
  return workspace?.featureFlags[INTEGRATIONS_FLAG] === true;
}

/** Every way of starting an import checks this first. */
export async function assertIntegrationsEnabled(services: Pick<IntakeServices, 'db'>, workspaceId: string): Promise<void> {
  if (!(await integrationsEnabled(services, workspaceId))) throw new FeatureDisabledError(IMPORTS_STOPPED);
}
