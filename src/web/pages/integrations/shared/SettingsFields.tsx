import type { FieldErrors } from '../../../api/field-errors';
import { DateField } from '../../../components/DateField';
import { Field, FieldError } from '../../../components/Field';
import type { PlatformView } from '../../../api/platforms';
import { FilterBuilder } from '../../../filters/FilterBuilder';
import { valueSuggestions } from '../../../filters/filter-model';
import type { FilterDirectory } from '../../../filters/filter-directory';
import { NoImportAlertField } from './NoImportAlertField';
import { STATUS_CHOICES, type SettingsDraft } from './settings-draft';

const STATUS_WORDS: Record<string, string> = { open: 'Open', pending: 'Pending', solved: 'Solved', closed: 'Closed' };

/** Start date, status criteria, schedule, alert and filters: what decides which contacts import. */
export function SettingsFields({
  draft,
  onChange,
  errors,
  customFields,
  platform,
  directory,
}: {
  draft: SettingsDraft;
  onChange: (draft: SettingsDraft) => void;
  errors: FieldErrors;
  customFields?: Record<string, string[]>;
  /** The integration's platform: its own status words beside Intake's, and filter suggestions. */
  platform?: PlatformView;
  directory?: FilterDirectory;
}) {
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => onChange({ ...draft, [key]: value });
  const toggleStatus = (status: string, on: boolean) =>
    set('statusCriteria', on ? [...draft.statusCriteria, status] : draft.statusCriteria.filter((s) => s !== status));
  const statusError = errors.first('settings.statusCriteria');

  return (
    <div className="stack">
      <div className="form-grid">
        <DateField label="Start date" hint="Contacts created before this day (UTC) are not imported." error={errors.get('settings.startDate')} value={draft.startDate} onChange={(v) => set('startDate', v)} />
        <Field label="Run every (minutes)" hint="How often Intake checks for new and changed contacts (1 to 1440)." error={errors.get('settings.intervalMinutes')}>
          {(c) => <input {...c} className="input" type="number" min={1} max={1440} step={1} inputMode="numeric" value={draft.intervalMinutes} onChange={(e) => set('intervalMinutes', e.target.value)} />}
        </Field>
      </div>
      <NoImportAlertField draft={draft} onChange={onChange} error={errors.get('settings.noImportAlertHours')} />
      <fieldset className="group" aria-describedby="status-criteria-hint">
        <legend>Status criteria</legend>
        <span id="status-criteria-hint" className="field-hint" style={{ marginTop: -4 }}>
          Only contacts in one of these statuses are imported. Most QA teams review solved and closed conversations.
        </span>
        <div className="row" style={{ gap: 'var(--s4)' }}>
          {STATUS_CHOICES.map((status) => (
            <label key={status} className="check">
              <input type="checkbox" checked={draft.statusCriteria.includes(status)} onChange={(e) => toggleStatus(status, e.target.checked)} aria-invalid={Boolean(statusError)} />
              {STATUS_WORDS[status]}
              {platform ? <PlatformStatusWords platform={platform} status={status} /> : null}
            </label>
          ))}
        </div>
        {statusError ? <FieldError message={statusError} /> : null}
      </fieldset>
      <FilterBuilder filters={draft.filters} onChange={(filters) => set('filters', filters)} errors={errors} customFields={customFields} suggested={valueSuggestions(platform)} directory={directory} />
    </div>
  );
}

/** The platform's own statuses that count as this one ("Resolved" for Solved), when they are other words. */
function PlatformStatusWords({ platform, status }: { platform: PlatformView; status: string }) {
  const labels = platform.presentation.statuses.filter((s) => s.normalised === status).map((s) => s.label);
  if (labels.length === 1 && labels[0]!.toLowerCase() === status) return null;
  return <span className="muted small">{labels.length ? `(${labels.join(', ')})` : `(none on ${platform.name})`}</span>;
}
