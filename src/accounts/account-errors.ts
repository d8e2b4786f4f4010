/** Sign-in failed. Deliberately the same whether the email exists or not. */
export class InvalidCredentialsError extends Error {
  override readonly name = 'InvalidCredentialsError';
  readonly code = 'invalid_credentials';
  constructor() {
    super('The email or password is incorrect.');
  }
}

export class TooManyAttemptsError extends Error {
  override readonly name = 'TooManyAttemptsError';
  readonly code = 'too_many_attempts';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-in attempts for this account. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s), or ask an admin for a sign-in link.`);
  }
}

export class InvalidLinkError extends Error {
  override readonly name = 'InvalidLinkError';
  readonly code = 'invalid_link';
  constructor() {
    super('This sign-in link is invalid, already used or expired. Ask an admin for a new one (intake users link <email>).');
  }
}

/**
 * The caller asked to grant what it does not hold itself (a role, a token's permissions, a link for
 * a user with more permissions): no caller can hand out, or become, more than it is.
 */
export class PermissionEscalationError extends Error {
  override readonly name = 'PermissionEscalationError';
  readonly code = 'forbidden';
  constructor(readonly details: Array<{ path: string; message: string }>) {
    super(`You can only grant permissions you have yourself: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`);
  }
}
