import { randomUUID } from 'node:crypto';
import type { Integration } from '../core/integration.js';
import { insertIntegration } from '../storage/integration.repository.js';
import { insertWorkspace, listWorkspaces, type Workspace } from '../storage/workspace.repository.js';
import type { IntakeServices } from './intake-services.js';

export const SANDBOX_INTEGRATION_NAME = 'Sandbox help desk';

/**
 * On a brand-new database: the first workspace, with the Integrations feature on and — unless
 * turned off — a sandbox integration on the in-process simulator, so contacts arrive within seconds.
 */
export async function bootstrapWorkspace(
  services: IntakeServices,
  options: { sandbox: boolean },
): Promise<{ workspace: Workspace; created: boolean; sandbox: Integration | null }> {
  const existing = await listWorkspaces(services.db);
  if (existing.length > 0) return { workspace: existing[0]!, created: false, sandbox: null };
  const now = services.clock.now();
  const workspace = await insertWorkspace(services.db, { name: 'My workspace', featureFlags: { integrations: true }, now });
  let sandbox: Integration | null = null;
  if (options.sandbox) {
    sandbox = await insertIntegration(services.db, {
      id: randomUUID(),
      workspaceId: workspace.id,
      platform: 'sandbox',
      name: SANDBOX_INTEGRATION_NAME,
      sourceAccount: 'sandbox',
      connection: { epoch: now.toISOString(), seed: 7 },
      credentials: null,
      // The sandbox's history reaches back 35 days: the start date leaves some of it out, so the
      // ledger shows an exclusion of every kind from the first run.
      settings: {
        startDate: new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10),
        statusCriteria: ['solved', 'closed'],
        filters: [],
        intervalMinutes: 1,
        noImportAlertHours: 24,
      },
      now,
      createdBy: 'intake (first start)',
    });
  }
  return { workspace, created: true, sandbox };
}

/** The workspace the CLI works in: the first one (created on first start). */
export async function defaultWorkspace(services: IntakeServices): Promise<Workspace> {
  return (await bootstrapWorkspace(services, { sandbox: false })).workspace;
}
