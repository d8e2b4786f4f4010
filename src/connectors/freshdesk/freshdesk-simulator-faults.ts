import type { ServerResponse } from 'node:http';

/**
 * Faults the Freshdesk simulator can inject, for fault-injection tests and for trying Intake's
 * recovery by hand. A fault with `count` applies to that many matching requests, then clears;
 * one without stays until cleared.
 */
export type FreshdeskFault =
  /** 429 with Retry-After (a storm when count is large, a long pause when the wait is long). */
  | { kind: 'rate_limited'; retryAfterSeconds: number; count?: number }
  | { kind: 'server_error'; status?: 500 | 502 | 503 | 504; count?: number }
  /** Answers after `delayMs` of real time (past the client's timeout). */
  | { kind: 'slow'; delayMs: number; count?: number }
  /** Sends the headers and half the body, then resets the connection. */
  | { kind: 'reset_mid_body'; count?: number }
  | { kind: 'malformed_json'; count?: number }
  /** A 200 whose JSON is cut off (complete HTTP, incomplete document). */
  | { kind: 'truncated_json'; count?: number }
  /** A 200 HTML maintenance page instead of JSON. */
  | { kind: 'html_page'; count?: number }
  /** Every API key is revoked after this many more ticket-list requests succeed. */
  | { kind: 'revoke_after'; requests: number }
  /** Renames a ticket field in every ticket sent (an API change). */
  | { kind: 'rename_field'; from: string; to: string; count?: number }
  /** The account (domain) does not exist. */
  | { kind: 'unknown_account'; count?: number };

export type FreshdeskFaultKind = FreshdeskFault['kind'];

/** Which requests a fault touches: the ticket list only (default) or every API call. */
export type FreshdeskFaultScope = 'list' | 'all';

export interface ActiveFault {
  fault: FreshdeskFault;
  scope: FreshdeskFaultScope;
  remaining: number | null;
}

export const FRESHDESK_FAULT_KINDS: readonly FreshdeskFaultKind[] = [
  'rate_limited',
  'server_error',
  'slow',
  'reset_mid_body',
  'malformed_json',
  'truncated_json',
  'html_page',
  'revoke_after',
  'rename_field',
  'unknown_account',
];

/** The faults waiting to hit requests, in the order they were injected. */
export class FreshdeskFaultQueue {
  #active: ActiveFault[] = [];

  inject(fault: FreshdeskFault, scope: FreshdeskFaultScope = 'list'): void {
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
  take(isList: boolean, revoke: () => void): FreshdeskFault | null {
    for (const active of [...this.#active]) {
      if (active.scope === 'list' && !isList) continue;
      if (active.fault.kind === 'revoke_after') {
        if (!isList) continue;
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
  /** Some tickets' JSON, for a body cut off mid-way. */
  sample(): string[];
  raw(res: ServerResponse, status: number, type: string, body: string): void;
  count(status: number): void;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Faults that replace the answer (429, 5xx, resets, broken bodies); true when the response was taken over. */
export async function answerWithFault(fault: FreshdeskFault, res: ServerResponse, respond: FaultResponder): Promise<boolean> {
  switch (fault.kind) {
    case 'rate_limited':
      res.setHeader('retry-after', String(fault.retryAfterSeconds));
      respond.raw(res, 429, JSON_TYPE, JSON.stringify({ code: 'rate_limit_exceeded', message: 'You have exceeded the limit of requests per minute' }));
      return true;
    case 'server_error':
      respond.raw(res, fault.status ?? 503, JSON_TYPE, JSON.stringify({ code: 'internal_error', message: 'We are facing some technical issues. Please try again later.' }));
      return true;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return res.destroyed;
    case 'reset_mid_body': {
      const body = `[${respond.sample().join(',')}]`;
      res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      setTimeout(() => res.socket?.destroy(), 5);
      respond.count(200);
      return true;
    }
    case 'malformed_json':
      respond.raw(res, 200, JSON_TYPE, '[{"id": 1,, "status": }, {"id": 2 "status": 4}');
      return true;
    case 'truncated_json':
      respond.raw(res, 200, JSON_TYPE, '[{"id":1,"status":4,"source":1,"created_at":"2025-03-01T09:00:00Z"');
      return true;
    case 'html_page':
      respond.raw(res, 200, 'text/html; charset=utf-8', '<!DOCTYPE html><html><head><title>Freshdesk is under maintenance</title></head><body>We will be back shortly.</body></html>');
      return true;
    default:
      return false;
  }
}
