import type { ServerResponse } from 'node:http';
import type { FaultAnswers, SimulatorFault } from '../simulation/simulator-faults.js';

/**
 * Faults the Aircall simulator can inject (tests, and trying recovery by hand): the toolkit's (see
 * docs/platforms/simulators.md) and Aircall's 429, whose X-AircallApi-Reset says when the window
 * ends. `revoke_after` deletes every API key.
 */
export type AircallFault =
  /** 429, the window resetting after `resetInSeconds`. */
  | { kind: 'rate_limited'; resetInSeconds: number; count?: number }
  | SimulatorFault;

/** Which requests a fault touches: the call list only (default) or every API call. */
export type AircallFaultScope = 'list' | 'all';

export interface AircallAnswers {
  send(res: ServerResponse, status: number, type: string, body: string): void;
  count(status: number): void;
  error(res: ServerResponse, status: number, error: string, troubleshoot: string): void;
  rateLimited(res: ServerResponse, resetInSeconds: number): void;
  /** Some calls' JSON, for a page cut off mid-way. */
  sample(): string;
}

/** Aircall's bodies for the faults the toolkit answers. */
export function aircallFaultAnswers(answers: AircallAnswers): FaultAnswers<AircallFault> {
  return {
    send: (res, status, type, body) => answers.send(res, status, type, body),
    countCutOff: (status) => answers.count(status),
    rateLimited: (res, fault) => answers.rateLimited(res, fault.resetInSeconds),
    serverError: (res, status) => answers.error(res, status, status === 503 ? 'Service Unavailable' : 'Internal Server Error', 'Something went wrong on our side. Please retry later.'),
    pageBody: () => answers.sample(),
    malformedJson: '{"calls": [{"id": 1,, "status": "done"}], "meta": {"count": 1 "total": 1}}',
    truncatedJson: '{"calls":[{"id":1840000001,"direction":"inbound","status":"done","started_at":1740820000,"answered_at":17408',
    htmlPage: '<!DOCTYPE html><html><head><title>Aircall | Maintenance</title></head><body><h1>We are performing scheduled maintenance.</h1></body></html>',
  };
}
