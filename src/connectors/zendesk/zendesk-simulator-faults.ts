import type { FaultAnswers, RetryAfterFault, SimulatorFault, UnknownAccountFault } from '../simulation/simulator-faults.js';
import type { SimulatorServer } from '../simulation/simulator-server.js';

/**
 * Faults the Zendesk simulator can inject, for the fault-injection suite and for trying Intake's
 * recovery by hand: the toolkit's (see docs/platforms/simulators.md), a 429 with Retry-After, and
 * an unknown subdomain (Zendesk's 404 page). `revoke_after` revokes every credential.
 */
export type ZendeskFault = RetryAfterFault | SimulatorFault | UnknownAccountFault;

export type FaultKind = ZendeskFault['kind'];

/** Which requests a fault touches: the export only (default) or every API call. */
export type FaultScope = 'export' | 'all';

/** The export's 429, for its own budget and for a rate_limited fault alike. */
export const EXPORT_RATE_LIMITED = { error: 'APIRateLimitExceeded', description: 'Number of allowed incremental export API requests per minute exceeded' };

/** Zendesk's bodies for the faults the toolkit answers. */
export function zendeskFaultAnswers(server: SimulatorServer<ZendeskFault, 'export'>, tickets: () => unknown[], onThrottled: () => void): FaultAnswers<ZendeskFault> {
  return {
    send: (res, status, type, body) => server.send(res, status, type, body),
    countCutOff: (status) => server.count(status),
    rateLimited(res, fault) {
      res.setHeader('retry-after', String(fault.retryAfterSeconds));
      server.json(res, 429, EXPORT_RATE_LIMITED);
      onThrottled();
    },
    serverError: (res, status) => server.json(res, status, { error: 'ServiceUnavailable', description: 'Zendesk is temporarily unavailable.' }),
    pageBody: () => JSON.stringify({ tickets: tickets().slice(0, 50), after_cursor: 'x', end_of_stream: false }),
    malformedJson: '{"tickets": [ {"id": 1,, "status": } ], "end_of_stream": tru',
    truncatedJson: '{"tickets":[{"id":1,"status":"solved","via":{"channel":"email"},"created_at":"2025-03-01T09:00:00Z"',
    htmlPage: '<!DOCTYPE html><html><head><title>Zendesk is under maintenance</title></head><body>Back soon.</body></html>',
  };
}
