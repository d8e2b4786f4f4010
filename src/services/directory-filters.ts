import type { DirectoryItem } from '../core/directory.js';
import type { FilterCondition } from '../core/filter-condition.js';
import type { Integration } from '../core/integration.js';
import type { IntegrationSettings } from '../core/integration-settings.js';
import { needsDirectory, resolveFilterNames, withoutNames, type NameProblem } from '../core/resolve-filter-names.js';
import { SourceError } from '../core/source-error.js';
import type { PlatformConnector, PlatformDefinition } from '../connectors/platform.js';
import { readDirectory, saveDirectory, type ListedDirectory } from '../storage/directory.repository.js';
import { findIntegration } from '../storage/integration.repository.js';
import { refreshDirectory, recordSettingsProblems } from './directory-refresh.js';
import type { IntakeServices } from './intake-services.js';
import { platformOf } from './build-connector.js';
import type { FieldProblem } from './service-errors.js';

/**
 * Settings about to be saved for an existing integration, with agent and custom-field names
 * turned into ids by its directory. The cached directory is tried first; a name it does not know
 * sends Intake to the source once (an agent added this morning), then the name is refused with
 * close matches. Returns problems instead when a name cannot be resolved.
 */
export async function settingsWithIds(services: IntakeServices, integration: Integration, settings: IntegrationSettings): Promise<IntegrationSettings | FieldProblem[]> {
  const platform = platformOf(services, integration.platform);
  const previous = integration.settings.filters;
  if (!platform.capabilities.directory || !needsDirectory(settings.filters, previous)) return { ...settings, filters: keepNamesOfUnchanged(settings.filters, previous) };
  const cached = await readDirectory(services.db, integration.id);
  let result = resolveFilterNames(settings.filters, cached.items, { previous, sourceName: platform.displayName });
  let unavailable: SourceError | null = null;
  // A name the cache does not know may be new at the source: ask once (not again within a minute).
  const cacheAge = cached.refreshedAt ? services.clock.now().getTime() - Date.parse(cached.refreshedAt) : Infinity;
  if ((result.problems.length > 0 && cacheAge > 60_000) || !cached.refreshedAt) {
    try {
      const fresh = await refreshDirectory(services, integration);
      result = resolveFilterNames(settings.filters, fresh.items, { previous, sourceName: platform.displayName });
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      unavailable = error;
    }
  }
  if (result.problems.length > 0) return fieldProblems(result.problems, unavailable, platform.displayName);
  return { ...settings, filters: result.filters };
}

/**
 * The same for a new integration, before it is saved: its directory is read from the source with
 * the credentials just verified, and handed back to be stored once the integration exists.
 * Without verification (`--no-verify`) the source is not called: names are kept as written, and
 * the status flags those the first directory read does not know.
 */
export async function newSettingsWithIds(
  services: IntakeServices,
  platform: PlatformDefinition,
  connector: () => PlatformConnector,
  settings: IntegrationSettings,
  options: { askSource: boolean },
): Promise<{ settings: IntegrationSettings; listed: ListedDirectory | null } | FieldProblem[]> {
  const filters = settings.filters.map(withoutNames);
  if (!options.askSource || !platform.capabilities.directory || !needsDirectory(filters, [])) return { settings: { ...settings, filters }, listed: null };
  let listed: ListedDirectory;
  try {
    const source = connector();
    listed = { ...(source.listAgents ? { agents: await source.listAgents() } : {}), ...(source.listCustomFields ? { customFields: await source.listCustomFields() } : {}) };
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const problems = resolveFilterNames(filters, [], { previous: [], sourceName: platform.displayName }).problems;
    return fieldProblems(problems, error, platform.displayName);
  }
  const result = resolveFilterNames(filters, itemsOf(listed, services.clock.now()), { previous: [], sourceName: platform.displayName });
  if (result.problems.length > 0) return fieldProblems(result.problems, null, platform.displayName);
  return { settings: { ...settings, filters: result.filters }, listed };
}

/** Stores what the source listed while the integration was added, and the settings problems it shows. */
export async function storeFirstDirectory(services: IntakeServices, integration: Integration, listed: ListedDirectory | null): Promise<Integration> {
  if (!listed) return integration;
  await saveDirectory(services.db, integration.id, listed, services.clock.now());
  await recordSettingsProblems(services, integration, integration.settings);
  return (await findIntegration(services.db, integration.id, { now: services.clock.now() })) ?? integration;
}

/** After settings were saved: which conditions the directory shows to be stale. */
export async function settingsSaved(services: IntakeServices, integration: Pick<Integration, 'id' | 'platform'>, settings: IntegrationSettings): Promise<void> {
  await recordSettingsProblems(services, integration, settings);
}

function keepNamesOfUnchanged(filters: readonly FilterCondition[], previous: readonly FilterCondition[]): FilterCondition[] {
  return resolveFilterNames(filters, [], { previous, sourceName: '' }).filters;
}

function itemsOf(listed: ListedDirectory, now: Date): DirectoryItem[] {
  const at = now.toISOString();
  const item = (kind: DirectoryItem['kind']) => (e: { id: string; name: string; detail?: string | null }): DirectoryItem => ({ kind, id: e.id, name: e.name, detail: e.detail ?? null, firstSeenAt: at, lastSeenAt: at, goneAt: null });
  return [...(listed.agents ?? []).map(item('agent')), ...(listed.customFields ?? []).map(item('custom_field'))];
}

function fieldProblems(problems: readonly NameProblem[], unavailable: SourceError | null, sourceName: string): FieldProblem[] {
  const note = unavailable ? ` (${sourceName} could not be asked for its current list: ${unavailable.message})` : '';
  return problems.map((p) => ({ path: `settings.filters.${p.conditionIndex}.${p.part}`, message: `${p.message}${note}` }));
}
