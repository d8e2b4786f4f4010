import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { IntakeServices } from '../services/intake-services.js';
import { RunPool, type RunPoolOptions } from './run-pool.js';

export interface RunWorkerOptions extends Omit<RunPoolOptions, 'onShutdown'> {
  /** How often to look for queued runs while there is room. */
  pollMs: number;
  /** Where /healthz, /readyz and /metrics answer (0: a free port); null: no HTTP. */
  port: number | null;
  host?: string;
}

/**
 * `intake worker`: claims queued runs from the database (the queue is the runs table itself) and
 * executes them, `maxConcurrent` at a time. On stop, each run in flight finishes the page it is
 * writing and goes back to the queue with its checkpoint; a worker that dies without stopping is
 * replaced by the others once its run leases expire.
 */
export class RunWorker {
  readonly #pool: RunPool;
  #timer: NodeJS.Timeout | null = null;
  #polling = false;
  /** A slot freed while a poll was under way: poll again once it is done. */
  #pollAgain = false;
  #lastPollAt = 0;
  #stopping = false;
  #server: Server | null = null;

  constructor(
    private readonly services: IntakeServices,
    private readonly options: RunWorkerOptions,
  ) {
    // A run that ends frees its slot: the next queued run is claimed at once, not up to a poll
    // interval later (with runs of a second or less, that wait was a third of a worker's time).
    this.#pool = new RunPool(services, { maxConcurrent: options.maxConcurrent, maxBackfills: options.maxBackfills, onShutdown: 'hand_back', onRunEnded: () => void this.#poll() });
  }

  async #poll(): Promise<void> {
    if (this.#stopping) return;
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    this.#polling = true;
    try {
      do {
        this.#pollAgain = false;
        await this.#pool.fill();
        this.#lastPollAt = Date.now();
      } while (this.#pollAgain && !this.#stopping);
    } catch (error) {
      this.services.logger.error({ err: error }, 'the worker could not claim queued runs; retrying');
    } finally {
      this.#polling = false;
    }
  }

  /** Starts polling and the HTTP endpoints; resolves with the port they listen on (null without). */
  async start(): Promise<number | null> {
    this.#timer = setInterval(() => void this.#poll(), this.options.pollMs);
    void this.#poll();
    this.services.logger.info(
      { concurrency: this.options.maxConcurrent, backfills: this.options.maxBackfills, leaseMs: this.services.leaseMs },
      `worker ready: running up to ${this.options.maxConcurrent} run(s) at a time (${this.options.maxBackfills} backfill(s) at most) from the queue`,
    );
    if (this.options.port === null) return null;
    this.#server = createServer((request, response) => void this.#answer(request.url ?? '/', response));
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('error', reject);
      this.#server!.listen(this.options.port!, this.options.host ?? '0.0.0.0', () => resolve());
    });
    const port = (this.#server.address() as AddressInfo).port;
    this.services.logger.info({ port }, `worker health and metrics on port ${port} (/healthz, /readyz, /metrics)`);
    return port;
  }

  async #answer(url: string, response: import('node:http').ServerResponse): Promise<void> {
    const path = url.split('?')[0];
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    try {
      if (path === '/healthz') {
        // Alive: the claiming loop still turns (a stuck loop stops taking work: restart the process).
        const stale = Date.now() - this.#lastPollAt > Math.max(30_000, this.options.pollMs * 10);
        return json(stale && !this.#stopping ? 503 : 200, { status: stale && !this.#stopping ? 'stuck' : 'alive', runs: this.#pool.size });
      }
      if (path === '/readyz') {
        if (this.#stopping) return json(503, { status: 'stopping' });
        await sql`select 1`.execute(this.services.db);
        return json(200, { status: 'ready', runs: this.#pool.size, capacity: this.options.maxConcurrent });
      }
      if (path === '/metrics') {
        response.writeHead(200, { 'content-type': this.services.metrics.contentType }).end(await this.services.metrics.text());
        return;
      }
      json(404, { error: 'not found: /healthz, /readyz, /metrics' });
    } catch (error) {
      json(503, { status: 'database unavailable', error: error instanceof Error ? error.message : String(error) });
    }
  }

  get runsInFlight(): number {
    return this.#pool.size;
  }

  /** Stops claiming; each run in flight finishes its page and is handed back to the queue. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#pool.stop();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}
