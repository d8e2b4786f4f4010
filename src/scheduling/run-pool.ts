import type { Run } from '../core/run.js';
import { claimNextRun, withdrawQueuedRun } from '../storage/run-queue.repository.js';
import { findRun } from '../storage/run.repository.js';
import { claimOwner, executeRun } from '../services/execute-run.js';
import type { IntakeServices } from '../services/intake-services.js';
import { AlreadyRunningError } from '../services/service-errors.js';

export interface RunPoolOptions {
  /** Runs this process executes at once. */
  maxConcurrent: number;
  /** Of those, backfills (and previews) at most: the rest of the room stays for scheduled runs. */
  maxBackfills: number;
  /** At shutdown: `hand_back` queues each run in flight again (a worker: another one continues it); `end` ends it `cancelled`. */
  onShutdown: 'hand_back' | 'end';
  /** Called when a run here ends (a slot is free): a worker claims the next one at once instead of at its next poll. */
  onRunEnded?: () => void;
}

interface Task {
  run: Run;
  done: Promise<Run | null>;
}

/**
 * The runs one process executes: claimed from the queue in its order while there is room (never
 * more backfills than allowed, so scheduled runs always find a slot), or started on demand. Every
 * run goes through executeRun; shutdown stops them after the page they are writing.
 */
export class RunPool {
  readonly #tasks = new Map<string, Task>();
  readonly #abort = new AbortController();

  constructor(
    private readonly services: IntakeServices,
    private readonly options: RunPoolOptions,
  ) {}

  get size(): number {
    return this.#tasks.size;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Integrations whose scheduled or manual run executes here now. */
  get runningIntegrationIds(): string[] {
    return [...this.#tasks.values()].filter((t) => t.run.kind === 'scheduled' || t.run.kind === 'manual').map((t) => t.run.integrationId);
  }

  /** Claims queued runs (and runs whose process died) while there is room; returns what it started. */
  async fill(): Promise<Array<Promise<Run | null>>> {
    const started: Array<Promise<Run | null>> = [];
    while (this.#tasks.size < this.options.maxConcurrent && !this.#abort.signal.aborted) {
      const backfills = [...this.#tasks.values()].filter((t) => t.run.kind === 'backfill').length;
      const owner = claimOwner(this.services);
      const run = await claimNextRun(this.services.db, this.services.dialect, { owner, now: this.services.clock.now(), leaseMs: this.services.leaseMs }, { skipBackfills: backfills >= this.options.maxBackfills });
      if (!run) break;
      started.push(this.#execute(run, undefined, owner).done);
    }
    return started;
  }

  /**
   * Executes one queued run now, whatever the room (someone asked for it and waits), resolving
   * with it once it runs. A scheduled or manual run whose integration is busy is withdrawn.
   */
  start(run: Run): Promise<Run> {
    return new Promise<Run>((resolve, reject) => {
      let answered = false;
      const answer = (value: Run | Error) => {
        if (answered) return;
        answered = true;
        if (value instanceof Error) reject(value);
        else resolve(value);
      };
      const task = this.#execute(run, (claimed) => answer(claimed));
      void task.done.then(async (ended) => {
        if (answered) return;
        if (ended) return answer(ended);
        const now = await findRun(this.services.db, run.id);
        if (now?.status === 'queued' && now.claims === 0) {
          await withdrawQueuedRun(this.services.db, run.id);
          return answer(new AlreadyRunningError('The integration is already running; wait for that run to finish.'));
        }
        answer(now ?? run);
      }, (error: unknown) => answer(error instanceof Error ? error : new Error(String(error))));
    });
  }

  #execute(run: Run, onClaimed?: (run: Run) => void, owner?: string): Task {
    const done = executeRun(this.services, run.id, this.#abort.signal, { onShutdown: this.options.onShutdown, onClaimed, owner })
      .then((result) => (result.executed ? result.run : null))
      .catch((error: unknown) => {
        this.services.logger.error({ err: error, runId: run.id, integrationId: run.integrationId }, `run ${run.id} failed in Intake itself`);
        if (onClaimed) throw error;
        return null;
      })
      .finally(() => {
        if (this.#tasks.get(run.id)?.done === done) this.#tasks.delete(run.id);
        if (!this.#abort.signal.aborted) this.options.onRunEnded?.();
      });
    const task = { run, done };
    this.#tasks.set(run.id, task);
    return task;
  }

  /** The run's end, when it executes here. */
  whenEnded(runId: string): Promise<Run | null> | undefined {
    return this.#tasks.get(runId)?.done;
  }

  /** Waits for every run in flight to end. */
  async drain(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks.values()].map((t) => t.done));
  }

  /** Stops: each run in flight finishes the page it is writing, then is handed back or ends. */
  async stop(): Promise<void> {
    this.#abort.abort(new Error('Intake is shutting down'));
    await this.drain();
  }
}
