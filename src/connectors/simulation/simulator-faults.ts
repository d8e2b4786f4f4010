import type { ServerResponse } from 'node:http';
import type { ContractFault } from '../platform.js';

/**
 * The fault model every simulator shares: the kinds of trouble a source can cause, a queue that
 * lets them hit the next requests, and the answers whose shape is the same on every platform
 * (a slow answer, a connection reset mid-body, broken JSON, an HTML page). A platform adds its own
 * kinds (an unknown account, an auth error) and supplies its bodies as data or small callbacks.
 *
 * A fault with `count` hits that many matching requests, then clears; one without stays until
 * cleared. Its scope says which requests it hits: the platform's paged request (the one a run
 * pages through: Zendesk's export, Freshdesk's ticket list, Intercom's search) or `all`.
 */

/** The contract suite's faults that every simulator answers alike (all but the 429 and the renamed field, whose shapes are the platform's). */
export type SharedFault = Exclude<ContractFault, { kind: 'rate_limited' | 'renamed_field' }>;
/** Every credential is revoked after this many more paged requests succeed. */
export type RevokeAfterFault = { kind: 'revoke_after'; requests: number };
/** Renames a field in every record sent (an API change). */
export type RenameFieldFault = { kind: 'rename_field'; from: string; to: string; count?: number };
/** A 429 with Retry-After (a storm when count is large, a long pause when the wait is long). */
export type RetryAfterFault = Extract<ContractFault, { kind: 'rate_limited' }>;
/** The account (subdomain, domain) does not exist. */
export type UnknownAccountFault = { kind: 'unknown_account'; count?: number };
/** The faults every simulator has; a platform's fault type adds its 429 and its own kinds. */
export type SimulatorFault = SharedFault | RevokeAfterFault | RenameFieldFault;

/** What the queue needs of a fault: a kind, and a count (or `requests` for revoke_after). */
export type QueuedFault = { kind: string; count?: number } | RevokeAfterFault;

export interface ActiveFault<F, S extends string> {
  fault: F;
  scope: S | 'all';
  /** Requests it still hits (revoke_after: paged requests still let through); null: until cleared. */
  remaining: number | null;
}

/** The faults waiting to hit requests, in the order they were injected. */
export class FaultQueue<F extends QueuedFault, S extends string> {
  #active: ActiveFault<F, S>[] = [];
  #waiting: { active: ActiveFault<F, S>; pagedRequests: number }[] = [];

  /** `pagedScope`: the scope name of the platform's paged request ('export', 'list', 'search'), the default. */
  constructor(readonly pagedScope: S) {}

  /**
   * Adds a fault. With `afterPagedRequests`, it starts hitting only after that many more paged
   * requests were let through (a run that fails mid-way, after some pages were written).
   */
  inject(fault: F, scope: S | 'all' = this.pagedScope, options: { afterPagedRequests?: number } = {}): void {
    const count = 'count' in fault ? fault.count : undefined;
    const active = { fault, scope, remaining: fault.kind === 'revoke_after' ? (fault as RevokeAfterFault).requests : (count ?? null) };
    const after = options.afterPagedRequests ?? 0;
    if (after > 0) this.#waiting.push({ active, pagedRequests: after });
    else this.#active.push(active);
  }

  clear(): void {
    this.#active = [];
    this.#waiting = [];
  }

  get active(): readonly ActiveFault<F, S>[] {
    return this.#active;
  }

  /** The fault for this request, if any; counts it down. `revoke` runs when a revoke_after fires. */
  take(isPaged: boolean, revoke: () => void): F | null {
    if (isPaged) this.#release();
    for (const active of [...this.#active]) {
      if (active.scope === this.pagedScope && !isPaged) continue;
      if (active.fault.kind === 'revoke_after') {
        if (!isPaged) continue;
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

  /** A paged request arrived: waiting faults whose turn it is become active, the others wait one less. */
  #release(): void {
    for (const waiting of [...this.#waiting]) {
      if (waiting.pagedRequests > 0) {
        waiting.pagedRequests -= 1;
        continue;
      }
      this.#waiting = this.#waiting.filter((w) => w !== waiting);
      this.#active.push(waiting.active);
    }
  }
}

/** How a platform answers the faults whose bodies are its own. */
export interface FaultAnswers<F> {
  /** Writes an answer the platform's way (its headers, and counting its status). */
  send(res: ServerResponse, status: number, type: string, body: string): void;
  /** The platform's 429 for a `rate_limited` fault, headers included. */
  rateLimited(res: ServerResponse, fault: Extract<F, { kind: 'rate_limited' }>): void;
  /** The platform's 5xx (status 503 unless the fault names one). */
  serverError(res: ServerResponse, status: number): void;
  /** A page of the platform's shape; `reset_mid_body` sends its first half, then resets the connection. */
  pageBody(): string;
  /** The 200 body `malformed_json` answers with: JSON of the page's shape with syntax errors. */
  malformedJson: string;
  /** The 200 body `truncated_json` answers with: a page cut off mid-record. */
  truncatedJson: string;
  /** The 200 HTML page `html_page` answers with instead of JSON. */
  htmlPage: string;
  /** Answers the platform's own kinds that replace the answer; false for a kind that does not. */
  answerOwn?(res: ServerResponse, fault: F): boolean;
  /** Counts the status of the cut-off answer, which bypasses `send`; left out, it is not counted. */
  countCutOff?(status: number): void;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers a fault that replaces the answer (429, 5xx, slow, resets, broken bodies); true when the
 * response was taken over. Faults that change what is answered (a renamed field, revoke_after, an
 * overlap) are left to the platform, which reads them from the fault `take` returned.
 */
export async function answerWithFault<F extends { kind: string }>(fault: F, res: ServerResponse, answers: FaultAnswers<F>): Promise<boolean> {
  const shared = fault as unknown as SimulatorFault | { kind: 'rate_limited' };
  switch (shared.kind) {
    case 'rate_limited':
      answers.rateLimited(res, fault as Extract<F, { kind: 'rate_limited' }>);
      return true;
    case 'server_error':
      answers.serverError(res, shared.status ?? 503);
      return true;
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, shared.delayMs));
      return res.destroyed;
    case 'reset_mid_body': {
      const body = answers.pageBody();
      res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      setTimeout(() => res.socket?.destroy(), 5);
      answers.countCutOff?.(200);
      return true;
    }
    case 'malformed_json':
      answers.send(res, 200, JSON_TYPE, answers.malformedJson);
      return true;
    case 'truncated_json':
      answers.send(res, 200, JSON_TYPE, answers.truncatedJson);
      return true;
    case 'html_page':
      answers.send(res, 200, 'text/html; charset=utf-8', answers.htmlPage);
      return true;
    default:
      return answers.answerOwn?.(res, fault) ?? false;
  }
}

/**
 * The fault a contract fault is on a simulator: the same, but for `renamed_field`, which renames
 * the field the platform's harness names (one every record needs). A platform whose 429 differs
 * maps `rate_limited` itself first.
 */
export function fromContractFault<C extends ContractFault>(fault: C, renamed: { from: string; to: string }): Exclude<C, { kind: 'renamed_field' }> | RenameFieldFault {
  if (fault.kind === 'renamed_field') return { kind: 'rename_field', ...renamed, count: fault.count };
  return fault as Exclude<C, { kind: 'renamed_field' }>;
}

/** A record as a `rename_field` fault sends it: the field moved to its new name (last); as it is otherwise. */
export function renameField<T extends object>(record: T, fault: { kind: string } | null): T {
  if (fault?.kind !== 'rename_field') return record;
  const { from, to } = fault as RenameFieldFault;
  if (!(from in record)) return record;
  const { [from]: value, ...rest } = record as Record<string, unknown>;
  return { ...rest, [to]: value } as T;
}
