import { useEffect, useState, type FormEvent } from 'react';
import type { FieldErrors } from '../../api/field-errors';
import { useContactSources } from '../../api/contacts';
import { Field } from '../../components/Field';
import type { ContactFilters, FilterKey } from './contact-filters';

const TEXT_FILTERS: Array<{ key: FilterKey; label: string; placeholder: string }> = [
  { key: 'channel', label: 'Channel', placeholder: 'e.g. email' },
  { key: 'agent', label: 'Agent', placeholder: 'Agent name or id' },
  { key: 'status', label: 'Status', placeholder: 'e.g. solved' },
  { key: 'tag', label: 'Tag', placeholder: 'e.g. vip' },
];

/** Narrow the list of imported contacts; applied on submit so typing does not reload the table. */
export function ContactFiltersForm({ value, onApply, errors }: { value: ContactFilters; onApply: (filters: ContactFilters) => void; errors: FieldErrors }) {
  const [draft, setDraft] = useState(value);
  // Follow the URL when it changes (Apply, Clear, Back) — not on every re-render, which would wipe what is being typed.
  const applied = JSON.stringify(value);
  useEffect(() => setDraft(JSON.parse(applied) as ContactFilters), [applied]);
  const sources = useContactSources();
  const set = (key: FilterKey, v: string) => setDraft({ ...draft, [key]: v });
  const error = (key: FilterKey) => errors.get(key) ?? errors.get(`querystring.${key}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const cleared = Object.fromEntries(Object.keys(draft).map((k) => [k, ''])) as ContactFilters;

  return (
    <form className="contact-filters" onSubmit={submit} aria-label="Filter imported contacts">
      <div className="form-grid">
        <Field label="Integration" error={error('integrationId')}>
          {(c) => (
            <select {...c} className="select" value={draft.integrationId} onChange={(e) => set('integrationId', e.target.value)}>
              <option value="">All integrations</option>
              {(sources.data ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name} — {i.platformName} {i.sourceAccount}
                </option>
              ))}
            </select>
          )}
        </Field>
        {TEXT_FILTERS.map((f) => (
          <Field key={f.key} label={f.label} error={error(f.key)}>
            {(c) => <input {...c} className="input" value={draft[f.key]} placeholder={f.placeholder} onChange={(e) => set(f.key, e.target.value)} />}
          </Field>
        ))}
        <Field label="Imported from" error={error('importedFrom')}>
          {(c) => <input {...c} className="input" type="date" value={draft.importedFrom} onChange={(e) => set('importedFrom', e.target.value)} />}
        </Field>
        <Field label="Imported to" error={error('importedTo')}>
          {(c) => <input {...c} className="input" type="date" value={draft.importedTo} onChange={(e) => set('importedTo', e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-sm">
          Apply filters
        </button>
        <button type="button" className="btn btn-sm" onClick={() => onApply(cleared)}>
          Clear
        </button>
      </div>
    </form>
  );
}
