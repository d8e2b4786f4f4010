import { useState, type FormEvent } from 'react';
import { FieldErrors } from '../../../api/field-errors';
import { useUpdateIntegration } from '../../../api/integration-actions';
import { useCustomFields } from '../../../api/integrations';
import { usePlatform } from '../../../api/platforms';
import type { IntegrationView } from '../../../api/types';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { Spinner } from '../../../components/Icon';
import { preventEnterSubmit } from '../../../components/prevent-enter-submit';
import { platformCapabilities } from '../../../format/platform-words';
import { BackfillHintCallout } from '../shared/BackfillHintCallout';
import { draftFromSettings, SETTINGS_PATHS, settingsFromDraft } from '../shared/settings-draft';
import { SettingsFields } from '../shared/SettingsFields';
import { useCurrentIntegration } from '../detail/integration-outlet';
import { settingsChanges, type Change } from './settings-diff';
import { SettingsChanges } from './SettingsChanges';
import { SettingsProblemsCallout } from './SettingsProblemsCallout';
import { useFilterDirectory } from './use-filter-directory';
import { directoryNames } from '../../../filters/directory-names';

/** Settings: name, start date, status criteria, schedule and filters; after saving, what changed. */
export function SettingsTab() {
  const integration = useCurrentIntegration();
  const customFields = useCustomFields(integration.id);
  const platform = usePlatform(integration.platform);
  const update = useUpdateIntegration(integration.id);
  const { directory, data: directoryData } = useFilterDirectory(integration);
  const [name, setName] = useState(integration.name);
  const [draft, setDraft] = useState(() => draftFromSettings(integration.settings));
  const [saved, setSaved] = useState<{ changes: Change[]; result: IntegrationView } | null>(null);
  const errors = FieldErrors.of(update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const before = integration;
    setSaved(null);
    update.mutate(
      { name: name.trim(), settings: settingsFromDraft(draft) },
      {
        onSuccess: (result) => {
          setSaved({ changes: settingsChanges(before, result, directoryNames(directoryData)), result });
          setName(result.name);
          setDraft(draftFromSettings(result.settings));
        },
      },
    );
  };

  const reset = () => {
    setName(integration.name);
    setDraft(draftFromSettings(integration.settings));
    update.reset();
    setSaved(null);
  };

  return (
    // Saving is always the Save button: Enter in a field (a filter value, the name) never saves everything.
    <form className="stack" onSubmit={submit} onKeyDown={preventEnterSubmit} noValidate aria-label="Integration settings">
      {saved ? <SettingsChanges changes={saved.changes} /> : null}
      {saved?.result.backfillHint && platformCapabilities(platform).backfill ? <BackfillHintCallout integrationId={integration.id} hint={saved.result.backfillHint} /> : null}
      <SettingsProblemsCallout integration={saved?.result ?? integration} />
      <section className="card">
        <Field label="Name" error={errors.get('name')}>
          {(c) => <input {...c} className="input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} style={{ maxWidth: 420 }} />}
        </Field>
      </section>
      <section className="card" aria-labelledby="import-settings-title">
        <h2 id="import-settings-title">What to import</h2>
        <SettingsFields draft={draft} onChange={setDraft} errors={errors} customFields={customFields.data} platform={platform} directory={directory} />
        {customFields.isError ? <p className="small muted">Custom field suggestions could not be loaded; you can still type a field name.</p> : null}
      </section>
      <FormError error={update.error} shown={['name', ...SETTINGS_PATHS]} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {update.isPending ? (
            <>
              <Spinner /> Saving…
            </>
          ) : (
            'Save settings'
          )}
        </button>
        <button type="button" className="btn" onClick={reset} disabled={update.isPending}>
          Discard changes
        </button>
      </div>
    </form>
  );
}
