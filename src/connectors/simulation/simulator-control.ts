import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson } from './request-body.js';
import type { FaultQueue, QueuedFault } from './simulator-faults.js';

/**
 * A simulator's own routes under /_simulator/ (never the platform's), for `intake sim` and for
 * tests driving a simulator in another process:
 *
 * - `GET /_simulator/state`: the platform's summary (its account, counts, stats, faults, time);
 * - `POST /_simulator/mutate` with counts (`{"creates": 2, "updates": 1}`): random activity,
 *   answered with the references touched;
 * - `POST /_simulator/faults` with a fault (`{"kind": …, "scope": …}`), `DELETE` to clear them;
 * - `POST /_simulator/revoke` (where the platform has it): one credential named in the body, or all;
 * - and whatever routes the platform adds (Intercom's token states, plan and order).
 *
 * A platform plugs its handlers in through `SimulatorControls`; this module knows no simulator.
 */
export interface SimulatorControls<F extends QueuedFault = QueuedFault, S extends string = string> {
  /** The body of GET /_simulator/state. */
  state(): Record<string, unknown>;
  /** Random activity by counts; returns the references touched. */
  mutate(counts: Record<string, unknown>): unknown[];
  /** The faults POST /_simulator/faults adds to (in the queue's paged scope unless the body names one). */
  faults: FaultQueue<F, S>;
  /** What DELETE /_simulator/faults clears: the queue, and whatever the platform resets with it. */
  clearFaults(): void;
  /** POST /_simulator/revoke: the credential the body names, or every one. Left out: no such route. */
  revoke?(body: Record<string, unknown>): void;
  /** The platform's own routes, by "METHOD /_simulator/…", each answering a status and a body. */
  routes?: Record<string, (body: Record<string, unknown>) => ControlAnswer>;
}

export interface ControlAnswer {
  status: number;
  body: unknown;
}

type Json = (res: ServerResponse, status: number, body: unknown) => void;

export async function answerControlRequest<F extends QueuedFault, S extends string>(controls: SimulatorControls<F, S>, req: IncomingMessage, res: ServerResponse, url: URL, json: Json): Promise<void> {
  let body: Record<string, unknown> = {};
  if (req.method === 'POST') {
    try {
      body = (await readJson(req)) as Record<string, unknown>;
    } catch {
      return json(res, 400, { error: 'the control body must be JSON' });
    }
  }
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /_simulator/state') return json(res, 200, controls.state());
  if (route === 'POST /_simulator/mutate') return json(res, 200, { touched: controls.mutate(body) });
  if (route === 'POST /_simulator/faults') {
    const { scope, ...fault } = body as F & { scope?: S | 'all' };
    controls.faults.inject(fault as unknown as F, scope ?? controls.faults.pagedScope);
    return json(res, 200, { faults: controls.faults.active });
  }
  if (route === 'DELETE /_simulator/faults') {
    controls.clearFaults();
    return json(res, 200, { faults: [] });
  }
  if (route === 'POST /_simulator/revoke' && controls.revoke) {
    controls.revoke(body);
    return json(res, 200, { revoked: true });
  }
  const own = controls.routes?.[route];
  if (own) {
    const answer = own(body);
    return json(res, answer.status, answer.body);
  }
  return json(res, 404, { error: 'unknown simulator control route' });
}
