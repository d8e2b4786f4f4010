import type { ContractHarness, ContractSimulator } from '../platform.js';
import { fromContractFault } from '../simulation/simulator-faults.js';
import { FreshdeskSimulator } from './freshdesk.simulator.js';

/** The field every ticket needs, renamed by the contract's `renamed_field`. */
const RENAMED_FIELD = { from: 'updated_at', to: 'modified_at' };
/** A ticket list with include=stats costs 3 credits: the harness's limit counts list requests. */
const LIST_REQUEST_CREDITS = 3;
const STATUS_CODES = { open: 2, pending: 3, closed: 5 } as const;

/** The Freshdesk simulator behind the contract suite's generic controls. */
export const freshdeskContractHarness: ContractHarness = {
  // Changes show at once, but updated_at has one-second resolution.
  settleMs: 2_000,
  authFailures: [
    { kind: 'revoked', category: 'auth_revoked', fix: /Reconnect the integration with the API key/ },
    { kind: 'forbidden', category: 'forbidden', fix: /Reconnect with the API key of an administrator/ },
  ],
  async start(options): Promise<ContractSimulator> {
    const sim = new FreshdeskSimulator({
      clock: options.clock,
      domain: options.account ?? 'acme',
      tickets: options.contacts,
      seed: options.seed,
      spanDays: 20,
      maxPageSize: options.pageSize,
      rateLimit: options.rateLimit ? { credits: options.rateLimit.requests * LIST_REQUEST_CREDITS, windowSeconds: options.rateLimit.windowSeconds } : null,
    });
    const url = await sim.start();
    const agent = sim.admin;
    const credentials = sim.credentials(agent);
    return {
      url,
      sourceAccount: sim.domain,
      connection: { domain: sim.domain, baseUrl: url },
      credentials,
      wrongCredentials: { credentials: { apiKey: 'not-the-key' }, category: 'auth_revoked' },
      // The trash and spam are listed too, by their own passes.
      sourceRefs: () => sim.tickets().map((t) => String(t.id)),
      createRecord: (status) => String(sim.createTicket({ status: STATUS_CODES[status] }).id),
      updateRecord(ref) {
        const current = sim.ticket(Number(ref))!;
        sim.updateTicket(current.id, { priority: current.priority === 4 ? 1 : 4, tags: [...current.tags, 'contract-change'] });
      },
      closeRecord: (ref) => void sim.updateTicket(Number(ref), { status: 5 }),
      deleteRecord: (ref) => void sim.deleteTicket(Number(ref)),
      setFault: (fault, options) => sim.injectFault(fromContractFault(fault, RENAMED_FIELD), 'list', options),
      clearFaults: () => sim.clearFaults(),
      failCredentials(kind) {
        if (kind === 'revoked') agent.revoked = true;
        // A role that may not view tickets: the ticket endpoints answer 403.
        else if (kind === 'forbidden') agent.canViewTickets = false;
        else throw new Error(`the Freshdesk harness cannot make credentials ${kind}`);
      },
      restoreCredentials() {
        agent.revoked = false;
        agent.canViewTickets = true;
      },
      stats: () => ({ requests: sim.stats.requests, pagedRequests: sim.stats.listRequests, throttled: sim.stats.throttled }),
      stop: () => sim.stop(),
    };
  },
};
