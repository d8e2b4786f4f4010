import type { FieldErrors } from '../../../api/field-errors';
import { Field, FieldError } from '../../../components/Field';
import type { CredentialsDraft } from './credentials-draft';

/**
 * How Intake signs in to Zendesk. The secret fields are write-only: Intake tests them against
 * Zendesk before saving and never shows them again.
 */
export function ZendeskCredentialsFields({ draft, onChange, errors }: { draft: CredentialsDraft; onChange: (draft: CredentialsDraft) => void; errors: FieldErrors }) {
  const set = <K extends keyof CredentialsDraft>(key: K, value: CredentialsDraft[K]) => onChange({ ...draft, [key]: value });
  const general = errors.get('credentials') ?? errors.get('credentials.kind');
  return (
    <div className="stack">
      <fieldset className="group">
        <legend>Authentication</legend>
        <div className="row" style={{ gap: 'var(--s4)' }}>
          <label className="check">
            <input type="radio" name="auth-kind" checked={draft.kind === 'api_token'} onChange={() => set('kind', 'api_token')} />
            API token (admin email + token)
          </label>
          <label className="check">
            <input type="radio" name="auth-kind" checked={draft.kind === 'oauth'} onChange={() => set('kind', 'oauth')} />
            OAuth access token
          </label>
        </div>
      </fieldset>
      {draft.kind === 'api_token' ? (
        <div className="form-grid">
          <Field label="Admin email" hint="The Zendesk admin who owns the token: the export is allowed for admins only." error={errors.get('credentials.email')}>
            {(c) => <input {...c} className="input" type="email" autoComplete="off" value={draft.email} onChange={(e) => set('email', e.target.value)} />}
          </Field>
          <Field label="API token" hint="Zendesk Admin Center › Apps and integrations › APIs › Zendesk API." error={errors.get('credentials.token')}>
            {(c) => <input {...c} className="input" type="password" autoComplete="new-password" value={draft.token} onChange={(e) => set('token', e.target.value)} />}
          </Field>
        </div>
      ) : (
        <Field label="Access token" hint="An OAuth access token with read scope, issued to an admin." error={errors.get('credentials.accessToken')}>
          {(c) => <input {...c} className="input" type="password" autoComplete="new-password" value={draft.accessToken} onChange={(e) => set('accessToken', e.target.value)} />}
        </Field>
      )}
      {general ? <FieldError message={general} /> : null}
    </div>
  );
}
