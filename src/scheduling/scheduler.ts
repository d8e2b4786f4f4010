import type { Run } from '../core/run.js';
import { findDueIntegrationIds } from '../storage/integration.repository.js';
import type { IntakeServices } from '../services/intake-services.js';
import { runIntegration } from '../services/run-integration.js';
import { AlreadyRunningError, FeatureDisabledError } from '../services/service-errors.js';
import { evaluateAllAlerts } from '../services/evaluate-alerts.js';
import { pruneLedger } from '../services/prune-ledger.js';

export interface SchedulerOptions {
  /** How often to look for due integrations. */
  tickMs?: number;
  /** How often to evaluate volume and no-import alerts. */
  alertsEveryMs?: number;
  /** Ledger retention in days (0: keep everything); applied at start and daily. */
  ledgerRetentionDays?: number;
  /** Runs this process executes at once. */
  maxConcurrent: number;
  /**
   * Distributed mode: hand due integrations to workers (the run queue) instead of running them
   * here. Resolves false when the integration was already queued.
   */
  dispatch?: (integrationId: string) => Promise<boolean>;
}

/**
 * The embedded scheduler: runs every due, unpaused integration on its interval. One run per
 * integration at a time is guaranteed by the run lease in the database, so several processes
 * (or a CLI run beside the service) never run the same integration twice.
 */
export class Scheduler {
  readonly #running = new Map<string, Promise<Run | null>>();
  /** Other work started on demand (backfills, previews), tracked so shutdown waits for it. */
  readonly #background = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #alertsTimer: NodeJS.Timeout | null = null;
  #retentionTimer: NodeJS.Timeout | null = null;
  /** Distributed mode: when each integration was last handed to the queue. */
  readonly #dispatched = new Map<string, number>();
  #ticking = false;

  constructor(
    private readonly services: IntakeServices,
    private readonly options: SchedulerOptions,
  ) {}

  /** Starts the due runs this process has room for and waits for them: one deterministic step. */
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
    const alerts = () =>
      this.runInBackground('alerts', () => evaluateAllAlerts(this.services));
    this.#alertsTimer = setInterval(alerts, this.options.alertsEveryMs ?? 5 * 60_000);
    alerts();
    const days = this.options.ledgerRetentionDays ?? 0;
    if (days > 0) {
      const prune = () => this.runInBackground('ledger retention', async () => void (await pruneLedger(this.services, days)));
      this.#retentionTimer = setInterval(prune, 86_400_000);
      prune();
    }
  }

  /** Stops scheduling; runs in flight drop their current page and end `cancelled`. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#alertsTimer) clearInterval(this.#alertsTimer);
    if (this.#retentionTimer) clearInterval(this.#retentionTimer);
    this.#timer = null;
    this.#alertsTimer = null;
    this.#abort.abort(new Error('Intake is shutting down'));
    await Promise.allSettled([...this.#running.values(), ...this.#background]);
  }

  /**
   * Starts a run now ("run now") and resolves with it as soon as it exists; the run goes on in the
   * background, tracked like scheduled ones so shutdown waits for it.
   */
  launch(integrationId: string, options: { requestedBy: string | null }): Promise<Run> {
    return new Promise<Run>((resolve, reject) => {
      let started = false;
      const run = runIntegration(this.services, integrationId, {
        kind: 'manual',
        requestedBy: options.requestedBy,
        signal: this.#abort.signal,
        onStarted: (created) => {
          started = true;
          resolve(created);
        },
      })
        .catch((error: unknown) => {
          if (!started) reject(error);
          else this.services.logger.error({ err: error, integrationId }, 'a manual run failed');
          return null;
        })
        .finally(() => {
          if (this.#running.get(integrationId) === run) this.#running.delete(integrationId);
        });
      if (!this.#running.has(integrationId)) this.#running.set(integrationId, run);
    });
  }

  /** Runs work in the background with the scheduler's shutdown signal; errors are logged. */
  runInBackground(label: string, work: (signal: AbortSignal) => Promise<void>): void {
    const task = work(this.#abort.signal)
      .catch((error: unknown) => this.services.logger.error({ err: error, task: label }, `background work "${label}" failed`))
      .finally(() => this.#background.delete(task));
    this.#background.add(task);
  }

  async #dispatchDue(dispatch: (integrationId: string) => Promise<boolean>): Promise<void> {
    const now = this.services.clock.now().getTime();
    for (const id of await findDueIntegrationIds(this.services.db, this.services.clock.now(), 100)) {
      // A due integration stays due until a worker's run moves its next run: ask the queue again only now and then.
      if (now - (this.#dispatched.get(id) ?? 0) < 30_000) continue;
      this.#dispatched.set(id, now);
      if (await dispatch(id)) this.services.logger.debug({ integrationId: id }, 'queued a scheduled run for the workers');
    }
  }

  /** Waits for the runs in flight to end (without stopping the schedule). */
  async drain(): Promise<void> {
    while (this.#running.size > 0 || this.#background.size > 0) await Promise.allSettled([...this.#running.values(), ...this.#background]);
  }

  get runningIntegrationIds(): string[] {
    return [...this.#running.keys()];
  }

  async #startDue(): Promise<Array<Promise<Run | null>>> {
    if (this.options.dispatch) {
      await this.#dispatchDue(this.options.dispatch);
      return [];
    }
    const room = this.options.maxConcurrent - this.#running.size;
    if (room <= 0 || this.#abort.signal.aborted) return [];
    const due = await findDueIntegrationIds(this.services.db, this.services.clock.now(), room + this.#running.size);
    const started: Array<Promise<Run | null>> = [];
    for (const id of due) {
      if (this.#running.has(id) || this.#running.size >= this.options.maxConcurrent) continue;
      const run = runIntegration(this.services, id, { kind: 'scheduled', signal: this.#abort.signal })
        .catch((error: unknown) => {
          // Another process took it, or its workspace's Integrations flag went off since the due query.
          if (!(error instanceof AlreadyRunningError) && !(error instanceof FeatureDisabledError)) this.services.logger.error({ err: error, integrationId: id }, 'a scheduled run failed');
          return null;
        })
        .finally(() => this.#running.delete(id));
      this.#running.set(id, run);
      started.push(run);
    }
    return started;
  }
}
