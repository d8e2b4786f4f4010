import { useEffect, useState, type FormEvent } from 'react';
import { useContactSources } from '../../api/contacts';
import { Icon } from '../../components/Icon';

export interface ReferenceQuery {
  ref: string;
  /** Empty for every integration. */
  integrationId: string;
}

/**
 * The first thing on the page: find one contact by the platform's own reference — in every
 * integration, or in one (a reference means one conversation per source account).
 */
export function ReferenceSearch({ value, onSearch }: { value: ReferenceQuery; onSearch: (query: ReferenceQuery) => void }) {
  const [text, setText] = useState(value.ref);
  const [integrationId, setIntegrationId] = useState(value.integrationId);
  const sources = useContactSources();
  useEffect(() => setText(value.ref), [value.ref]);
  useEffect(() => setIntegrationId(value.integrationId), [value.integrationId]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ ref: text.trim(), integrationId });
  };
  const several = (sources.data?.length ?? 0) > 1;
  return (
    <form className="card reference-search" role="search" onSubmit={submit} aria-label="Find a contact by reference">
      <label htmlFor="reference-search" className="field-label" style={{ fontSize: 'var(--text-md)' }}>
        Find a contact by its source reference
      </label>
      <div className="row reference-search-row">
        <input
          id="reference-search"
          className="input input-lg"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Ticket id, call id or conversation id, e.g. 9001"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="reference-search-hint"
        />
        {several || integrationId ? (
          <select
            className="select select-lg"
            aria-label="In which integration"
            value={integrationId}
            onChange={(e) => setIntegrationId(e.target.value)}
            data-testid="reference-search-integration"
          >
            <option value="">In every integration</option>
            {(sources.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} — {s.platformName} {s.sourceAccount}
              </option>
            ))}
          </select>
        ) : null}
        <button type="submit" className="btn btn-primary btn-lg">
          <Icon name="search" /> Search
        </button>
      </div>
      <span id="reference-search-hint" className="field-hint">
        The exact id the platform gives the conversation. Two accounts can both have a ticket 141: each match is shown under its integration. If it was not imported, you will see what Intake decided about it and why.
      </span>
    </form>
  );
}
