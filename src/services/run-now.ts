import type { Run } from '../core/run.js';
import type { IntakeServices } from './intake-services.js';
import { platformOf } from './build-connector.js';
import { getIntegration } from './manage-integrations.js';
import { assertReadsASource } from './received-intake.js';
import { requestIntegrationRun } from './request-run.js';
import type { RunDispatcher } from './run-dispatch.js';

/** "Run now": an integration of the caller's workspace, queued (or its queued run) and dispatched; the run is returned while it waits or goes on. */
export async function runNow(services: IntakeServices, dispatcher: RunDispatcher, workspaceId: string, idOrName: string, requestedBy: string): Promise<Run> {
  const integration = await getIntegration(services, workspaceId, idOrName);
  assertReadsASource(integration, platformOf(services, integration.platform));
  // A run already queued (by the schedule, or another click) is the answer: it is dispatched as if new.
  const { run } = await requestIntegrationRun(services, integration.id, { kind: 'manual', requestedBy });
  return dispatcher.dispatch(run);
}
