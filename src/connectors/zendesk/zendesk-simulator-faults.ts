/**
 * Faults the Zendesk simulator can inject, for the fault-injection suite and for trying Intake's
 * recovery by hand. A fault with `count` applies to that many matching requests, then clears;
 * one without stays until cleared.
 */
export type ZendeskFault =
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
  /** Every credential is revoked after this many more export requests succeed. */
  | { kind: 'revoke_after'; requests: number }
  /** Renames a ticket field in every response (an API change). */
  | { kind: 'rename_field'; from: string; to: string; count?: number }
  /** The account (subdomain) does not exist: Zendesk's 404. */
  | { kind: 'unknown_account'; count?: number };

export type FaultKind = ZendeskFault['kind'];

/** Which requests a fault touches: the export only (default) or every API call. */
export type FaultScope = 'export' | 'all';

export interface ActiveFault {
  fault: ZendeskFault;
  scope: FaultScope;
  remaining: number | null;
}

export const FAULT_KINDS: readonly FaultKind[] = [
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
