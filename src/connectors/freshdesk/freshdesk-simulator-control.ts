import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FreshdeskFault, FreshdeskFaultScope } from './freshdesk-simulator-faults.js';
import type { FreshdeskSimulator } from './freshdesk.simulator.js';

/**
 * The simulator's own control routes under /_simulator/ (not Freshdesk's): state, activity,
 * faults and revocations, for `intake sim` and for tests driving a simulator in another process.
 */
export async function handleControlRequest(sim: FreshdeskSimulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let body: Record<string, unknown> = {};
  if (req.method === 'POST') {
    try {
      body = (await readJson(req)) as Record<string, unknown>;
    } catch {
      return sim.json(res, 400, { error: 'the control body must be JSON' });
    }
  }
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /_simulator/state') {
    return sim.json(res, 200, { domain: sim.domain, tickets: sim.store.size, stats: sim.stats, faults: sim.faults.active, now: sim.clock.now().toISOString() });
  }
  if (route === 'POST /_simulator/mutate') {
    return sim.json(res, 200, { touched: sim.mutate(body as Parameters<FreshdeskSimulator['mutate']>[0]) });
  }
  if (route === 'POST /_simulator/faults') {
    const { scope, ...fault } = body as FreshdeskFault & { scope?: FreshdeskFaultScope };
    sim.injectFault(fault as FreshdeskFault, scope ?? 'list');
    return sim.json(res, 200, { faults: sim.faults.active });
  }
  if (route === 'DELETE /_simulator/faults') {
    sim.clearFaults();
    return sim.json(res, 200, { faults: [] });
  }
  if (route === 'POST /_simulator/revoke') {
    if (typeof body.apiKey === 'string') sim.revokeKey(body.apiKey);
    else sim.revokeAll();
    return sim.json(res, 200, { revoked: true });
  }
  return sim.json(res, 404, { error: 'unknown simulator control route' });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}
