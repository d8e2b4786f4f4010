/**
 * The errors services raise, each with a stable code. They carry no HTTP status: the API maps
 * codes to statuses in one table, the CLI to exit codes and messages.
 */
export interface FieldProblem {
  /** Dotted path of the bad field, as the caller sent it (e.g. `settings.filters.0.value`). */
  path: string;
  message: string;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly code = 'invalid_input';
  constructor(
    readonly details: FieldProblem[],
    message = `Some fields are invalid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** The integration is being run by another run (here or in another process). */
export class AlreadyRunningError extends Error {
  override readonly name = 'AlreadyRunningError';
  readonly code = 'already_running';
}

/** The workspace's Integrations flag is off: nothing imports until an admin turns it on. */
export class FeatureDisabledError extends Error {
  override readonly name = 'FeatureDisabledError';
  readonly code = 'feature_disabled';
}

/** The source refused the credentials given: carries the classified source error's category. */
export class CredentialsRejectedError extends Error {
  override readonly name = 'CredentialsRejectedError';
  readonly code = 'credentials_rejected';
  constructor(
    message: string,
    readonly category: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Credentials authenticate a different source account than the integration's. */
export class WrongSourceAccountError extends Error {
  override readonly name = 'WrongSourceAccountError';
  readonly code = 'wrong_source_account';
  constructor(
    message: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(message);
  }
}

/** Turns zod issues into field problems under a prefix. */
export function zodProblems(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>, prefix = ''): FieldProblem[] {
  const problems = issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || '(body)',
    message: issue.message,
  }));
  // One message per field: a second check on the same field rarely says more than the first.
  return problems.filter((p, i) => problems.findIndex((q) => q.path === p.path) === i);
}
