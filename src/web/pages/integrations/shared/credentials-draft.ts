/** Zendesk credentials as the form edits them: an API token (email + token) or an OAuth access token. */
export interface CredentialsDraft {
  kind: 'api_token' | 'oauth';
  email: string;
  token: string;
  accessToken: string;
}

export function newCredentialsDraft(): CredentialsDraft {
  return { kind: 'api_token', email: '', token: '', accessToken: '' };
}

export function credentialsFromDraft(draft: CredentialsDraft): Record<string, unknown> {
  return draft.kind === 'oauth' ? { kind: 'oauth', accessToken: draft.accessToken.trim() } : { kind: 'api_token', email: draft.email.trim(), token: draft.token.trim() };
}

export const CREDENTIAL_PATHS = ['credentials', 'credentials.', 'credentials.kind', 'credentials.email', 'credentials.token', 'credentials.accessToken'];
