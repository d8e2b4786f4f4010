import type { UploadPreviewView } from '../../../api/types';
import { Field } from '../../../components/Field';

export interface MappingDraft {
  mapping: Record<string, string | string[] | null>;
  timeZone: string;
  dateOrder: string;
}

const NONE = '';

/** The mapping proposed from (or saved for) the file's header row, as a draft the form edits. */
export function draftFrom(preview: UploadPreviewView): MappingDraft {
  const connection = preview.connection as { mapping?: Record<string, string | string[] | null> | null; timeZone?: string; dateOrder?: string };
  const mapping: MappingDraft['mapping'] = {};
  const start = connection.mapping ?? preview.suggested;
  for (const target of preview.targets) mapping[target.key] = start[target.key] ?? (target.multiple ? [] : null);
  return { mapping, timeZone: connection.timeZone ?? 'UTC', dateOrder: connection.dateOrder ?? 'day_first' };
}

/** Which column holds what: one choice per field, custom fields as several, the time zone and date order. */
export function MappingForm({ preview, draft, onChange }: { preview: UploadPreviewView; draft: MappingDraft; onChange: (next: MappingDraft) => void }) {
  const problemOf = (key: string) => preview.problems.find((p) => p.path === `connection.mapping.${key}`)?.message;
  const set = (key: string, value: string | string[] | null) => onChange({ ...draft, mapping: { ...draft.mapping, [key]: value } });
  return (
    <div className="stack">
      <div className="grid-2">
        {preview.targets
          .filter((t) => !t.multiple)
          .map((target) => (
            <Field key={target.key} label={target.label} required={target.required} hint={target.help} error={problemOf(target.key)}>
              {(props) => (
                <select {...props} className="select" value={(draft.mapping[target.key] as string | null) ?? NONE} onChange={(e) => set(target.key, e.target.value === NONE ? null : e.target.value)}>
                  <option value={NONE}>{target.required ? 'Choose a column' : 'Not in this file'}</option>
                  {preview.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
      </div>
      {preview.targets
        .filter((t) => t.multiple)
        .map((target) => {
          const chosen = (draft.mapping[target.key] as string[] | null) ?? [];
          return (
            <fieldset key={target.key} className="stack">
              <legend>{target.label}</legend>
              <p className="muted">{target.help}</p>
              <div className="row wrap">
                {preview.columns.map((c) => (
                  <label key={c} className="check">
                    <input type="checkbox" checked={chosen.includes(c)} onChange={(e) => set(target.key, e.target.checked ? [...chosen, c] : chosen.filter((x) => x !== c))} />
                    {c}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      <div className="grid-2">
        <Field label="Time zone of the dates" hint="For dates written without an offset: a name such as Europe/Paris." error={preview.problems.find((p) => p.path === 'connection.timeZone')?.message}>
          {(props) => <input {...props} className="input" value={draft.timeZone} onChange={(e) => onChange({ ...draft, timeZone: e.target.value })} />}
        </Field>
        <Field label="Dates like 03/04/2026 are">
          {(props) => (
            <select {...props} className="select" value={draft.dateOrder} onChange={(e) => onChange({ ...draft, dateOrder: e.target.value })}>
              <option value="day_first">3 April (day first)</option>
              <option value="month_first">March 4 (month first)</option>
            </select>
          )}
        </Field>
      </div>
    </div>
  );
}
