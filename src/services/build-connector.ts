import type { Integration } from '../core/integration.js';
import type { PlatformConnector, PlatformDefinition } from '../connectors/platform.js';
import type { SourceHttpClient } from '../connectors/source-http-client.js';
import { SourceError } from '../core/source-error.js';
import { readEncryptedCredentials } from '../storage/integration.repository.js';
import type { IntakeServices } from './intake-services.js';

export function platformOf(services: IntakeServices, platformId: string): PlatformDefinition {
  const platform = services.platforms.get(platformId);
  if (!platform) {
    throw new SourceError('config', `This integration uses the platform "${platformId}", which this version of Intake does not support.`, {});
  }
  return platform;
}

/**
 * A connector for an integration, with its stored credentials decrypted only here and only for the
 * run. `credentials` overrides them (to test new ones before saving).
 */
export async function buildConnector(
  services: IntakeServices,
  integration: Integration,
  options: { credentials?: unknown; http?: SourceHttpClient } = {},
): Promise<PlatformConnector> {
  const platform = platformOf(services, integration.platform);
  const connection = platform.connectionSchema.safeParse(integration.connection);
  if (!connection.success) {
    throw new SourceError('config', `The integration's connection settings are invalid (${connection.error.issues[0]?.message}). Edit the integration to fix them.`, {});
  }
  let raw = options.credentials;
  if (raw === undefined) {
    const envelope = await readEncryptedCredentials(services.db, integration.id);
    raw = envelope ? services.cipher.decrypt(envelope, integration.id) : {};
  }
  const credentials = platform.credentialsSchema.safeParse(raw);
  if (!credentials.success) {
    throw new SourceError('config', `The integration has no usable credentials for ${platform.displayName}. Reconnect it to enter them.`, {});
  }
  return platform.createConnector({
    connection: connection.data,
    credentials: credentials.data,
    http: options.http ?? services.http,
    clock: services.clock,
  });
}
