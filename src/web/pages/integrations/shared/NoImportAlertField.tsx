import { useId } from 'react';
import { FieldError } from '../../../components/Field';
import type { SettingsDraft } from './settings-draft';

/** "Alert me when nothing was imported for … hours", which can be turned off. */
export function NoImportAlertField({ draft, onChange, error }: { draft: SettingsDraft; onChange: (draft: SettingsDraft) => void; error?: string }) {
  const id = useId();
  return (
    <fieldset className="group" aria-describedby={`${id}-hint`}>
      <legend>No-import alert</legend>
      <div className="row alert-hours">
        <label className="check">
          <input type="checkbox" checked={draft.noImportAlert} onChange={(e) => onChange({ ...draft, noImportAlert: e.target.checked })} />
          Alert me when nothing was imported for
        </label>
        <input
          id={`${id}-hours`}
          className="input"
          type="number"
          min={1}
          max={720}
          step={1}
          inputMode="numeric"
          aria-label="Hours without imports before the alert opens"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          disabled={!draft.noImportAlert}
          value={draft.noImportAlertHours}
          onChange={(e) => onChange({ ...draft, noImportAlertHours: e.target.value })}
          style={{ width: 90 }}
        />
        <span>hours</span>
      </div>
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      <span id={`${id}-hint`} className="field-hint">
        {draft.noImportAlert ? 'The alert shows on Health and closes by itself once contacts arrive again.' : 'Off: no alert however long nothing is imported.'}
      </span>
    </fieldset>
  );
}
