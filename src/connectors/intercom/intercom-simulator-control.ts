import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESULT_ORDERS, type ResultOrder } from './intercom-conversation-store.js';
import type { FaultScope, IntercomFault } from './intercom-simulator-faults.js';
import type { IntercomSimulator, SimToken } from './intercom.simulator.js';

/**
 * The simulator's own routes under /_simulator/ (not Intercom's): state, activity, faults, token
 * states and the result order, for `intake sim intercom` and tests driving it from another process.
 */
export async function handleIntercomControl(sim: IntercomSimulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
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
    return sim.json(res, 200, { workspaceId: sim.workspaceId, region: sim.region, conversations: sim.store.size, order: sim.order, planRestricted: sim.planRestricted, stats: sim.stats, faults: sim.faults.active, now: sim.clock.now().toISOString() });
  }
  if (route === 'POST /_simulator/mutate') return sim.json(res, 200, { touched: sim.mutate(body as Parameters<IntercomSimulator['mutate']>[0]) });
  if (route === 'POST /_simulator/faults') {
    const { scope, ...fault } = body as IntercomFault & { scope?: FaultScope };
    sim.injectFault(fault as IntercomFault, scope ?? 'search');
    return sim.json(res, 200, { faults: sim.faults.active });
  }
  if (route === 'DELETE /_simulator/faults') {
    sim.clearFaults();
    sim.planRestricted = false;
    return sim.json(res, 200, { faults: [] });
  }
  if (route === 'POST /_simulator/tokens') {
    const state = body.state as SimToken['state'];
    if (!['active', 'revoked', 'expired'].includes(state)) return sim.json(res, 400, { error: 'state must be active, revoked or expired' });
    sim.setTokenState(state, typeof body.token === 'string' ? body.token : undefined);
    return sim.json(res, 200, { tokens: sim.tokens.map((t) => ({ adminId: t.adminId, state: t.state })) });
  }
  if (route === 'POST /_simulator/plan') {
    sim.planRestricted = body.restricted === true;
    return sim.json(res, 200, { planRestricted: sim.planRestricted });
  }
  if (route === 'POST /_simulator/order') {
    if (!RESULT_ORDERS.includes(body.order as ResultOrder)) return sim.json(res, 400, { error: `order must be one of ${RESULT_ORDERS.join(', ')}` });
    sim.order = body.order as ResultOrder;
    return sim.json(res, 200, { order: sim.order });
  }
  return sim.json(res, 404, { error: 'unknown simulator control route' });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}
