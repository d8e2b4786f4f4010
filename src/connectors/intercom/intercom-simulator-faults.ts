import type { ServerResponse } from 'node:http';
import type { FaultAnswers, SimulatorFault } from '../simulation/simulator-faults.js';

/** The error.list codes Intercom answers a refused token or plan with, and their HTTP status. */
export const AUTH_ERRORS = {
  unauthorized: [401, 'Access Token Invalid'],
  token_not_found: [401, 'Token not found'],
  missing_authorization: [401, 'No authorization data was found on the request'],
  token_revoked: [401, 'Token revoked'],
  token_expired: [401, 'Token expired'],
  token_blocked: [401, 'Token blocked'],
  token_unauthorized: [401, 'Token is not allowed to access this resource'],
  api_plan_restricted: [403, 'Active subscription needed.'],
} as const;
export type AuthErrorCode = keyof typeof AUTH_ERRORS;

/**
 * Faults the Intercom simulator can inject (tests, and trying recovery by hand): the toolkit's
 * (see docs/platforms/simulators.md), Intercom's 429, any auth error, and pages that overlap.
 * `revoke_after` revokes every token.
 */
export type IntercomFault =
  /** 429 rate_limit_exceeded, the window resetting after `resetInSeconds`. */
  | { kind: 'rate_limited'; resetInSeconds: number; count?: number }
  | SimulatorFault
  /** Answers with this auth error (revoked, expired, plan restricted…) whatever the token. */
  | { kind: 'auth_error'; code: AuthErrorCode; count?: number }
  /** Each page after the first repeats the last `repeat` conversations of the page before (pagination drift). */
  | { kind: 'overlap_pages'; repeat: number; count?: number };

/** Which requests a fault touches: conversation search only (default) or every API call. */
export type FaultScope = 'search' | 'all';

/** How the simulator answers: raw bodies, error.list bodies, and its 429 with X-RateLimit headers. */
export interface IntercomAnswers {
  raw(res: ServerResponse, status: number, type: string, body: string): void;
  errorList(res: ServerResponse, status: number, code: string, message: string): void;
  rateLimited(res: ServerResponse, resetInSeconds: number): void;
}

/** Intercom's bodies for the faults the toolkit answers, and its auth errors. A connection cut mid-body is not counted in the stats. */
export function intercomFaultAnswers(answers: IntercomAnswers): FaultAnswers<IntercomFault> {
  return {
    send: (res, status, type, body) => answers.raw(res, status, type, body),
    rateLimited: (res, fault) => answers.rateLimited(res, fault.resetInSeconds),
    serverError: (res, status) => answers.errorList(res, status, 'service_unavailable', 'The service is temporarily unavailable; retry later'),
    pageBody: () => JSON.stringify({ type: 'conversation.list', conversations: [{ type: 'conversation', id: '1', state: 'open' }], total_count: 1 }),
    malformedJson: '{"type":"conversation.list","conversations": [ {"id": "1",, "state": } ], "total_count": tru',
    truncatedJson: '{"type":"conversation.list","conversations":[{"type":"conversation","id":"215468000000001","created_at":1740820000',
    htmlPage: '<!DOCTYPE html><html><head><title>Intercom is down for maintenance</title></head><body>Back soon.</body></html>',
    answerOwn(res, fault) {
      if (fault.kind !== 'auth_error') return false;
      answers.errorList(res, AUTH_ERRORS[fault.code][0], fault.code, AUTH_ERRORS[fault.code][1]);
      return true;
    },
  };
}
