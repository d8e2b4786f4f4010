import { listHistory } from '../storage/integration-history.repository.js';
import { listStatusEvents } from '../storage/status-event.repository.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration } from './manage-integrations.js';

export interface IntegrationHistoryEntry {
  at: string;
  actor: string;
  kind: 'created' | 'settings' | 'name' | 'connection' | 'credentials' | 'status' | 'pause' | 'resume' | 'reconnect';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
}

/** Settings history and status changes of an integration, newest first. */
export async function integrationHistory(services: IntakeServices, workspaceId: string, integrationId: string): Promise<IntegrationHistoryEntry[]> {
  const integration = await getIntegration(services, workspaceId, integrationId);
  const changes: IntegrationHistoryEntry[] = (await listHistory(services.db, integration.id)).map((h) => ({ at: h.at, actor: h.actor, kind: h.kind, before: h.before, after: h.after, note: h.note }));
  const statuses: IntegrationHistoryEntry[] = (await listStatusEvents(services.db, integration.id))
    .filter((e) => e.cause.kind !== 'created' && e.cause.kind !== 'reconnect')
    .map((e) => ({
      at: e.at,
      actor: e.cause.by ?? 'Intake',
      kind: e.cause.kind === 'pause' ? 'pause' : e.cause.kind === 'resume' ? 'resume' : 'status',
      before: { status: e.from },
      after: { status: e.to },
      note: e.cause.note ?? e.cause.message ?? (e.cause.category ? `${e.cause.category}` : null),
    }));
  // Both lists are oldest first: reversed, a stable sort keeps same-instant entries newest first.
  return [...changes.reverse(), ...statuses.reverse()].sort((a, b) => b.at.localeCompare(a.at));
}
