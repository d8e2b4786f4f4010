import { readServiceAddress, recordServiceAddress } from '../storage/operator-settings.repository.js';
import type { IntakeServices } from './intake-services.js';

/** Where users reach the service, and how Intake knows it. */
export type KnownServiceAddress =
  | { url: string; source: 'INTAKE_PUBLIC_URL' | 'recorded by intake start'; recordedAt: string | null }
  | { url: null; source: 'unknown'; recordedAt: null };

/** `intake start` records the address it really listens on, so other processes can name it. */
export async function recordListeningAddress(services: IntakeServices, url: string): Promise<void> {
  await recordServiceAddress(services.db, url, services.clock.now());
}

/**
 * The address for links printed outside the service (the CLI): INTAKE_PUBLIC_URL when this process
 * has it, else what the service recorded at its last start, else unknown — never a guessed port.
 */
export async function serviceAddress(services: IntakeServices, configuredPublicUrl: string | null): Promise<KnownServiceAddress> {
  if (configuredPublicUrl) return { url: configuredPublicUrl, source: 'INTAKE_PUBLIC_URL', recordedAt: null };
  const recorded = await readServiceAddress(services.db);
  if (recorded?.url) return { url: recorded.url.replace(/\/$/, ''), source: 'recorded by intake start', recordedAt: recorded.recordedAt };
  return { url: null, source: 'unknown', recordedAt: null };
}
