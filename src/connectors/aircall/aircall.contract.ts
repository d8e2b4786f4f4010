import type { ContractFault, ContractHarness, ContractSimulator } from '../platform.js';
import { fromContractFault } from '../simulation/simulator-faults.js';
import { companyAccountName } from './aircall-connection.js';
import { AIRCALL_SETTLE_SECONDS } from './aircall.connector.js';
import type { AircallFault } from './aircall-simulator-faults.js';
import { AircallSimulator } from './aircall.simulator.js';

/** The field every call needs, renamed by the contract's `renamed_field`. */
const RENAMED_FIELD = { from: 'started_at', to: 'start_time' };
const STATUSES = { open: 'initial', pending: 'answered', closed: 'done' } as const;
/** The seeded history spans 20 days: the harness re-reads all of it, so a change to any seeded call is seen. */
const SPAN_DAYS = 20;

function aircallFault(fault: ContractFault): AircallFault {
  // Aircall says when to come back with X-AircallApi-Reset, not Retry-After.
  if (fault.kind === 'rate_limited') return { kind: 'rate_limited', resetInSeconds: fault.retryAfterSeconds, count: fault.count };
  return fromContractFault(fault, RENAMED_FIELD);
}

/** The Aircall simulator behind the contract suite's generic controls. */
export const aircallContractHarness: ContractHarness = {
  // A scan stops a few seconds short of now: a call made now is listed by the run after that.
  settleMs: (AIRCALL_SETTLE_SECONDS + 1) * 1000,
  authFailures: [
    { kind: 'revoked', category: 'auth_revoked', fix: /Reconnect the integration with the API ID and token/ },
    { kind: 'forbidden', category: 'forbidden', fix: /An Aircall admin must restore API access/ },
  ],
  async start(options): Promise<ContractSimulator> {
    const sim = new AircallSimulator({
      clock: options.clock,
      companyName: options.account ?? 'Acme Calls',
      calls: options.contacts,
      seed: options.seed,
      spanDays: SPAN_DAYS,
      maxPageSize: options.pageSize,
      rateLimit: options.rateLimit,
    });
    const url = await sim.start();
    const credentials = sim.credentials();
    const key = sim.keys[0]!;
    return {
      url,
      sourceAccount: companyAccountName(sim.companyName),
      // No company: as an admin adds it, the company's name answers it (bindAccount).
      connection: { lookbackHours: (SPAN_DAYS + 2) * 24, baseUrl: url },
      credentials,
      wrongCredentials: { credentials: { apiId: credentials.apiId, apiToken: 'not-the-token' }, category: 'auth_revoked' },
      sourceRefs: () => sim.calls().map((c) => String(c.id)),
      createRecord: (status) => String(sim.createCall(STATUSES[status]).id),
      updateRecord: (ref) => void sim.commentCall(Number(ref)),
      closeRecord: (ref) => void sim.advanceCall(Number(ref), 'done'),
      deleteRecord() {
        throw new Error('Aircall calls cannot be deleted through the API; the platform does not detect deletions');
      },
      setFault: (fault, faultOptions) => sim.injectFault(aircallFault(fault), 'list', faultOptions),
      clearFaults: () => sim.clearFaults(),
      failCredentials(kind) {
        if (kind === 'revoked') key.revoked = true;
        else if (kind === 'forbidden') sim.apiAccessRemoved = true;
        else throw new Error(`the Aircall harness cannot make credentials ${kind}: API keys do not expire`);
      },
      restoreCredentials() {
        key.revoked = false;
        sim.apiAccessRemoved = false;
      },
      stats: () => ({ requests: sim.stats.requests, pagedRequests: sim.stats.listRequests, throttled: sim.stats.throttled }),
      stop: () => sim.stop(),
    };
  },
};
