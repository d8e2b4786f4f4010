import { isOpenRun, type Run } from '../core/run.js';
import { findRun } from '../storage/run.repository.js';
import type { IntakeServices } from './intake-services.js';
import { NotFoundError } from './service-errors.js';

/**
 * The one dispatch port: every request for work writes a queued run, then hands it here. Two
 * adapters: in-process (the embedded scheduler executes it now, in this process) and the queue
 * (the run waits in the database until an `intake worker` claims it).
 */
export interface RunDispatcher {
  /**
   * Hands a queued run over and answers with it as the caller should show it: in-process, once it
   * is running (or has ended); to the queue, at once, queued. Rejects with AlreadyRunningError when
   * it cannot start in-process because its integration is busy (the run is withdrawn).
   */
  dispatch(run: Run): Promise<Run>;
  /** Resolves with the run once it has ended (a single import answers so) — or, after `timeoutMs`, as it is then. */
  awaitEnd(runId: string, options?: { timeoutMs?: number }): Promise<Run>;
}

/** Reads the run until it has ended: how a process waits for a run another process executes. */
export async function waitForRunEnd(services: IntakeServices, runId: string, options: { pollMs?: number; timeoutMs?: number } = {}): Promise<Run> {
  const pollMs = options.pollMs ?? 200;
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const run = await findRun(services.db, runId);
    if (!run) throw new NotFoundError(`Run ${runId} does not exist.`);
    if (!isOpenRun(run)) return run;
    if (Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The queue adapter: the run waits in the database; `intake worker` processes claim it. */
export class QueueDispatcher implements RunDispatcher {
  constructor(private readonly services: IntakeServices) {}

  async dispatch(run: Run): Promise<Run> {
    return run;
  }

  awaitEnd(runId: string, options: { timeoutMs?: number } = {}): Promise<Run> {
    return waitForRunEnd(this.services, runId, options);
  }
}
