import type { ContractHarness, ContractSimulator } from '../platform.js';
import { fromContractFault } from '../simulation/simulator-faults.js';
import { TalkdeskSimulator } from './talkdesk.simulator.js';

/** A field every call needs, renamed by the contract's `renamed_field`. */
const RENAMED_FIELD = { from: 'end_at', to: 'ended_at' };

/** The Talkdesk simulator behind the contract suite's generic controls. */
export const talkdeskContractHarness: ContractHarness = {
  // The connector leaves the last 5 minutes to the next run (the report trails the calls).
  settleMs: 6 * 60_000,
  authFailures: [
    { kind: 'revoked', category: 'auth_revoked', fix: /Reconnect the integration with the client id and secret/ },
    { kind: 'forbidden', category: 'forbidden', fix: /grant the client the scopes data-reports:read and data-reports:write/ },
  ],
  async start(options): Promise<ContractSimulator> {
    const sim = new TalkdeskSimulator({
      clock: options.clock,
      account: options.account ?? 'acme',
      calls: options.contacts,
      seed: options.seed,
      // Within the connector's look-back, so a call changed later is read again.
      spanDays: 2,
      maxPageSize: options.pageSize,
      rateLimit: options.rateLimit,
      // Ready at once: a job that makes the run wait writes a page of its own (tested in the connector's tests).
      processingMs: 0,
    });
    const url = await sim.start();
    return {
      url,
      sourceAccount: sim.account,
      connection: { account: sim.account, baseUrl: url },
      credentials: sim.credentials(),
      wrongCredentials: { credentials: { clientId: sim.client.clientId, clientSecret: 'not-the-secret' }, category: 'auth_revoked' },
      sourceRefs: () => [...sim.calls.keys()],
      // A call has no open state: one whose data Talkdesk still computes is the nearest (pending).
      createRecord: (status) => sim.endCall(status === 'closed' ? 'Valid' : 'Processing').call_id,
      updateRecord: (ref) => void sim.answerSurvey(ref, sim.calls.get(ref)!.csat_score === 5 ? 1 : 5),
      closeRecord: (ref) => void sim.validate(ref),
      deleteRecord: () => {
        throw new Error('Talkdesk reports never show a deletion; the harness cannot delete a call');
      },
      setFault: (fault, options) => sim.injectFault(fromContractFault(fault, RENAMED_FIELD), 'file', options),
      clearFaults: () => sim.clearFaults(),
      failCredentials(kind) {
        if (kind === 'revoked') sim.revoke();
        else if (kind === 'forbidden') sim.client.scope = 'missing';
        else throw new Error(`the Talkdesk harness cannot make credentials ${kind}`);
      },
      restoreCredentials() {
        sim.client.revoked = false;
        sim.client.scope = 'granted';
      },
      stats: () => ({ requests: sim.stats.requests, pagedRequests: sim.stats.pagedRequests, throttled: sim.stats.throttled }),
      stop: () => sim.stop(),
    };
  },
};
