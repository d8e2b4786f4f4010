import { randomUUID } from 'node:crypto';
import type { Integration } from '../core/integration.js';
import { SourceError } from '../core/source-error.js';
import { findIntegrationByName, insertIntegration } from '../storage/integration.repository.js';
import { newIntegrationInputSchema } from '../api/contract/integrations.js';
import { credentialsNotSavedMessage } from './credentials-not-saved.js';
import { completeSettings } from './integration-input.js';
import { newSettingsWithIds, storeFirstDirectory } from './directory-filters.js';
import type { IntakeServices } from './intake-services.js';
import { ConflictError, CredentialsRejectedError, ValidationError, WrongSourceAccountError, zodProblems, type FieldProblem } from './service-errors.js';

export interface AddIntegrationOptions {
  /** Test the credentials against the source before saving (default). */
  verify?: boolean;
}

/** Checks the input as addIntegration would, without saving or calling the source. */
export async function validateNewIntegration(services: IntakeServices, workspaceId: string, rawInput: unknown): Promise<FieldProblem[]> {
  try {
    await prepare(services, workspaceId, rawInput);
    return [];
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ConflictError) return error.details;
    throw error;
  }
}

/**
 * Validates everything the caller sent (naming every bad field), tests the credentials against
 * the source, then saves the integration with its credentials encrypted. Due to run at once.
 */
export async function addIntegration(
  services: IntakeServices,
  workspaceId: string,
  rawInput: unknown,
  actor: string,
  options: AddIntegrationOptions = {},
): Promise<Integration> {
  const prepared = await prepare(services, workspaceId, rawInput);
  const { platform, input, credentials, settings } = prepared;
  let connection = prepared.connection;
  if (options.verify !== false) {
    const connector = platform.createConnector({ connection, credentials, http: services.http, clock: services.clock });
    const identity = await verifyIdentity(() => connector.verifyCredentials(), platform.displayName, platform.sourceAccount(connection) || null, (error) => credentialsNotSavedMessage(error, platform, credentials));
    // Some platforms learn the account only from the credentials (Intercom: the token's workspace).
    connection = platform.bindAccount?.(connection, identity) ?? connection;
  }
  const sourceAccount = platform.sourceAccount(connection);
  if (!sourceAccount) {
    throw new ValidationError([
      { path: 'connection', message: `names no ${platform.displayName} account, and ${platform.displayName} tells it only when the credentials are tested: keep the test on, or name the account in the connection` },
    ]);
  }
  // Agents and custom fields named in filters are saved as the platform's ids (its directory is read once the credentials are known good).
  const named = await newSettingsWithIds(services, platform, () => platform.createConnector({ connection, credentials, http: services.http, clock: services.clock }), settings, { askSource: options.verify !== false });
  if (Array.isArray(named)) throw new ValidationError(named);
  const id = randomUUID();
  const hasCredentials = Object.keys(credentials as object).length > 0;
  const added = await insertIntegration(services.db, {
    id,
    workspaceId,
    platform: platform.id,
    name: input.name,
    sourceAccount,
    connection: connection as Record<string, unknown>,
    credentials: hasCredentials ? services.cipher.encrypt(credentials as Record<string, unknown>, id) : null,
    settings: named.settings,
    now: services.clock.now(),
    createdBy: actor,
  });
  return storeFirstDirectory(services, added, named.listed);
}

async function prepare(services: IntakeServices, workspaceId: string, rawInput: unknown) {
  // Every part is checked even when another is wrong, so the caller hears every problem at once.
  const parsed = newIntegrationInputSchema.safeParse(rawInput);
  const problems: FieldProblem[] = parsed.success ? [] : zodProblems(parsed.error.issues);
  const raw = (rawInput && typeof rawInput === 'object' ? rawInput : {}) as Record<string, unknown>;
  const platform = typeof raw.platform === 'string' ? services.platforms.get(raw.platform.trim()) : null;
  if (!platform && !problems.some((p) => p.path === 'platform')) {
    const known = services.platforms.list().map((p) => p.id).join(', ');
    problems.push({ path: 'platform', message: `unknown platform "${String(raw.platform)}"; use one of ${known}` });
  }
  const connection = platform?.connectionSchema.safeParse(raw.connection ?? {});
  if (connection && !connection.success) problems.push(...zodProblems(connection.error.issues, 'connection'));
  const credentials = platform?.credentialsSchema.safeParse(raw.credentials ?? {});
  if (credentials && !credentials.success) problems.push(...zodProblems(credentials.error.issues, 'credentials'));
  const settings = parsed.success ? completeSettings(parsed.data.settings, services.clock.now()) : null;
  if (Array.isArray(settings)) problems.push(...settings);
  if (platform && connection?.success) {
    // Judged on the stored list as it is now — the one every process reads — so nothing is saved
    // with a host the service would refuse.
    await services.hostPolicy.refresh();
    problems.push(...platform.connectionProblems(connection.data, services.hostPolicy));
  }
  if (problems.length > 0 || !parsed.success || !platform || !connection?.success || !credentials?.success || !settings || Array.isArray(settings)) {
    throw new ValidationError(problems);
  }
  const input = parsed.data;

  if (await findIntegrationByName(services.db, workspaceId, input.name)) {
    throw new ConflictError(`An integration named "${input.name}" already exists in this workspace; choose another name.`, [
      { path: 'name', message: 'is already used by another integration' },
    ]);
  }
  return { platform, input, connection: connection.data, credentials: credentials.data, settings };
}

/**
 * Asks the source who the credentials are; refuses them when they belong to another account than
 * `expectedAccount` (null: the connection does not name one yet, the credentials will).
 */
export async function verifyIdentity(
  verify: () => Promise<{ sourceAccount: string; principal: string }>,
  platformName: string,
  /** null: any account (the credentials decide it). */
  expectedAccount: string | null,
  /** How a refusal reads; by default the platform's own message, written for an existing integration. */
  refusal: (error: SourceError) => string = (error) => `The credentials were not saved: ${error.message}`,
): Promise<{ sourceAccount: string; principal: string }> {
  let identity: { sourceAccount: string; principal: string };
  try {
    identity = await verify();
  } catch (error) {
    if (error instanceof SourceError) {
      throw new CredentialsRejectedError(refusal(error), error.category, { cause: error });
    }
    throw error;
  }
  if (expectedAccount !== null && identity.sourceAccount !== expectedAccount) {
    throw new WrongSourceAccountError(
      `These credentials sign in to the ${platformName} account "${identity.sourceAccount}", but this integration imports from "${expectedAccount}". Use credentials of "${expectedAccount}", or add a separate integration for "${identity.sourceAccount}".`,
      expectedAccount,
      identity.sourceAccount,
    );
  }
  return identity;
}
