import type { Run } from '../core/run.js';
import { findDueIntegrationIds } from '../storage/integration.repository.js';
import { findDueWithoutOpenRun } from '../storage/run-queue.repository.js';
import type { IntakeServices } from '../services/intake-services.js';
import { requestIntegrationRun } from '../services/request-run.js';
import { waitForRunEnd, type RunDispatcher } from '../services/run-dispatch.js';
import { AlreadyRunningError, FeatureDisabledError, NotFoundError } from '../services/service-errors.js';
import { evaluateAllAlerts } from '../services/evaluate-alerts.js';
import { pruneLedger } from '../services/prune-ledger.js';
import { receivesRecords } from '../services/received-intake.js';
import { RunPool } from './run-pool.js';

export interface SchedulerOptions {
  /** How often to look for due integrations. */
  tickMs?: number;
  /** How often to evaluate volume and no-import alerts. */
  alertsEveryMs?: number;
  /** Ledger retention in days (0: keep everything); applied at start and daily. */
  ledgerRetentionDays?: number;
  /** Runs this process executes at once. */
  maxConcurrent: number;
  /** Of those, backfills at most (default: half, at least one). */
  maxBackfills?: number;
  /**
   * Distributed mode: this process only queues runs (due ones, and what users ask for); `intake
   * worker` processes claim and execute them. Default: this process executes them (embedded).
   */
  queueOnly?: boolean;
}

/**
 * The embedded scheduler and the in-process dispatcher: every due, unpaused integration gets a
 * queued scheduled run on its interval, and (unless `queueOnly`) this process claims queued runs
 * and executes them, as a worker does. One run per integration at a time is guaranteed by the run
 * lease in the database, so several processes never run the same integration twice.
 */
export class Scheduler implements RunDispatcher {
  readonly #pool: RunPool;
  /** Other work started on demand (alerts, retention), tracked so shutdown waits for it. */
  readonly #background = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #alertsTimer: NodeJS.Timeout | null = null;
  #retentionTimer: NodeJS.Timeout | null = null;
  #ticking = false;

  constructor(
    private readonly services: IntakeServices,
    private readonly options: SchedulerOptions,
  ) {
    this.#pool = new RunPool(services, {
      maxConcurrent: options.maxConcurrent,
      maxBackfills: options.maxBackfills ?? Math.max(1, Math.floor(options.maxConcurrent / 2)),
      onShutdown: 'end',
    });
  }

  /** Queues the due runs and starts those this process has room for, and waits for them: one deterministic step. */
  async runOnce(): Promise<Run[]> {
    const started = await this.#startDue();
    const runs = await Promise.all(started);
    return runs.filter((r): r is Run => r !== null);
  }

  start(): void {
    const tick = async () => {
      if (this.#ticking || this.#abort.signal.aborted) return;
      this.#ticking = true;
      try {
        await this.#startDue();
      } catch (error) {
        this.services.logger.error({ err: error }, 'the scheduler could not look for due integrations; retrying');
      } finally {
        this.#ticking = false;
      }
    };
    this.#timer = setInterval(() => void tick(), this.options.tickMs ?? 1000);
    void tick();
    const alerts = () => this.runInBackground('alerts', () => evaluateAllAlerts(this.services));
    this.#alertsTimer = setInterval(alerts, this.options.alertsEveryMs ?? 5 * 60_000);
    alerts();
    const days = this.options.ledgerRetentionDays ?? 0;
    if (days > 0) {
      const prune = () => this.runInBackground('ledger retention', async (signal) => void (await pruneLedger(this.services, days, { signal })));
      this.#retentionTimer = setInterval(prune, 86_400_000);
      prune();
    }
  }

  /** Stops scheduling; runs in flight finish the page they are writing and end `cancelled`. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#alertsTimer) clearInterval(this.#alertsTimer);
    if (this.#retentionTimer) clearInterval(this.#retentionTimer);
    this.#timer = null;
    this.#alertsTimer = null;
    this.#abort.abort(new Error('Intake is shutting down'));
    await Promise.allSettled([this.#pool.stop(), ...this.#background]);
  }

  /** In-process: starts the queued run now and answers once it runs; queue-only: leaves it to the workers. */
  async dispatch(run: Run): Promise<Run> {
    if (this.options.queueOnly) return run;
    return this.#pool.start(run);
  }

  async awaitEnd(runId: string, options: { timeoutMs?: number } = {}): Promise<Run> {
    // In process the run is this pool's; queue-only, a worker's, so only the database can tell.
    if (!this.options.queueOnly) await this.#pool.whenEnded(runId);
    return waitForRunEnd(this.services, runId, options);
  }

  /** Runs work in the background with the scheduler's shutdown signal; errors are logged. */
  runInBackground(label: string, work: (signal: AbortSignal) => Promise<void>): void {
    const task = work(this.#abort.signal)
      .catch((error: unknown) => this.services.logger.error({ err: error, task: label }, `background work "${label}" failed`))
      .finally(() => this.#background.delete(task));
    this.#background.add(task);
  }

  /** Waits for the runs in flight to end (without stopping the schedule). */
  async drain(): Promise<void> {
    while (this.#pool.size > 0 || this.#background.size > 0) await Promise.allSettled([this.#pool.drain(), ...this.#background]);
  }

  get runningIntegrationIds(): string[] {
    return this.#pool.runningIntegrationIds;
  }

  async #startDue(): Promise<Array<Promise<Run | null>>> {
    if (this.#abort.signal.aborted) return [];
    await this.#queueDue();
    if (this.options.queueOnly) return [];
    try {
      return await this.#pool.fill();
    } catch (error) {
      // Claiming met the database unable to write: nothing was claimed, the runs stay queued.
      this.services.logger.error({ err: error }, 'a scheduled run failed');
      return [];
    }
  }

  /** Each due integration without an open run gets a queued scheduled run (oldest due first). */
  async #queueDue(): Promise<void> {
    // Platforms whose records are handed to Intake (files, pushes) have nothing to read on a schedule.
    const received = this.services.platforms.list().filter(receivesRecords).map((p) => p.id);
    const due = await findDueIntegrationIds(this.services.db, this.services.clock.now(), 1000, { exceptPlatforms: received });
    for (const id of await findDueWithoutOpenRun(this.services.db, due)) {
      try {
        // Not created: another process queued it at this same moment; it waits in the queue all the same.
        await requestIntegrationRun(this.services, id, { kind: 'scheduled' });
      } catch (error) {
        // Another process took it, it was deleted, or its workspace's Integrations flag went off since the due query.
        if (error instanceof AlreadyRunningError || error instanceof FeatureDisabledError || error instanceof NotFoundError) continue;
        // Anything else (the database busy or full): said with its cause; the integration stays due,
        // so the next tick queues it again.
        this.services.logger.error({ err: error, integrationId: id }, 'a scheduled run failed');
      }
    }
  }
}
