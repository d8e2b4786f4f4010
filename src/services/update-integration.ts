import { displayedStatus, healthAfterReconnect, type IntegrationStatus } from '../core/integration-status.js';
import { deleteIntegrationInputSchema, integrationPatchSchema, reconnectInputSchema } from '../api/contract/integrations.js';
import type { Integration } from '../core/integration.js';
import { deleteIntegration, findIntegrationByName, recordReconnect, updateIntegration, type ChangeRecord, type IntegrationPatch } from '../storage/integration.repository.js';
import { setBackfillHint } from '../storage/integration-history.repository.js';
import { computeBackfillHint } from './backfill-hint.js';
import { settingsSaved, settingsWithIds } from './directory-filters.js';
import { verifyIdentity } from './add-integration.js';
import { platformOf } from './build-connector.js';
import { completeSettings } from './integration-input.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration } from './manage-integrations.js';
import { ConflictError, ValidationError, zodProblems, type FieldProblem } from './service-errors.js';

/**
 * Changes an integration's name, settings, connection or credentials. New credentials (and a new
 * connection) are tested against the source first and must reach the same source account.
 */
export async function updateIntegrationSettings(services: IntakeServices, workspaceId: string, id: string, rawInput: unknown, actor: string): Promise<Integration> {
  const parsed = integrationPatchSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const input = parsed.data;
  const integration = await getIntegration(services, workspaceId, id);
  const problems: FieldProblem[] = [];
  const patch: IntegrationPatch = {};
  if (input.settings) {
    const settings = completeSettings(input.settings, services.clock.now(), integration.settings);
    // Agents and custom fields named in filters are saved as the platform's ids.
    const named = Array.isArray(settings) ? settings : await settingsWithIds(services, integration, settings);
    if (Array.isArray(named)) problems.push(...named);
    else patch.settings = named;
  }
  if (input.name !== undefined && input.name !== integration.name) {
    const other = await findIntegrationByName(services.db, workspaceId, input.name);
    if (other) problems.push({ path: 'name', message: 'is already used by another integration' });
    else patch.name = input.name;
  }
  if (input.connection || input.credentials) {
    const secrets = await checkedCredentials(services, integration, input.connection, input.credentials, problems);
    if (secrets) Object.assign(patch, secrets);
  }
  if (problems.length) throw new ValidationError(problems);
  const now = services.clock.now();
  await updateIntegration(services.db, integration.id, patch, now, describeChanges(integration, patch, actor, now));
  if (patch.settings) await settingsSaved(services, integration, patch.settings);
  if (patch.settings && changedKeys(integration.settings, patch.settings).length > 0) {
    await setBackfillHint(services.db, integration.id, await computeBackfillHint(services, integration, patch.settings));
  }
  return getIntegration(services, workspaceId, integration.id);
}

/** The settings history entries for a patch: only what changed; credentials never by value. */
function describeChanges(integration: Integration, patch: IntegrationPatch, actor: string, now: Date): ChangeRecord[] {
  const changes: ChangeRecord[] = [];
  if (patch.name !== undefined && patch.name !== integration.name) changes.push({ actor, kind: 'name', before: { name: integration.name }, after: { name: patch.name } });
  if (patch.settings) {
    const keys = changedKeys(integration.settings, patch.settings);
    if (keys.length) {
      const pick = (s: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, s[k]]));
      changes.push({ actor, kind: 'settings', before: pick(integration.settings), after: pick(patch.settings) });
    }
  }
  if (patch.connection && JSON.stringify(patch.connection) !== JSON.stringify(integration.connection)) {
    changes.push({ actor, kind: 'connection', before: integration.connection, after: patch.connection });
  }
  if (patch.credentials !== undefined) {
    changes.push({ actor, kind: 'credentials', before: { updatedAt: integration.credentialsUpdatedAt }, after: { updatedAt: now.toISOString() }, note: 'credentials replaced (values are never recorded)' });
  }
  return changes;
}

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * Tests new credentials against the source and, when they work for the same source account, saves
 * them and clears a `failure` status: the next run starts at once from the saved checkpoint.
 */
export async function reconnectIntegration(services: IntakeServices, workspaceId: string, id: string, rawInput: unknown, actor: string): Promise<Integration> {
  const parsed = reconnectInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const integration = await getIntegration(services, workspaceId, id);
  const platform = platformOf(services, integration.platform);
  if (!integration.credentialsSet && platform.credentialsSchema.safeParse({}).success) {
    throw new ValidationError([{ path: 'credentials', message: `${platform.displayName} integrations take no credentials: there is nothing to reconnect` }]);
  }
  const problems: FieldProblem[] = [];
  const secrets = await checkedCredentials(services, integration, parsed.data.connection, parsed.data.credentials, problems);
  if (problems.length || !secrets) throw new ValidationError(problems);
  const now = services.clock.now();
  await updateIntegration(services.db, integration.id, secrets, now, [
    ...describeChanges(integration, secrets, actor, now),
    { actor, kind: 'reconnect', before: { status: integration.status }, after: { status: statusAfterReconnect(integration) }, note: 'credentials tested against the source and saved' },
  ]);
  await recordReconnect(services.db, integration.id, { by: actor, now });
  return getIntegration(services, workspaceId, integration.id);
}

/** Validates, then verifies against the source; null (with problems added) when invalid. */
async function checkedCredentials(
  services: IntakeServices,
  integration: Integration,
  rawConnection: Record<string, unknown> | undefined,
  rawCredentials: Record<string, unknown> | undefined,
  problems: FieldProblem[],
): Promise<Pick<IntegrationPatch, 'connection' | 'credentials'> | null> {
  const platform = platformOf(services, integration.platform);
  const connection = platform.connectionSchema.safeParse(rawConnection ?? integration.connection);
  if (!connection.success) problems.push(...zodProblems(connection.error.issues, 'connection'));
  else {
    // The stored list as it is now, the one the service reads: never save a host it would refuse.
    await services.hostPolicy.refresh();
    problems.push(...platform.connectionProblems(connection.data, services.hostPolicy));
  }
  if (!rawCredentials) {
    problems.push({ path: 'credentials', message: 'are required to change the connection: Intake tests them against the new address before saving' });
    return null;
  }
  const credentials = platform.credentialsSchema.safeParse(rawCredentials);
  if (!credentials.success) problems.push(...zodProblems(credentials.error.issues, 'credentials'));
  if (problems.length || !connection.success || !credentials.success) return null;
  // A connection that names no account (Intercom's, without a workspace id) is bound to the one the
  // credentials prove, and that must be the integration's.
  const named = platform.sourceAccount(connection.data);
  if (named && named !== integration.sourceAccount) {
    problems.push({
      path: 'connection',
      message: `points at the account "${named}", but this integration imports from "${integration.sourceAccount}"; add a separate integration for another account`,
    });
    return null;
  }
  const connector = platform.createConnector({ connection: connection.data, credentials: credentials.data, http: services.http, clock: services.clock });
  const identity = await verifyIdentity(() => connector.verifyCredentials(), platform.displayName, integration.sourceAccount);
  const bound = platform.bindAccount?.(connection.data, identity) ?? connection.data;
  return {
    connection: bound as Record<string, unknown>,
    credentials: services.cipher.encrypt(credentials.data as Record<string, unknown>, integration.id),
  };
}

/** Deletes an integration once the caller typed its name; its contacts stay in the workspace. */
export async function deleteIntegrationConfirmed(services: IntakeServices, workspaceId: string, id: string, rawInput: unknown): Promise<Integration> {
  const integration = await getIntegration(services, workspaceId, id);
  const parsed = deleteIntegrationInputSchema.safeParse(rawInput ?? {});
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  if (parsed.data.confirm !== integration.name) {
    throw new ValidationError([{ path: 'confirm', message: `must be the integration's name, "${integration.name}", to confirm the deletion` }]);
  }
  if (!(await deleteIntegration(services.db, integration.id))) throw new ConflictError('The integration was deleted meanwhile.');
  return integration;
}

/** The status reconnecting gives the integration, by the one rule in core/integration-status.ts. */
function statusAfterReconnect(integration: Integration): IntegrationStatus {
  const { health } = healthAfterReconnect({ health: integration.health, outageRuns: integration.outageRuns, outageSince: integration.outageSince, healthSince: integration.healthSince });
  return displayedStatus({ health: health.health, paused: integration.pause !== null });
}
