import type { RunKind, Run } from '../core/run.js';
import { withdrawQueuedRun } from '../storage/run-queue.repository.js';
import { executeRun } from './execute-run.js';
import type { IntakeServices } from './intake-services.js';
import { requestIntegrationRun } from './request-run.js';
import { AlreadyRunningError, NotFoundError } from './service-errors.js';

export interface RunIntegrationOptions {
  kind: Extract<RunKind, 'scheduled' | 'manual'>;
  requestedBy?: string | null;
  /** Aborted on shutdown: the page in flight is dropped and the run ends `cancelled`. */
  signal?: AbortSignal;
  /** Called with the run as soon as it runs. */
  onStarted?: (run: Run) => void;
}

/**
 * Runs one integration's incremental import in this process, to its end (the CLI's `integrations
 * run`, tests, benches): validated and queued like every run, then executed here at once by the one
 * executor, under the integration's run lease.
 */
export async function runIntegration(services: IntakeServices, integrationId: string, options: RunIntegrationOptions): Promise<Run> {
  const { run: queued, created } = await requestIntegrationRun(services, integrationId, { kind: options.kind, requestedBy: options.requestedBy });
  const result = await executeRun(services, queued.id, options.signal, { onClaimed: options.onStarted });
  if (result.executed) return result.run;
  // Only our own run is withdrawn; one that was waiting already stays for whoever takes it.
  if (created) await withdrawQueuedRun(services.db, queued.id);
  if (result.reason === 'gone' && created) throw new NotFoundError(`Run ${queued.id} is gone.`);
  throw new AlreadyRunningError('The integration is already running; wait for that run to finish.');
}
