/** Why a run against a source could not go on. The categories of docs/architecture.md, "Errors". */
export const ERROR_CATEGORIES = [
  'auth_expired',
  'auth_revoked',
  'forbidden',
  'rate_limited',
  'unreachable',
  'source_error',
  'api_changed',
  'not_found',
  'config',
  // One conversation asked for by reference (a manual import) that the source does not know: the
  // account answered, so this is about the reference, never an account-level not_found.
  'source_reference_not_found',
] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

/** Categories that clear by themselves: the next run is expected to succeed. */
export const TRANSIENT_CATEGORIES: readonly ErrorCategory[] = ['rate_limited', 'unreachable', 'source_error'];

export function isTransient(category: ErrorCategory): boolean {
  return TRANSIENT_CATEGORIES.includes(category);
}

/** What support needs to trace a failure at the platform. Never holds credentials. */
export interface SourceErrorDetail {
  status?: number;
  platformCode?: string;
  requestId?: string;
  method?: string;
  /** Path and query only: the host is the integration's, and queries hold no secrets. */
  path?: string;
  [key: string]: unknown;
}

/**
 * A classified failure to read from a source. `message` is written for a QA admin
 * (what happened and what to do); `detail` is the raw evidence for support.
 *
 * @example
 * throw new SourceError('auth_revoked',
 *   'Zendesk rejected the API token (401): it was revoked or expired. Reconnect the integration with a new token.',
 *   { status: 401 });
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly code = 'source_error';
  readonly transient: boolean;

  constructor(
    readonly category: ErrorCategory,
    message: string,
    readonly detail: SourceErrorDetail = {},
    options: { cause?: unknown; resumeAt?: Date } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = isTransient(category);
    this.resumeAt = options.resumeAt ?? null;
  }

  /** For `rate_limited`: when the source will accept requests again. */
  readonly resumeAt: Date | null;
}
