import type { Caller } from '../accounts/caller.js';
import { visibilityFor } from '../core/evidence-visibility.js';
import type { Integration } from '../core/integration.js';
import { sampleCustomFields } from '../storage/contact.repository.js';
import { findIntegration, findIntegrationByName, listIntegrations, pauseIntegration, resumeIntegration } from '../storage/integration.repository.js';
import type { IntakeServices } from './intake-services.js';
import { NotFoundError } from './service-errors.js';

/** An integration of the workspace by id, or by exact name (handy on the command line). */
export async function getIntegration(services: IntakeServices, workspaceId: string, idOrName: string): Promise<Integration> {
  const now = services.clock.now();
  const integration =
    (await findIntegration(services.db, idOrName, { workspaceId, now })) ?? (await findIntegrationByName(services.db, workspaceId, idOrName));
  if (!integration) throw new NotFoundError(`No integration "${idOrName}" in this workspace. List them with: intake integrations list`);
  return integration;
}

export async function listWorkspaceIntegrations(services: IntakeServices, workspaceId: string): Promise<Integration[]> {
  return listIntegrations(services.db, workspaceId, services.clock.now());
}

/** Pauses at once; a run in flight finishes its page and stops. Idempotent. */
export async function pause(services: IntakeServices, workspaceId: string, idOrName: string, by: string, note: string | null = null): Promise<Integration> {
  const integration = await getIntegration(services, workspaceId, idOrName);
  await pauseIntegration(services.db, integration.id, { by, note, now: services.clock.now() });
  return getIntegration(services, workspaceId, integration.id);
}

/** Resumes from the checkpoint; the integration is due at once. Idempotent. */
export async function resume(services: IntakeServices, workspaceId: string, idOrName: string, by: string): Promise<Integration> {
  const integration = await getIntegration(services, workspaceId, idOrName);
  await resumeIntegration(services.db, integration.id, { by, now: services.clock.now() });
  return getIntegration(services, workspaceId, integration.id);
}

/**
 * Custom fields the source has sent, for the filter builder: their names, and a few values each
 * for callers who may see contact data (a custom field can hold an email or an order number).
 */
export async function customFieldSamples(services: IntakeServices, caller: Caller, integrationId: string): Promise<Record<string, string[]>> {
  const integration = await getIntegration(services, caller.workspaceId, integrationId);
  const samples = await sampleCustomFields(services.db, integration.id);
  if (visibilityFor(caller.permissions).contacts) return samples;
  return Object.fromEntries(Object.keys(samples).map((name) => [name, []]));
}
