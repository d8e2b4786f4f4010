import type { PlatformView } from '../api/platforms';
import type { IntegrationStatus } from '../api/types';

export const STATUS_LABELS: Record<IntegrationStatus, string> = {
  active: 'Active',
  warning: 'Warning',
  failure: 'Failure',
  paused: 'Paused',
};

/** What each status means, in one sentence (tooltips, overview). */
export const STATUS_MEANING: Record<IntegrationStatus, string> = {
  active: 'The last run completed cleanly.',
  warning: 'The last run did not complete cleanly, but Intake expects the next one to recover by itself.',
  failure: 'The last run stopped on a cause that will not clear by itself. Nothing is lost: the checkpoint waits until it is fixed.',
  paused: 'Paused by a user: no runs until it is resumed, which continues from the checkpoint.',
};

/** The same for an integration whose records are handed to Intake (files, pushes): no run of its own comes next. */
export const RECEIVED_STATUS_MEANING: Record<IntegrationStatus, string> = {
  active: 'The last upload or push was imported cleanly.',
  warning: 'The last upload or push had records that could not be imported, or was cut off: its run says which and why. The next clean one clears this.',
  failure: 'The last upload or push could not be imported at all: its run says why.',
  paused: 'Paused by a user: uploads and pushes are refused (nothing is lost on the sender’s side) until it is resumed.',
};

/** What the status means for this integration's kind of platform. */
export function statusMeaning(status: IntegrationStatus, receives: boolean): string {
  return (receives ? RECEIVED_STATUS_MEANING : STATUS_MEANING)[status];
}

export const CATEGORY_LABELS: Record<string, string> = {
  auth_expired: 'Credentials expired',
  auth_revoked: 'Credentials revoked',
  forbidden: 'Permission missing',
  rate_limited: 'Rate limited',
  unreachable: 'Platform unreachable',
  source_error: 'Platform server error',
  api_changed: 'Platform API changed',
  not_found: 'Account not found',
  config: 'Settings problem',
  internal: 'Internal error',
};

/** What the admin can do about each category, on any platform; a platform's own advice comes first (categoryFix). */
const CATEGORY_FIX: Record<string, string> = {
  auth_expired: 'Reconnect the integration with new credentials; the next run then catches up from the checkpoint.',
  auth_revoked: 'Reconnect the integration with new credentials (a new token or key); the next run then catches up from the checkpoint.',
  forbidden: 'Reconnect with credentials allowed to read every conversation of the account (usually an admin\'s).',
  rate_limited: 'Nothing to do: the next run resumes where this one stopped once the platform accepts requests again.',
  unreachable: 'Usually clears by itself; Intake retries on the next run. If it lasts, check the platform status page.',
  source_error: 'Usually clears by itself; Intake retries on the next run.',
  api_changed: 'Contact support with the integration name: the platform answered in a format Intake does not expect.',
  not_found: "Check the account the integration's connection names; it may have been renamed or closed.",
  config: "Check the integration's connection settings.",
  internal: 'Try running it again; if it persists, contact support with the run id.',
};

export const RECONNECT_CATEGORIES = new Set(['auth_expired', 'auth_revoked', 'forbidden']);

/** What to do about an error: the platform's own advice for its category first, then the general one. */
export function categoryFix(category: string, platform: PlatformView | undefined): string {
  return platform?.presentation.errorFixes[category] ?? CATEGORY_FIX[category] ?? CATEGORY_FIX.internal!;
}

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category.replaceAll('_', ' ');
}

/**
 * Ends "Paused by ada@acme.com" with the pause note quoted, then a full stop unless the note ends
 * a sentence itself, so the next sentence never runs into it: `: “Maintenance until Monday”.`
 */
export function pauseNoteEnding(note: string | null | undefined): string {
  const text = (note ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return '.';
  return `: “${text}”${/[.!?…]$/.test(text) ? '' : '.'}`;
}
