import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../../api/api-error';
import { FieldErrors } from '../../../api/field-errors';
import { useAddIntegration, type NewIntegration } from '../../../api/integration-actions';
import { useAddStarter, type PlatformView } from '../../../api/platforms';
import type { IntegrationView } from '../../../api/types';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { Spinner } from '../../../components/Icon';
import { useNotify } from '../../../components/Notices';
import { ConnectionFields } from '../shared/ConnectionFields';
import { CredentialFields } from '../shared/CredentialFields';
import { credentialFieldWords, credentialsFromDraft, fieldValues, newCredentialsDraft, objectFromValues, shownPaths, type CredentialsDraft, type FieldValues } from '../shared/platform-draft';
import { newSettingsDraft, SETTINGS_PATHS, settingsFromDraft } from '../shared/settings-draft';
import { SettingsFields } from '../shared/SettingsFields';
import { CredentialsRejected } from './CredentialsRejected';
import { PlatformChoice } from './PlatformChoice';

/** A platform whose starter asks nothing is added through its starter: the server makes its connection. */
function addsAsStarter(platform: PlatformView): boolean {
  const { connectionFields, credentialVariants } = platform.presentation;
  return platform.starter !== null && connectionFields.length === 0 && credentialVariants.length === 0;
}

interface PlatformDraft {
  connection: FieldValues;
  credentials: CredentialsDraft;
}

function newPlatformDraft(platform: PlatformView): PlatformDraft {
  return { connection: fieldValues(platform.presentation.connectionFields), credentials: newCredentialsDraft(platform) };
}

/** Add integration, built from what the chosen platform declares: its connection fields, its ways to sign in, then what to import. */
export function AddIntegrationForm({ platforms }: { platforms: PlatformView[] }) {
  const [platformId, setPlatformId] = useState(platforms[0]?.id ?? '');
  const [name, setName] = useState('');
  // Each platform keeps what was typed for it while another is looked at.
  const [drafts, setDrafts] = useState<Record<string, PlatformDraft>>({});
  const [settings, setSettings] = useState(newSettingsDraft);
  const add = useAddIntegration();
  const addStarter = useAddStarter();
  const navigate = useNavigate();
  const notify = useNotify();
  const platform = platforms.find((p) => p.id === platformId);
  if (!platform) return null;

  const draft = drafts[platform.id] ?? newPlatformDraft(platform);
  const setDraft = (next: PlatformDraft) => setDrafts({ ...drafts, [platform.id]: next });
  const asStarter = addsAsStarter(platform);
  const mutation = asStarter ? addStarter : add;
  // A refused token is this form's to fix: said in its own words, not the platform's advice to reconnect.
  const rejected = isApiError(mutation.error, 'credentials_rejected') ? mutation.error : null;
  const checkThem = `Not accepted: check ${credentialFieldWords(platform, draft.credentials)}, then test again`;
  const errors = rejected ? new FieldErrors([{ path: 'credentials', message: checkThem }]) : FieldErrors.of(mutation.error);
  const needsCredentials = platform.capabilities.credentialsNeeded;
  const { connectionFields, credentialVariants } = platform.presentation;

  const choose = (id: string) => {
    add.reset();
    addStarter.reset();
    setPlatformId(id);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = {
      onSuccess: (integration: IntegrationView) => {
        // Secrets are never kept once sent.
        setDrafts({});
        notify(`Added “${integration.name}”. The first import starts now.`);
        navigate(`/integrations/${encodeURIComponent(integration.id)}`);
      },
    };
    if (asStarter) {
      addStarter.mutate({ platform: platform.id, ...(name.trim() ? { name: name.trim() } : {}), settings: settingsFromDraft(settings) }, done);
      return;
    }
    const input: NewIntegration = { platform: platform.id, name: name.trim(), connection: objectFromValues(connectionFields, draft.connection), settings: settingsFromDraft(settings) };
    if (credentialVariants.length) input.credentials = credentialsFromDraft(platform, draft.credentials);
    add.mutate(input, done);
  };

  const shown = ['name', 'platform', ...shownPaths(platform, credentialVariants.length ? draft.credentials : null), ...SETTINGS_PATHS];
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Add integration" data-platform={platform.id}>
      <section className="card">
        <PlatformChoice platforms={platforms} value={platform.id} onChange={choose} />
        <Field
          label="Name"
          required={!asStarter}
          hint={asStarter && platform.starter ? `How this integration appears in Intake. Leave empty for “${platform.starter.name}”.` : 'How this integration appears in Intake, e.g. “Support – EMEA”.'}
          error={errors.get('name')}
        >
          {(c) => <input {...c} className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />}
        </Field>
      </section>
      {connectionFields.length || credentialVariants.length ? (
        <section className="card" aria-labelledby="connect-title">
          <div>
            <h2 id="connect-title">Connect to {platform.name}</h2>
            <p className="small muted">
              Fields marked <span className="required-mark">*</span> are required.{needsCredentials ? ` Intake tests the credentials with ${platform.name} before anything is saved.` : ''}
            </p>
          </div>
          <ConnectionFields fields={connectionFields} values={draft.connection} onChange={(connection) => setDraft({ ...draft, connection })} errors={errors} />
          <CredentialFields platform={platform} draft={draft.credentials} onChange={(credentials) => setDraft({ ...draft, credentials })} errors={errors} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">What to import</h2>
        <SettingsFields draft={settings} onChange={setSettings} errors={errors} platform={platform} />
      </section>
      {rejected ? <CredentialsRejected error={rejected} platform={platform} fields={credentialFieldWords(platform, draft.credentials)} variant={credentialVariants[draft.credentials.variant] ?? null} /> : <FormError error={mutation.error} shown={shown} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? (
            <>
              <Spinner /> {needsCredentials ? `Testing the credentials with ${platform.name}…` : 'Adding…'}
            </>
          ) : needsCredentials ? (
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
