import type { Caller } from '../accounts/caller.js';
import { directoryNames, EMPTY_DIRECTORY, type Directory, type DirectoryItem } from '../core/directory.js';
import { visibilityFor } from '../core/evidence-visibility.js';
import type { DirectoryNames } from '../core/filter-condition.js';
import { readDirectory } from '../storage/directory.repository.js';
import { refreshDirectory } from './directory-refresh.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration } from './manage-integrations.js';

/** An integration's directory as a caller may see it. */
export interface IntegrationDirectory {
  integrationId: string;
  platformName: string;
  /** The platform lists agents and custom fields by name. */
  supported: boolean;
  refreshedAt: string | null;
  attemptedAt: string | null;
  error: Directory['error'];
  agents: DirectoryItem[];
  /** Only for callers who manage integrations: custom fields are what filters are built from. */
  customFields: DirectoryItem[] | null;
}

/**
 * The cached agents (for anyone who manages integrations or reads contacts: names shown beside
 * contacts) and custom fields (for those who manage integrations), as the source last listed them.
 */
export async function readIntegrationDirectory(services: IntakeServices, caller: Caller, integrationId: string): Promise<IntegrationDirectory> {
  const integration = await getIntegration(services, caller.workspaceId, integrationId);
  const platform = services.platforms.get(integration.platform);
  const supported = platform?.capabilities.directory ?? false;
  return present(integration.id, platform?.displayName ?? integration.platform, supported, supported ? await readDirectory(services.db, integration.id) : EMPTY_DIRECTORY, caller);
}

/** Reads the directory from the source now ("refresh from the platform"). */
export async function refreshIntegrationDirectory(services: IntakeServices, caller: Caller, integrationId: string): Promise<IntegrationDirectory> {
  const integration = await getIntegration(services, caller.workspaceId, integrationId);
  const directory = await refreshDirectory(services, integration);
  return present(integration.id, services.platforms.get(integration.platform)?.displayName ?? integration.platform, true, directory, caller);
}

/** The names the directory knows, for describing an integration's conditions and contacts (empty when it has none). */
export async function directoryNamesOf(services: IntakeServices, integration: { id: string; platform: string }): Promise<DirectoryNames> {
  if (!services.platforms.get(integration.platform)?.capabilities.directory) return { agents: {}, customFields: {} };
  return directoryNames(await readDirectory(services.db, integration.id));
}

function present(integrationId: string, platformName: string, supported: boolean, directory: Directory, caller: Caller): IntegrationDirectory {
  const byName = (a: DirectoryItem, b: DirectoryItem) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return {
    integrationId,
    platformName,
    supported,
    refreshedAt: directory.refreshedAt,
    attemptedAt: directory.attemptedAt,
    error: directory.error,
    agents: directory.items.filter((i) => i.kind === 'agent').sort(byName),
    customFields: visibilityFor(caller.permissions).settings ? directory.items.filter((i) => i.kind === 'custom_field').sort(byName) : null,
  };
}
