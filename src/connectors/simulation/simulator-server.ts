// The HTTP lifecycle and JSON helpers every simulator shares: listen, stop, count, answer, and
// hand /_simulator/ to the control routes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerControlRequest, type SimulatorControls } from './simulator-control.js';
import type { QueuedFault } from './simulator-faults.js';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

export interface SimulatorServerOptions<F extends QueuedFault, S extends string> {
  /** The counters the server keeps in the simulator's stats: every request, every answer by status. */
  stats: { requests: number; byStatus: Record<string, number> };
  /** Answers one of the platform's own requests (the control routes never reach it). */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** The platform's handlers behind /_simulator/. */
  controls: SimulatorControls<F, S>;
  /** Headers the platform puts on every answer it sends (request ids, its usage headers). */
  headers?(res: ServerResponse, status: number): void;
  /** The platform's answer to a request its own handler failed on (a bug in the simulator). */
  internalError(res: ServerResponse, error: unknown): void;
  /**
   * How long the platform takes to answer each of its own requests, in ms (default 0): a real API
   * answers in a few hundred, so a run waits on the network as it would in production (benches).
   */
  latencyMs?: number;
}

/**
 * The HTTP side of a simulator: listening and stopping, counting requests and answers, sending
 * /_simulator/ to the control routes and everything else to the platform, and writing answers
 * with the platform's headers. A platform's simulator holds one and answers through it.
 *
 * @example
 * const server = new SimulatorServer({ stats, controls, handle: (req, res, url) => this.#handle(req, res, url),
 *   internalError: (res, error) => server.json(res, 500, { error: String(error) }) });
 * const url = await server.start(); // http://127.0.0.1:<port>
 */
export class SimulatorServer<F extends QueuedFault = QueuedFault, S extends string = string> {
  #server: Server | null = null;
  #url: string | null = null;

  constructor(private readonly options: SimulatorServerOptions<F, S>) {}

  get url(): string {
    if (!this.#url) throw new Error('The simulator is not listening; call start() first.');
    return this.#url;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => {
      this.#serve(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.options.internalError(res, error);
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
    this.#url = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
    return this.#url;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Writes a whole answer: counted, with the platform's headers. */
  send(res: ServerResponse, status: number, type: string, body: string): void {
    this.count(status);
    this.options.headers?.(res, status);
    res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  json(res: ServerResponse, status: number, body: unknown): void {
    this.send(res, status, JSON_TYPE, JSON.stringify(body));
  }

  html(res: ServerResponse, status: number, body: string): void {
    this.send(res, status, HTML_TYPE, body);
  }

  /** Counts an answer by status (for one written without `send`, as a connection cut mid-body). */
  count(status: number): void {
    const byStatus = this.options.stats.byStatus;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.options.stats.requests += 1;
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname.startsWith('/_simulator/')) return answerControlRequest(this.options.controls, req, res, url, (r, status, body) => this.json(r, status, body));
    // Before the platform handles it, so its rate window counts the request when it is answered.
    if (this.options.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    return this.options.handle(req, res, url);
  }
}
