import { directoryDue, type Directory } from '../core/directory.js';
import type { Integration } from '../core/integration.js';
import type { IntegrationSettings } from '../core/integration-settings.js';
import { findSettingsProblems } from '../core/settings-problems.js';
import { SourceError } from '../core/source-error.js';
import { readDirectory, recordDirectoryFailure, saveDirectory, saveSettingsProblems, type ListedDirectory } from '../storage/directory.repository.js';
import { findIntegration } from '../storage/integration.repository.js';
import { buildConnector, platformOf } from './build-connector.js';
import type { IntakeServices } from './intake-services.js';
import { ConflictError } from './service-errors.js';

/**
 * Reads the integration's agents and custom fields from its source and caches them: listed ones
 * upserted, those no longer listed marked gone. Then the integration's settings problems follow
 * the new directory. A source that refuses is recorded on the directory (the cache stays) and
 * the error is thrown.
 */
export async function refreshDirectory(services: IntakeServices, integration: Integration): Promise<Directory> {
  const platform = platformOf(services, integration.platform);
  if (!platform.capabilities.directory) {
    throw new ConflictError(`${platform.displayName} does not list agents or custom fields: filters on them take the ids contacts carry.`);
  }
  try {
    const connector = await buildConnector(services, integration);
    // One list after the other: both draw from the account's rate budget.
    const listed: ListedDirectory = {};
    if (connector.listAgents) listed.agents = await connector.listAgents();
    if (connector.listCustomFields) listed.customFields = await connector.listCustomFields();
    await saveDirectory(services.db, integration.id, listed, services.clock.now());
  } catch (error) {
    if (error instanceof SourceError) await recordDirectoryFailure(services.db, integration.id, { category: error.category, message: error.message }, services.clock.now());
    throw error;
  }
  const directory = await readDirectory(services.db, integration.id);
  await recordSettingsProblems(services, integration, integration.settings, directory);
  return directory;
}

/**
 * The schedule's daily refresh, called after a successful run: reads the directory when it is
 * due, and never fails the caller — a refusal is logged and recorded on the directory.
 */
export async function refreshDirectoryWhenDue(services: IntakeServices, integrationId: string): Promise<void> {
  let name = integrationId;
  try {
    const integration = await findIntegration(services.db, integrationId);
    if (!integration || !services.platforms.get(integration.platform)?.capabilities.directory) return;
    name = integration.name;
    if (!directoryDue(await readDirectory(services.db, integration.id), services.clock.now())) return;
    const directory = await refreshDirectory(services, integration);
    const counts = { agents: directory.items.filter((i) => i.kind === 'agent' && !i.goneAt).length, customFields: directory.items.filter((i) => i.kind === 'custom_field' && !i.goneAt).length };
    services.logger.debug({ integrationId, ...counts }, `directory refreshed: "${integration.name}" lists ${counts.agents} agent(s) and ${counts.customFields} custom field(s)`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    services.logger.warn({ err: error, integrationId }, `could not refresh the agents and custom fields of "${name}": ${message}`);
  }
}

/** Stores which filter conditions the directory shows to be stale (none for platforms without one). */
export async function recordSettingsProblems(services: IntakeServices, integration: Pick<Integration, 'id' | 'platform'>, settings: IntegrationSettings, directory?: Directory): Promise<void> {
  const platform = services.platforms.get(integration.platform);
  const problems = platform?.capabilities.directory ? findSettingsProblems(settings.filters, directory ?? (await readDirectory(services.db, integration.id)), platform.displayName) : [];
  await saveSettingsProblems(services.db, integration.id, problems);
}
