import type { Integration } from '../core/integration.js';
import type { Run } from '../core/run.js';
import { findIntegration } from '../storage/integration.repository.js';
import { findOpenIntegrationRun, queueIntegrationRun } from '../storage/run-queue.repository.js';
import { hasCompletedRead, interruptStaleRun } from '../storage/run.repository.js';
import { assertIntegrationsEnabled } from './integrations-flag.js';
import type { IntakeServices } from './intake-services.js';
import { AlreadyRunningError, NotFoundError } from './service-errors.js';

/** A scheduled or manual run asked for: the one queued now, or the one that was already waiting. */
export interface RequestedRun {
  run: Run;
  /** False: the integration had a queued run already (perhaps queued by another process this very moment); that run is the answer. */
  created: boolean;
}

/**
 * A scheduled or manual run, asked for: validated (the integration exists, its workspace imports,
 * nothing reads it now) and written `queued`. One already queued is the answer instead of a second
 * (an integration has at most one open such run — the database refuses another, so two processes
 * asking at once get the same run). Not started: a dispatcher does that.
 */
export async function requestIntegrationRun(services: IntakeServices, integrationId: string, options: { kind: 'scheduled' | 'manual'; requestedBy?: string | null }): Promise<RequestedRun> {
  const now = services.clock.now();
  // A lease past its expiry is no one's: its run is taken over, not waited for.
  const integration = await findIntegration(services.db, integrationId, { now });
  if (!integration) throw new NotFoundError(`Integration ${integrationId} does not exist.`);
  await assertIntegrationsEnabled(services, integration.workspaceId);
  const open = await findOpenIntegrationRun(services.db, integration.id);
  if (open?.status === 'queued') return { run: open, created: false };
  const leaseHeld = integration.runningSince !== null;
  if (leaseHeld || (open && !staleRun(open, now, services.leaseMs))) {
    throw new AlreadyRunningError(`"${integration.name}" is already running; wait for that run to finish.`);
  }
  // Nobody will take a stale run over: it ends so that the new one may open.
  if (open) await interruptStaleRun(services.db, open.id, now);
  return queueIntegrationRun(services.db, {
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
