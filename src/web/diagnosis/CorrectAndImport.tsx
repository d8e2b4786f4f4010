import { useId, useState, type FormEvent } from 'react';
import type { DiagnosisView } from '../api/types';
import { Field } from '../components/Field';
import { Icon, Spinner } from '../components/Icon';
import type { DiagnosisActions } from './use-diagnosis-actions';

/** A received value as a form shows it: text as it is, anything else (a list, a number) as JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** What the user typed, back in the value's own kind: JSON where the value was not text and still reads as JSON. */
function fromText(text: string, original: unknown): unknown {
  if (typeof original === 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * "Correct and import": the copy Intake kept of a row (or pushed record) that was not imported, its
 * values in a form prefilled as received; the fields changed are sent, the rest stay as kept, and
 * the row is imported as a manual import. Only for readers of the row's values who may import.
 */
export function CorrectAndImport({ diagnosis, actions }: { diagnosis: DiagnosisView; actions: DiagnosisActions }) {
  const received = diagnosis.received;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const formId = useId();
  const integrationId = diagnosis.integration?.id;
  if (!received?.values || !integrationId || diagnosis.contact || !actions.allowed('manual_import')) return null;
  const values = received.values;
  const keys = Object.keys(values);
  const pending = actions.manualImport.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changed = Object.fromEntries(Object.entries(draft).filter(([key, text]) => text !== asText(values[key])).map(([key, text]) => [key, fromText(text, values[key])]));
    // Nothing changed: the kept row is imported as it is (read with today's mapping).
    actions.manualImport.mutate({ integrationId, sourceRef: diagnosis.sourceRef, ...(Object.keys(changed).length > 0 ? { values: changed } : {}) }, { onSuccess: () => setOpen(false) });
  };

  if (!open) {
    return (
      <p className="row small">
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => {
            setDraft(Object.fromEntries(keys.map((key) => [key, asText(values[key])])));
            setOpen(true);
          }}
          data-action="correct_and_import"
        >
          <Icon name="arrow-right" size={14} /> Correct and import
        </button>
        <span className="muted">Intake kept {received.location} as received.</span>
      </p>
    );
  }
  return (
    <form className="card stack-sm" onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="correct-row">
      <h3 id={`${formId}-title`}>Correct {received.location}</h3>
      <p className="small muted">The values as received. Change what is wrong and import it: the integration’s mapping reads it, whatever the filters say.</p>
      {keys.map((key) => (
        <Field key={key} label={key}>
          {(props) => <input {...props} className="input mono" value={draft[key] ?? ''} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />}
        </Field>
      ))}
      <p className="row">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? <Spinner size={12} /> : <Icon name="download" size={14} />} Import the corrected {diagnosis.sourceRef}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </button>
      </p>
    </form>
  );
}
