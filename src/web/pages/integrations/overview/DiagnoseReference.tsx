import { useState, type FormEvent } from 'react';
import { usePlatformWords } from '../../../api/platforms';
import type { IntegrationView } from '../../../api/types';
import { Icon } from '../../../components/Icon';
import { DiagnosisPanel } from '../../../diagnosis/DiagnosisPanel';

/** "Is this one missing?": a reference of this integration, diagnosed in place. */
export function DiagnoseReference({ integration }: { integration: IntegrationView }) {
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');
  const { noun } = usePlatformWords(integration.platform);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(text.trim());
  };
  return (
    <div className="stack">
      <form className="diagnose-form" role="search" aria-label="Diagnose a reference" onSubmit={submit}>
        <div className="field">
          <label htmlFor="diagnose-reference">Diagnose a reference</label>
          <input
            id="diagnose-reference"
            className="input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={`A ${noun} id from ${integration.platformName}, e.g. 9123`}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="diagnose-reference-hint"
          />
          <span id="diagnose-reference-hint" className="field-hint">
            Why a contact is missing, or why it looks as it does: Intake walks the troubleshooting checklist for it.
          </span>
        </div>
        <button type="submit" className="btn" disabled={!text.trim()} style={{ marginBottom: 20 }}>
          <Icon name="search" /> Diagnose
        </button>
      </form>
      {asked ? <DiagnosisPanel key={asked} sourceRef={asked} integrationId={integration.id} /> : null}
    </div>
  );
}
