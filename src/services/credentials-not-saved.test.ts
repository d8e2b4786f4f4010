import { describe, expect, it } from 'vitest';
import type { PlatformDefinition } from '../connectors/platform.js';
import { SourceError } from '../core/source-error.js';
import { credentialsNotSavedMessage } from './credentials-not-saved.js';

const helpline = {
  displayName: 'Helpline',
  presentation: {
    credentialVariants: [
      { kind: 'key', label: 'API key', fields: [{ key: 'user', label: 'User email' }, { key: 'key', label: 'API key' }] },
      { kind: 'oauth', label: 'OAuth', fields: [{ key: 'accessToken', label: 'Access token' }] },
    ],
  },
} as unknown as PlatformDefinition;

describe('refused credentials of a new integration', () => {
  it('say nothing was saved and what to check, never to reconnect an integration that does not exist', () => {
    const error = new SourceError('auth_revoked', 'Helpline rejected the API key (401): it was revoked. Reconnect the integration with a new key.');
    expect(credentialsNotSavedMessage(error, helpline, { kind: 'key', user: 'a@acme.com', key: 'k' })).toBe(
      'The credentials were not saved: Helpline rejected the API key (401): it was revoked. Check the credentials given (User email, API key) in Helpline, then try again.',
    );
    const forbidden = new SourceError('forbidden', 'Helpline refused access (403). The agent may not read tickets. Give them access, then reconnect.');
    expect(credentialsNotSavedMessage(forbidden, helpline, { accessToken: 't' })).toBe(
      'The credentials were not saved: Helpline refused access (403). The agent may not read tickets. Check the credentials given (Access token) in Helpline, then try again.',
    );
  });

  it('keep the fix of a problem that is not the credentials', () => {
    const error = new SourceError('not_found', 'Helpline account "acme" was not found (404): check the site.');
    expect(credentialsNotSavedMessage(error, helpline, { accessToken: 't' })).toBe('The credentials were not saved: Helpline account "acme" was not found (404): check the site.');
  });
});
