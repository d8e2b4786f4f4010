import type { ControlAnswer } from '../simulation/simulator-control.js';
import { RESULT_ORDERS, type ResultOrder } from './intercom-conversation-store.js';

export type TokenState = 'active' | 'revoked' | 'expired';

/** What Intercom's own control routes change on the simulator. */
export interface IntercomControlTarget {
  order: ResultOrder;
  planRestricted: boolean;
  readonly tokens: readonly { adminId: string; state: TokenState }[];
  setTokenState(state: TokenState, token?: string): void;
}

/**
 * The control routes only Intercom's simulator has, beside the toolkit's state, mutate and faults:
 * token states (revoked, expired), the plan restriction and the result order.
 */
export function intercomControlRoutes(sim: IntercomControlTarget): Record<string, (body: Record<string, unknown>) => ControlAnswer> {
  return {
    'POST /_simulator/tokens': (body) => {
      const state = body.state as TokenState;
      if (!['active', 'revoked', 'expired'].includes(state)) return { status: 400, body: { error: 'state must be active, revoked or expired' } };
      sim.setTokenState(state, typeof body.token === 'string' ? body.token : undefined);
      return { status: 200, body: { tokens: sim.tokens.map((t) => ({ adminId: t.adminId, state: t.state })) } };
    },
    'POST /_simulator/plan': (body) => {
      sim.planRestricted = body.restricted === true;
      return { status: 200, body: { planRestricted: sim.planRestricted } };
    },
    'POST /_simulator/order': (body) => {
      if (!RESULT_ORDERS.includes(body.order as ResultOrder)) return { status: 400, body: { error: `order must be one of ${RESULT_ORDERS.join(', ')}` } };
      sim.order = body.order as ResultOrder;
      return { status: 200, body: { order: sim.order } };
    },
  };
}
