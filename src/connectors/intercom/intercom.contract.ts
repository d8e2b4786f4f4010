import type { ContractFault, ContractHarness, ContractSimulator } from '../platform.js';
import { fromContractFault } from '../simulation/simulator-faults.js';
import type { IntercomFault } from './intercom-simulator-faults.js';
import { IntercomSimulator } from './intercom.simulator.js';

function intercomFault(fault: ContractFault): IntercomFault {
  // Intercom says when to come back with X-RateLimit-Reset, not Retry-After.
  if (fault.kind === 'rate_limited') return { kind: 'rate_limited', resetInSeconds: fault.retryAfterSeconds, count: fault.count };
  return fromContractFault(fault, { from: 'source', to: 'origin' });
}

/** The Intercom simulator behind the contract suite's generic controls. */
export const intercomContractHarness: ContractHarness = {
  // Changes younger than two minutes wait for the next run (the search index trails writes).
  settleMs: 121_000,
  authFailures: [
    { kind: 'revoked', category: 'auth_revoked', fix: /Reconnect the integration with a new access token/ },
    { kind: 'expired', category: 'auth_expired', fix: /Reconnect the integration to authorise Intake again/ },
    { kind: 'forbidden', category: 'forbidden', fix: /An Intercom admin must restore the subscription/ },
  ],
  async start(options): Promise<ContractSimulator> {
    const sim = new IntercomSimulator({
      clock: options.clock,
      workspaceId: options.account ?? 'ecahpwf5',
      conversations: options.contacts,
      seed: options.seed,
      spanDays: 20,
      maxPageSize: options.pageSize,
      rateLimit: options.rateLimit,
    });
    const url = await sim.start();
    const token = sim.accessToken;
    const now = () => Math.floor(options.clock.now().getTime() / 1000);
    return {
      url,
      sourceAccount: sim.workspaceId,
      // No workspace id: as an admin adds it, the token says which workspace it reads (bindAccount).
      connection: { region: sim.region, baseUrl: url },
      credentials: { accessToken: token },
      wrongCredentials: { credentials: { accessToken: 'not-a-token' }, category: 'auth_revoked' },
      sourceRefs: () => sim.conversations().map((c) => c.id),
      createRecord(status) {
        if (status === 'open') return sim.createConversation({ state: 'open', open: true }).id;
        if (status === 'pending') return sim.createConversation({ state: 'snoozed', open: true, snoozed_until: now() + 3600 }).id;
        return sim.createConversation({ state: 'closed', open: false }).id;
      },
      updateRecord(ref) {
        const current = sim.conversation(ref)!;
        sim.updateConversation(ref, { priority: current.priority === 'priority' ? 'not_priority' : 'priority' });
      },
      closeRecord: (ref) => void sim.updateConversation(ref, { state: 'closed', open: false, snoozed_until: null }),
      deleteRecord: (ref) => void sim.deleteConversation(ref),
      setFault: (fault, options) => sim.injectFault(intercomFault(fault), 'search', options),
      clearFaults: () => sim.clearFaults(),
      failCredentials(kind) {
        if (kind === 'revoked') sim.setTokenState('revoked', token);
        else if (kind === 'expired') sim.setTokenState('expired', token);
        else sim.planRestricted = true;
      },
      restoreCredentials() {
        sim.setTokenState('active', token);
        sim.planRestricted = false;
      },
      stats: () => ({ requests: sim.stats.requests, pagedRequests: sim.stats.searchRequests, throttled: sim.stats.throttled }),
      stop: () => sim.stop(),
    };
  },
};
