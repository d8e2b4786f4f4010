import { useEffect, useState, type FormEvent } from 'react';
import { Icon } from '../../components/Icon';

/** The first thing on the page: find one contact by the platform's own reference. */
export function ReferenceSearch({ value, onSearch }: { value: string; onSearch: (ref: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form className="card reference-search" role="search" onSubmit={submit} aria-label="Find a contact by reference">
      <label htmlFor="reference-search" className="field-label" style={{ fontSize: 'var(--text-md)' }}>
        Find a contact by its source reference
      </label>
      <div className="row" style={{ flexWrap: 'nowrap' }}>
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
        <button type="submit" className="btn btn-primary btn-lg">
          <Icon name="search" /> Search
        </button>
      </div>
      <span id="reference-search-hint" className="field-hint">
        The exact id the platform gives the conversation. If it was not imported, you will see what Intake decided about it and why.
      </span>
    </form>
  );
}
