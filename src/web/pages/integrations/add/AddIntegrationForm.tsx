import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../../api/api-error';
import { FieldErrors } from '../../../api/field-errors';
import { useAddIntegration, type NewIntegration } from '../../../api/integration-actions';
import type { PlatformView } from '../../../api/types';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { Spinner } from '../../../components/Icon';
import { useNotify } from '../../../components/Notices';
import { CREDENTIAL_PATHS, credentialsFromDraft, newCredentialsDraft } from '../shared/credentials-draft';
import { newSettingsDraft, SETTINGS_PATHS, settingsFromDraft } from '../shared/settings-draft';
import { SettingsFields } from '../shared/SettingsFields';
import { CONNECTION_PATHS, connectionFromDraft, ZendeskConnectionFields } from '../shared/ZendeskConnectionFields';
import { ZendeskCredentialsFields } from '../shared/ZendeskCredentialsFields';
import { CHECK_THE_CREDENTIALS, CredentialsRejected } from './CredentialsRejected';
import { PlatformChoice } from './PlatformChoice';

const SHOWN = ['name', 'platform', ...CONNECTION_PATHS, ...CREDENTIAL_PATHS, ...SETTINGS_PATHS];

export function AddIntegrationForm({ platforms }: { platforms: PlatformView[] }) {
  const [platform, setPlatform] = useState(platforms.some((p) => p.id === 'zendesk') ? 'zendesk' : (platforms[0]?.id ?? ''));
  const [name, setName] = useState('');
  const [connection, setConnection] = useState({ subdomain: '', baseUrl: '' });
  const [credentials, setCredentials] = useState(newCredentialsDraft);
  const [settings, setSettings] = useState(newSettingsDraft);
  const add = useAddIntegration();
  const navigate = useNavigate();
  const notify = useNotify();
  // A refused token is this form's to fix: said in its own words, not the platform's advice to reconnect.
  const rejected = isApiError(add.error, 'credentials_rejected') ? add.error : null;
  const errors = rejected ? new FieldErrors([{ path: 'credentials', message: CHECK_THE_CREDENTIALS }]) : FieldErrors.of(add.error);
  const platformName = platforms.find((p) => p.id === platform)?.name ?? platform;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: NewIntegration = { platform, name: name.trim(), connection: {}, settings: settingsFromDraft(settings) };
    if (platform === 'zendesk') {
      input.connection = connectionFromDraft(connection);
      input.credentials = credentialsFromDraft(credentials);
    } else if (platform === 'sandbox') {
      input.connection = { epoch: new Date().toISOString() };
    }
    add.mutate(input, {
      onSuccess: (integration) => {
        notify(`Added “${integration.name}”. The first import starts now.`);
        navigate(`/integrations/${encodeURIComponent(integration.id)}`);
      },
    });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Add integration">
      <section className="card">
        <PlatformChoice platforms={platforms} value={platform} onChange={setPlatform} />
        <Field label="Name" hint="How this integration appears in Intake, e.g. “Support – EMEA”." error={errors.get('name')}>
          {(c) => <input {...c} className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />}
        </Field>
      </section>
      {platform === 'zendesk' ? (
        <section className="card" aria-labelledby="connect-title">
          <h2 id="connect-title">Connect to Zendesk</h2>
          <ZendeskConnectionFields draft={connection} onChange={setConnection} errors={errors} />
          <ZendeskCredentialsFields draft={credentials} onChange={setCredentials} errors={errors} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">What to import</h2>
        <SettingsFields draft={settings} onChange={setSettings} errors={errors} />
      </section>
      {rejected ? <CredentialsRejected error={rejected} platformName={platformName} /> : <FormError error={add.error} shown={SHOWN} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>
          {add.isPending ? (
            <>
              <Spinner /> {platform === 'zendesk' ? `Testing the credentials with ${platformName}…` : 'Adding…'}
            </>
          ) : platform === 'zendesk' ? (
            'Test connection and add'
          ) : (
            'Add integration'
          )}
        </button>
        <button type="button" className="btn" onClick={() => navigate('/integrations')}>
          Cancel
        </button>
      </div>
    </form>
  );
}
