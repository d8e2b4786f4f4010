import type { ServerResponse } from 'node:http';

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
 * Faults the Intercom simulator can inject (tests, and trying recovery by hand). A fault with
 * `count` applies to that many matching requests, then clears; one without stays until cleared.
 */
export type IntercomFault =
  /** 429 rate_limit_exceeded, the window resetting after `resetInSeconds`. */
  | { kind: 'rate_limited'; resetInSeconds: number; count?: number }
  | { kind: 'server_error'; status?: 500 | 502 | 503 | 504; count?: number }
  | { kind: 'slow'; delayMs: number; count?: number }
  | { kind: 'reset_mid_body'; count?: number }
  | { kind: 'malformed_json'; count?: number }
  | { kind: 'truncated_json'; count?: number }
  | { kind: 'html_page'; count?: number }
  /** Answers with this auth error (revoked, expired, plan restricted…) whatever the token. */
  | { kind: 'auth_error'; code: AuthErrorCode; count?: number }
  /** Every token is revoked after this many more search requests succeed. */
  | { kind: 'revoke_after'; requests: number }
  /** Each page after the first repeats the last `repeat` conversations of the page before (pagination drift). */
  | { kind: 'overlap_pages'; repeat: number; count?: number }
  /** Renames a conversation field in every response (an API change). */
  | { kind: 'rename_field'; from: string; to: string; count?: number };

/** Which requests a fault touches: conversation search only (default) or every API call. */
export type FaultScope = 'search' | 'all';

export interface ActiveFault {
  fault: IntercomFault;
  scope: FaultScope;
  remaining: number | null;
}

export class IntercomFaultQueue {
  #active: ActiveFault[] = [];

  inject(fault: IntercomFault, scope: FaultScope = 'search'): void {
    const count = 'count' in fault ? fault.count : undefined;
    this.#active.push({ fault, scope, remaining: fault.kind === 'revoke_after' ? fault.requests : (count ?? null) });
  }

  clear(): void {
    this.#active = [];
  }

  get active(): readonly ActiveFault[] {
    return this.#active;
  }

  /** The fault for this request, if any; counts it down. `revoke` runs when a revoke_after fires. */
  take(isSearch: boolean, revoke: () => void): IntercomFault | null {
    for (const active of [...this.#active]) {
      if (active.scope === 'search' && !isSearch) continue;
      if (active.fault.kind === 'revoke_after') {
        if (!isSearch) continue;
        if (active.remaining !== null && active.remaining <= 0) {
          revoke();
          this.#active = this.#active.filter((f) => f !== active);
        } else if (active.remaining !== null) {
          active.remaining -= 1;
        }
        continue;
      }
      if (active.remaining !== null) {
        active.remaining -= 1;
        if (active.remaining <= 0) this.#active = this.#active.filter((f) => f !== active);
      }
      return active.fault;
    }
    return null;
  }
}

export interface FaultResponder {
  errorList(res: ServerResponse, status: number, code: string, message: string): void;
  raw(res: ServerResponse, status: number, type: string, body: string): void;
  rateLimited(res: ServerResponse, resetInSeconds: number): void;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Faults that replace the answer; true when the response was taken over. */
export async function answerWithFault(fault: IntercomFault, res: ServerResponse, respond: FaultResponder): Promise<boolean> {
  switch (fault.kind) {
    case 'rate_limited':
      respond.rateLimited(res, fault.resetInSeconds);
      return true;
    case 'server_error':
      respond.errorList(res, fault.status ?? 503, 'service_unavailable', 'The service is temporarily unavailable; retry later');
      return true;
    case 'auth_error':
      respond.errorList(res, AUTH_ERRORS[fault.code][0], fault.code, AUTH_ERRORS[fault.code][1]);
      return true;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return res.destroyed;
    case 'reset_mid_body': {
      const body = JSON.stringify({ type: 'conversation.list', conversations: [{ type: 'conversation', id: '1', state: 'open' }], total_count: 1 });
      res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      setTimeout(() => res.socket?.destroy(), 5);
      return true;
    }
    case 'malformed_json':
      respond.raw(res, 200, JSON_TYPE, '{"type":"conversation.list","conversations": [ {"id": "1",, "state": } ], "total_count": tru');
      return true;
    case 'truncated_json':
      respond.raw(res, 200, JSON_TYPE, '{"type":"conversation.list","conversations":[{"type":"conversation","id":"215468000000001","created_at":1740820000');
      return true;
    case 'html_page':
      respond.raw(res, 200, 'text/html; charset=utf-8', '<!DOCTYPE html><html><head><title>Intercom is down for maintenance</title></head><body>Back soon.</body></html>');
      return true;
    default:
      return false;
  }
}
