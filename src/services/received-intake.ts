import type { Integration } from '../core/integration.js';
import type { PlatformDefinition } from '../connectors/platform.js';
import { ConflictError } from './service-errors.js';

/** Platforms whose records are handed to Intake (uploaded files, pushed batches) rather than read from a source. */
export function receivesRecords(platform: Pick<PlatformDefinition, 'files' | 'push'>): boolean {
  return Boolean(platform.files || platform.push);
}

/**
 * Pausing an integration stops its imports, whatever carries them: an upload or a push to a paused
 * integration is refused before a byte is read, so the sender keeps its records and sends them again
 * once it is resumed (a script sees 409 and retries later).
 */
export function assertReceiving(integration: Integration, what: string): void {
  if (integration.status !== 'paused') return;
  const pause = integration.pause;
  const by = pause ? ` by ${pause.by} since ${pause.at.slice(0, 16).replace('T', ' ')} UTC${pause.note ? ` ("${pause.note}")` : ''}` : '';
  throw new ConflictError(`"${integration.name}" is paused${by}: nothing was imported. Resume it to import ${what}, then send them again.`);
}

/** Run now has nothing to read on such a platform: its records arrive when they are sent. */
export function assertReadsASource(integration: Integration, platform: PlatformDefinition): void {
  if (!receivesRecords(platform)) return;
  const how = platform.files ? 'when a file is uploaded (the Upload tab, `intake upload`, or the API)' : 'when records are pushed to the API';
  throw new ConflictError(`"${integration.name}" imports ${how}; there is no source to run against. Nothing was started.`);
}
