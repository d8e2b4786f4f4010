/** What an admin can do about each error category, said in a notification beside the cause. */
const CATEGORY_FIX: Record<string, string> = {
  auth_expired: 'Reconnect the integration with new credentials; the next run then catches up from the checkpoint.',
  auth_revoked: 'Reconnect the integration with new credentials (a new token or key); the next run then catches up from the checkpoint.',
  forbidden: 'Reconnect with credentials allowed to read every conversation of the account (usually an admin’s).',
  rate_limited: 'Nothing to do: imports resume where they stopped once the platform accepts requests again.',
  unreachable: 'Usually clears by itself; Intake retries on the next run. If it lasts, check the platform’s status page.',
  source_error: 'Usually clears by itself; Intake retries on the next run.',
  api_changed: 'Contact support with the integration’s name: the platform answered in a format Intake does not expect.',
  not_found: 'Check the account the integration’s connection names; it may have been renamed or closed.',
  config: 'Check the integration’s connection settings.',
  internal: 'Run it again; if it persists, contact support with the run id.',
};

export const CREDENTIAL_CATEGORIES: readonly string[] = ['auth_expired', 'auth_revoked', 'forbidden'];

export function categoryFix(category: string | null | undefined): string | null {
  return category ? (CATEGORY_FIX[category] ?? null) : null;
}
