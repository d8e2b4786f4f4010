import { SourceError } from '../../core/source-error.js';

/** A response that does not match Intercom's documented format: nothing from it may be written. */
export function intercomContractError(issue: { path: readonly PropertyKey[]; message: string } | undefined, what: string): SourceError {
  const field = issue?.path.map(String).join('.') || 'response';
  return new SourceError(
    'api_changed',
    `Intercom's ${what} response does not match its documented format: \`${field}\` ${issue?.message ?? 'is invalid'}. The API may have changed; nothing from this response was written. Contact support with this run id.`,
    { field },
  );
}
