import type { Run } from '../core/run.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration } from './manage-integrations.js';
import type { RunLauncher } from './run-launcher.js';

/** "Run now": an integration of the caller's workspace, started at once; the run is returned while it goes on. */
export async function runNow(services: IntakeServices, launcher: RunLauncher, workspaceId: string, idOrName: string, requestedBy: string): Promise<Run> {
  const integration = await getIntegration(services, workspaceId, idOrName);
  return launcher.launch(integration.id, { requestedBy });
}
