import { listAlerts, type Alert } from '../storage/alert.repository.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration } from './manage-integrations.js';

/** The workspace's volume and no-import alerts, open ones or all, optionally of one of its integrations. */
export async function readAlerts(services: IntakeServices, workspaceId: string, query: { integrationId?: string; state?: 'open' | 'all' }): Promise<Alert[]> {
  const integrationId = query.integrationId ? (await getIntegration(services, workspaceId, query.integrationId)).id : undefined;
  return listAlerts(services.db, { workspaceId, integrationId, openOnly: query.state !== 'all' });
}
