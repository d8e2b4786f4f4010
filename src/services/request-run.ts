import type { Integration } from '../core/integration.js';
import type { Run } from '../core/run.js';
import { findIntegration } from '../storage/integration.repository.js';
import { findOpenIntegrationRun } from '../storage/run-queue.repository.js';
import { hasCompletedRead, insertRun } from '../storage/run.repository.js';
import { assertIntegrationsEnabled } from './integrations-flag.js';
import type { IntakeServices } from './intake-services.js';
import { AlreadyRunningError, NotFoundError } from './service-errors.js';

/**
 * A scheduled or manual run, asked for: validated (the integration exists, its workspace imports,
 * nothing else reads it now or waits to) and written `queued`. Not started: a dispatcher does that.
 */
export async function requestIntegrationRun(services: IntakeServices, integrationId: string, options: { kind: 'scheduled' | 'manual'; requestedBy?: string | null }): Promise<Run> {
  const now = services.clock.now();
  // A lease past its expiry is no one's: its run is taken over, not waited for.
  const integration = await findIntegration(services.db, integrationId, { now });
  if (!integration) throw new NotFoundError(`Integration ${integrationId} does not exist.`);
  await assertIntegrationsEnabled(services, integration.workspaceId);
  const open = await findOpenIntegrationRun(services.db, integration.id);
  const leaseHeld = integration.runningSince !== null;
  if (leaseHeld || (open && !staleRun(open, now, services.leaseMs))) {
    throw new AlreadyRunningError(`"${integration.name}" is already running; wait for that run to finish.`);
  }
  return insertRun(services.db, {
    workspaceId: integration.workspaceId,
    integrationId: integration.id,
    kind: options.kind,
    checkpointBefore: integration.checkpoint,
    requestedBy: options.requestedBy ?? null,
    catchUpSince: await catchUpSince(services, integration),
    now,
  });
}

/** A run still open whose process stopped beating long ago (before the run queue: nobody takes it over). */
function staleRun(run: Run, now: Date, leaseMs: number): boolean {
  return run.status === 'running' && run.claimedBy === null && now.getTime() - Date.parse(run.heartbeatAt) > leaseMs * 2;
}

/**
 * After an outage (or while one lasts) a run is a catch-up: it records what it recovered since the
 * outage began. Only once the integration has read its source to the end: until then every run is
 * still the first import, and what it brings was never missed.
 */
async function catchUpSince(services: IntakeServices, integration: Integration): Promise<string | null> {
  const since = integration.catchUpSince ?? (integration.health === 'failure' ? integration.healthSince : integration.outageSince);
  if (!since) return null;
  return (await hasCompletedRead(services.db, integration.id)) ? since : null;
}
