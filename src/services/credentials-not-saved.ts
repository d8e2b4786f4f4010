import type { PlatformDefinition } from '../connectors/platform.js';
import type { ErrorCategory, SourceError } from '../core/source-error.js';

const REFUSALS: ErrorCategory[] = ['auth_expired', 'auth_revoked', 'forbidden'];

/**
 * What refused credentials of a new integration read as, on the web and the command line alike.
 * The platform's message is written for an integration that exists ("Reconnect the integration
 * with a new token"); on add none exists yet, so those sentences give way to checking what was
 * entered.
 */
export function credentialsNotSavedMessage(error: SourceError, platform: PlatformDefinition, credentials: unknown): string {
  const sentences = error.message.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => !/\breconnect/i.test(s));
  const given = credentials && typeof credentials === 'object' ? Object.keys(credentials) : [];
  const variant = platform.presentation.credentialVariants.find((v) => v.fields.some((f) => given.includes(f.key)));
  const labels = variant?.fields.filter((f) => given.includes(f.key)).map((f) => f.label) ?? [];
  // A refusal of the credentials themselves; an unknown account or an outage says its own fix.
  const check = REFUSALS.includes(error.category) ? ` Check the credentials given${labels.length ? ` (${labels.join(', ')})` : ''} in ${platform.displayName}, then try again.` : '';
  return `The credentials were not saved: ${sentences.join(' ')}${check}`;
}
