import type { ServerResponse } from 'node:http';
import type { FaultAnswers, RetryAfterFault, SimulatorFault } from '../simulation/simulator-faults.js';

/** The ErrorBody codes the simulator answers a refused request with, and their HTTP status. */
export const GENESYS_AUTH_ERRORS = {
  'bad.credentials': [401, 'Invalid login credentials.'],
  'credentials.expired': [401, 'The supplied credentials are expired and cannot be used.'],
  'ip.not.authorized': [401, 'Access from this IP address is not authorized for this organization.'],
  'missing.permissions': [403, 'You are missing the following permission(s): analytics:conversationDetail:view'],
} as const;
export type GenesysAuthErrorCode = keyof typeof GENESYS_AUTH_ERRORS;

/**
 * Faults the Genesys Cloud simulator can inject: the toolkit's (docs/platforms/simulators.md), its
 * 429 with Retry-After (a daily quota is a long one), any ErrorBody refusal, and jobs that fail or
 * expire. `revoke_after` deletes the OAuth client (its tokens stop working).
 */
export type GenesysFault =
  | RetryAfterFault
  | SimulatorFault
  /** Answers with this ErrorBody refusal whatever the token. */
  | { kind: 'auth_error'; code: GenesysAuthErrorCode; count?: number }
  /** Jobs submitted from now on end FAILED with this message. */
  | { kind: 'job_failed'; message: string; count?: number };

/** Which requests a fault touches: the paged ones (details query, job results; default) or all. */
export type GenesysFaultScope = 'paged' | 'all';

export interface GenesysAnswers {
  raw(res: ServerResponse, status: number, type: string, body: string): void;
  errorBody(res: ServerResponse, status: number, code: string, message: string, headers?: Record<string, string>): void;
}

/** Genesys's bodies for the faults the toolkit answers, and its refusals. */
export function genesysFaultAnswers(answers: GenesysAnswers, onThrottle: () => void): FaultAnswers<GenesysFault> {
  return {
    send: (res, status, type, body) => answers.raw(res, status, type, body),
    rateLimited(res, fault) {
      onThrottle();
      answers.errorBody(res, 429, 'too.many.requests.retry.after', `Rate limit exceeded the maximum. Retry the request in [${fault.retryAfterSeconds}] seconds`, { 'retry-after': String(fault.retryAfterSeconds) });
    },
    serverError: (res, status) => answers.errorBody(res, status, status === 503 ? 'service.unavailable' : 'internal.server.error', 'The service is currently unavailable.'),
    pageBody: () => JSON.stringify({ totalHits: 1, conversations: [{ conversationId: '7f1c2a9e-0000-4000-8000-000000000001', conversationStart: '2025-03-01T09:00:00.000Z', participants: [] }] }),
    malformedJson: '{"totalHits": 3, "conversations": [ {"conversationId": "7f1c2a9e",, "participants": } ]',
    truncatedJson: '{"totalHits":3,"conversations":[{"conversationId":"7f1c2a9e-0000-4000-8000-000000000001","conversationStart":"2025-03-01T09:00:00.000Z","partic',
    htmlPage: '<!DOCTYPE html><html><head><title>Genesys Cloud maintenance</title></head><body>We will be back shortly.</body></html>',
    answerOwn(res, fault) {
      if (fault.kind !== 'auth_error') return false;
      const [status, message] = GENESYS_AUTH_ERRORS[fault.code];
      answers.errorBody(res, status, fault.code, message);
      return true;
    },
  };
}
