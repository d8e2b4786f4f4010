import type { PlatformDefinition, ReceivedIntake } from '../connectors/platform.js';
import type { Integration } from '../core/integration.js';
import type { MappedRecord } from '../core/ports.js';
import { findReceivedRecord, MAX_KEPT_CHARS, replaceReceivedRecord, type ReceivedRecord } from '../storage/received-record.repository.js';
import type { IntakeServices } from './intake-services.js';
import { ConflictError, ValidationError } from './service-errors.js';

/** How a correction made by hand is marked in the kept copy's location (once). */
const CORRECTED = ', corrected by hand';

/**
 * A kept copy mapped again with the integration's connection as it is now, carrying its copy so the
 * import keeps or drops it like any received record.
 */
export function mapKeptCopy(platform: PlatformDefinition, integration: Integration, kept: Pick<ReceivedRecord, 'values' | 'location'>, version: number): MappedRecord {
  const received = platform.received as ReceivedIntake<unknown>;
  const parsed = platform.connectionSchema.safeParse(integration.connection);
  const connection = parsed.success ? parsed.data : integration.connection;
  return { ...received.mapKept(kept.values, { connection, location: kept.location, version }), received: { values: kept.values, location: kept.location } };
}

/** The kept copy of a reference under an integration of a platform that receives its records, or null. */
export async function keptCopyOf(services: IntakeServices, integration: Integration, sourceRef: string): Promise<ReceivedRecord | null> {
  return findReceivedRecord(services.db, integration.id, sourceRef);
}

/**
 * Before the manual import of a received record: there must be a kept copy to import, and values
 * given by hand replace the kept ones (the rest stay) — as long as the row keeps its reference.
 */
export async function prepareKeptCopy(services: IntakeServices, integration: Integration, platform: PlatformDefinition, sourceRef: string, values: Record<string, unknown> | undefined): Promise<void> {
  const kept = await keptCopyOf(services, integration, sourceRef);
  const noun = platform.presentation.noun.one;
  if (!kept) {
    throw new ConflictError(
      `"${integration.name}" has no ${noun} ${sourceRef} kept to import: Intake keeps the last copy received of a ${noun} that was not imported, until it imports. Send it again (${platform.files ? 'upload the file' : 'push the record'}).`,
    );
  }
  if (!values) return;
  const corrected = { ...kept.values, ...values };
  if (JSON.stringify(corrected).length > MAX_KEPT_CHARS) throw new ValidationError([{ path: 'values', message: `hold more than ${MAX_KEPT_CHARS / 1024} KiB as JSON: send the ${noun} again instead` }]);
  const location = kept.location.endsWith(CORRECTED) ? kept.location : `${kept.location}${CORRECTED}`;
  const mapped = mapKeptCopy(platform, integration, { values: corrected, location }, services.clock.now().getTime());
  const ref = mapped.ok ? mapped.contact.sourceRef : mapped.sourceRef;
  if (ref !== sourceRef) {
    throw new ValidationError([
      { path: 'values', message: `give the ${noun} the reference "${ref ?? ''}": a manual import of ${sourceRef} keeps its reference (send a ${noun} with another reference as a new one)` },
    ]);
  }
  await replaceReceivedRecord(services.db, { ...kept, values: corrected, location, workspaceId: integration.workspaceId, receivedAt: services.clock.now().toISOString() });
}
