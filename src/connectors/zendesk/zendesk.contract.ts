import type { ContractHarness, ContractSimulator } from '../platform.js';
import { fromContractFault } from '../simulation/simulator-faults.js';
import { ZendeskSimulator } from './zendesk.simulator.js';

/** The field every ticket needs, renamed by the contract's `renamed_field`. */
const RENAMED_FIELD = { from: 'via', to: 'via_info' };
const STATUS_WORDS = { open: 'open', pending: 'pending', closed: 'closed' } as const;

/** The Zendesk simulator behind the contract suite's generic controls. */
export const zendeskContractHarness: ContractHarness = {
  // The export leaves out the last minute's changes.
  settleMs: 61_000,
  authFailures: [
    { kind: 'revoked', category: 'auth_revoked', fix: /Reconnect the integration with a new token/ },
    { kind: 'forbidden', category: 'forbidden', fix: /Reconnect with the API token of a Zendesk admin/ },
  ],
  async start(options): Promise<ContractSimulator> {
    const sim = new ZendeskSimulator({
      clock: options.clock,
      subdomain: options.account ?? 'acme',
      tickets: options.contacts,
      seed: options.seed,
      spanDays: 20,
      maxPageSize: options.pageSize,
      rateLimit: options.rateLimit,
    });
    const url = await sim.start();
    const user = sim.admin;
    const credentials = sim.apiTokenCredentials(user);
    const ticket = (ref: string) => Number(ref);
    return {
      url,
      sourceAccount: sim.subdomain,
      connection: { subdomain: sim.subdomain, baseUrl: url },
      credentials,
      wrongCredentials: { credentials: { ...credentials, token: 'not-the-token' }, category: 'auth_revoked' },
      sourceRefs: () => sim.tickets().map((t) => String(t.id)),
      createRecord: (status) => String(sim.createTicket({ status: STATUS_WORDS[status] }).id),
      updateRecord(ref) {
        const current = sim.ticket(ticket(ref))!;
        sim.updateTicket(current.id, { priority: current.priority === 'urgent' ? 'low' : 'urgent', tags: [...current.tags, 'contract-change'] });
      },
      closeRecord: (ref) => void sim.updateTicket(ticket(ref), { status: 'closed' }),
      deleteRecord: (ref) => void sim.deleteTicket(ticket(ref)),
      setFault: (fault, options) => sim.injectFault(fromContractFault(fault, RENAMED_FIELD), 'export', options),
      clearFaults: () => sim.clearFaults(),
      failCredentials(kind) {
        if (kind === 'revoked') user.revoked = true;
        // An admin demoted to agent: the export is for admins only.
        else if (kind === 'forbidden') user.role = 'agent';
        else throw new Error(`the Zendesk harness cannot make credentials ${kind}`);
      },
      restoreCredentials() {
        user.revoked = false;
        user.role = 'admin';
      },
      stats: () => ({ requests: sim.stats.requests, pagedRequests: sim.stats.exportRequests, throttled: sim.stats.throttled }),
      stop: () => sim.stop(),
    };
  },
};
