import { ApiError } from '../api/api-error';

/** A title for each error code the UI meets, so every error reads as words with a fix. */
const TITLES: Record<string, string> = {
  invalid_input: 'Some fields need a fix',
  credentials_rejected: 'The platform rejected these credentials',
  wrong_source_account: 'These credentials belong to another account',
  already_running: 'A run is already going on',
  csrf_failed: 'Your session needs a refresh',
  too_many_attempts: 'Too many attempts',
  invalid_credentials: 'Email or password is not right',
  invalid_link: 'This sign-in link cannot be used',
  forbidden: 'You do not have permission for this',
  feature_disabled: 'The Integrations feature is turned off',
  not_found: 'Not found',
  conflict: 'This conflicts with something that already exists',
  network: 'Intake could not be reached',
  rate_limited: 'Too many requests',
  internal: 'Intake had an internal error',
  source_reference_not_found: 'The platform does not know this reference',
};

/** What to do next, where the server's message does not already say it. */
const FIXES: Record<string, string> = {
  credentials_rejected: "Check the credentials in the platform's admin settings, or create new ones, then try again.",
  wrong_source_account: 'Use credentials from the account this integration imports from, or add a separate integration for the other account.',
  already_running: 'Wait for the current run to finish; its progress shows in the Platforms table.',
  csrf_failed: 'Reload the page and try again.',
  forbidden: 'Ask a workspace admin to give you a role with this permission (Account › Users).',
  internal: 'Try again in a moment. If it keeps happening, contact support with the request id.',
};

export function errorTitle(error: unknown): string {
  if (error instanceof ApiError) return TITLES[error.code] ?? (error.code.startsWith('source_') ? 'The platform refused the request' : 'Something went wrong');
  return 'Something went wrong';
}

export function errorFix(error: unknown): string | null {
  return error instanceof ApiError ? (FIXES[error.code] ?? null) : null;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
