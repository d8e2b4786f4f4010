import PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';

export const RUN_QUEUE = 'intake-run';

/**
 * The distributed mode's dispatch: due integrations become pg-boss jobs that `intake worker`
 * processes on any machine. The queue's `stately` policy with the integration id as singleton key
 * holds at most one queued and one active job per integration; the run lease in the database still
 * guarantees one run at a time.
 */
export class RunQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly logger: Logger,
  ) {}

  static async open(connectionString: string, logger: Logger, options: { schema?: string } = {}): Promise<RunQueue> {
    const boss = new PgBoss({ connectionString, schema: options.schema ?? 'pgboss', max: 4 });
    boss.on('error', (error: unknown) => logger.error({ err: error }, 'the run queue (pg-boss) reported an error'));
    await boss.start();
    await boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, policy: 'stately', retryLimit: 0, expireInSeconds: 6 * 3600 });
    return new RunQueue(boss, logger);
  }

  /** Asks a worker to run the integration; false when one is already queued. */
  async enqueue(integrationId: string): Promise<boolean> {
    const id = await this.boss.send(RUN_QUEUE, { integrationId }, { singletonKey: integrationId });
    return id !== null;
  }

  /** Processes runs, `concurrency` at a time, until stop(). */
  async work(concurrency: number, handler: (integrationId: string) => Promise<void>): Promise<void> {
    for (let i = 0; i < concurrency; i += 1) {
      await this.boss.work<{ integrationId: string }>(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        if (job) await handler(job.data.integrationId);
      });
    }
    this.logger.info({ concurrency }, `worker ready: processing up to ${concurrency} run(s) at a time from the queue`);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
