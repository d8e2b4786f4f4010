import type { FaultAnswers, RetryAfterFault, SimulatorFault, UnknownAccountFault } from '../simulation/simulator-faults.js';
import type { SimulatorServer } from '../simulation/simulator-server.js';

/**
 * Faults the Freshdesk simulator can inject, for fault-injection tests and for trying Intake's
 * recovery by hand: the toolkit's (see docs/platforms/simulators.md), a 429 with Retry-After, and
 * an unknown domain. `revoke_after` revokes every API key.
 */
export type FreshdeskFault = RetryAfterFault | SimulatorFault | UnknownAccountFault;

export type FreshdeskFaultKind = FreshdeskFault['kind'];

/** Which requests a fault touches: the ticket list only (default) or every API call. */
export type FreshdeskFaultScope = 'list' | 'all';

/** Freshdesk's bodies for the faults the toolkit answers; `sample` is some tickets' JSON, for a body cut off mid-way. */
export function freshdeskFaultAnswers(server: SimulatorServer<FreshdeskFault, 'list'>, sample: () => string[], onThrottled: () => void): FaultAnswers<FreshdeskFault> {
  return {
    send: (res, status, type, body) => server.send(res, status, type, body),
    countCutOff: (status) => server.count(status),
    rateLimited(res, fault) {
      res.setHeader('retry-after', String(fault.retryAfterSeconds));
      server.json(res, 429, { code: 'rate_limit_exceeded', message: 'You have exceeded the limit of requests per minute' });
      onThrottled();
    },
    serverError: (res, status) => server.json(res, status, { code: 'internal_error', message: 'We are facing some technical issues. Please try again later.' }),
    pageBody: () => `[${sample().join(',')}]`,
    malformedJson: '[{"id": 1,, "status": }, {"id": 2 "status": 4}',
    truncatedJson: '[{"id":1,"status":4,"source":1,"created_at":"2025-03-01T09:00:00Z"',
    htmlPage: '<!DOCTYPE html><html><head><title>Freshdesk is under maintenance</title></head><body>We will be back shortly.</body></html>',
  };
}
