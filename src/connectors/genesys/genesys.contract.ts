import type { ContractFault, ContractHarness, ContractSimulator } from '../platform.js';
import { fromContractFault } from '../simulation/simulator-faults.js';
import type { GenesysFault } from './genesys-simulator-faults.js';
import { GenesysSimulator } from './genesys.simulator.js';

function genesysFault(fault: ContractFault): GenesysFault {
  return fromContractFault(fault, { from: 'conversationStart', to: 'conversationStartTime' });
}

/** The Genesys Cloud simulator behind the contract suite's generic controls. */
export const genesysContractHarness: ContractHarness = {
  // Changes show in the details query at once; times have one-second resolution.
  settleMs: 2_000,
  authFailures: [
    { kind: 'revoked', category: 'auth_revoked', fix: /reconnect the integration with the client id and secret of an OAuth client/ },
    // The token is granted; the details query is what refuses (one token request, one refusal).
    { kind: 'forbidden', category: 'forbidden', fix: /Give the role analytics:conversationDetail:view/, requests: 2 },
  ],
  async start(options): Promise<ContractSimulator> {
    const sim = new GenesysSimulator({
      clock: options.clock,
      ...(options.account ? { organizationId: options.account } : {}),
      conversations: options.contacts,
      seed: options.seed,
      spanDays: 20,
      maxPageSize: options.pageSize,
      rateLimit: options.rateLimit,
    });
    const url = await sim.start();
    return {
      url,
      sourceAccount: sim.organizationId,
      // The seeded history spans 20 days: every run re-queries all of it, so late changes show.
      connection: { region: 'eu-west-1', baseUrl: url, requeryDays: 31 },
      credentials: sim.credentials,
      wrongCredentials: { credentials: { clientId: sim.credentials.clientId, clientSecret: 'not-the-secret' }, category: 'auth_revoked' },
      sourceRefs: () => sim.conversations().map((c) => c.conversationId),
      // Genesys has no waiting state: an open or pending conversation is one still active.
      createRecord: (status) => sim.createConversation({ ended: status === 'closed' }).conversationId,
      updateRecord: (ref) => void sim.updateConversation(ref),
      closeRecord: (ref) => void sim.endConversation(ref),
      deleteRecord() {
        throw new Error('Genesys Cloud does not delete conversations; the contract suite does not ask it to (detectsDeletions is false).');
      },
      setFault: (fault, faultOptions) => sim.injectFault(genesysFault(fault), 'paged', faultOptions),
      clearFaults: () => sim.clearFaults(),
      failCredentials(kind) {
        if (kind === 'forbidden') sim.client.permissions.delete('analytics:conversationDetail:view');
        else sim.deleteClient();
      },
      restoreCredentials: () => sim.restoreClient(),
      stats: () => ({ requests: sim.stats.requests, pagedRequests: sim.stats.pagedRequests, throttled: sim.stats.throttled }),
      stop: () => sim.stop(),
    };
  },
};
