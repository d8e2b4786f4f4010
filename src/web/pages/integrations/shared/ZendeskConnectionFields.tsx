import type { FieldErrors } from '../../../api/field-errors';
import { Field } from '../../../components/Field';

export interface ConnectionDraft {
  subdomain: string;
  baseUrl: string;
}

export function connectionFromDraft(draft: ConnectionDraft): Record<string, unknown> {
  const connection: Record<string, unknown> = { subdomain: draft.subdomain.trim() };
  if (draft.baseUrl.trim()) connection.baseUrl = draft.baseUrl.trim();
  return connection;
}

export const CONNECTION_PATHS = ['connection', 'connection.', 'connection.subdomain', 'connection.baseUrl'];

/** Which Zendesk account: its subdomain, and a base URL only for proxies and simulators. */
export function ZendeskConnectionFields({
  draft,
  onChange,
  errors,
  subdomainLocked = false,
}: {
  draft: ConnectionDraft;
  onChange: (draft: ConnectionDraft) => void;
  errors: FieldErrors;
  subdomainLocked?: boolean;
}) {
  return (
    <div className="form-grid">
      <Field
        label="Subdomain"
        hint={subdomainLocked ? 'The account this integration imports from; it cannot change.' : 'The part before .zendesk.com, e.g. “acme”.'}
        error={errors.get('connection.subdomain') ?? errors.get('connection')}
      >
        {(c) => (
          <div className="input-affix">
            <input {...c} className="input" value={draft.subdomain} readOnly={subdomainLocked} autoComplete="off" spellCheck={false} onChange={(e) => onChange({ ...draft, subdomain: e.target.value })} />
            <span className="affix">.zendesk.com</span>
          </div>
        )}
      </Field>
      <Field label="Base URL (optional)" hint="Only for a regional host, a proxy or a simulator. Leave empty to use https://<subdomain>.zendesk.com." error={errors.get('connection.baseUrl')}>
        {(c) => <input {...c} className="input" type="url" placeholder="https://acme.zendesk.com" value={draft.baseUrl} autoComplete="off" spellCheck={false} onChange={(e) => onChange({ ...draft, baseUrl: e.target.value })} />}
      </Field>
    </div>
  );
}
