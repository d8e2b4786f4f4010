import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/api-error';
import { useContacts } from '../../api/contacts';
import { FieldErrors } from '../../api/field-errors';
import { FormError } from '../../components/FormError';
import { QueryError } from '../../components/QueryError';
import { FILTER_KEYS, FILTER_PATHS, filtersFromParams, queryFromFilters, type ContactFilters } from './contact-filters';
import { ContactFiltersForm } from './ContactFiltersForm';
import { ContactsTable } from './ContactsTable';

const PAGE_SIZE = '25';

/** Every imported contact, newest first, filterable, page by page. */
export function ContactsList() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const filterKey = JSON.stringify(filters);
  const [pages, setPages] = useState<{ filterKey: string; cursors: string[] }>({ filterKey, cursors: [] });
  const cursors = pages.filterKey === filterKey ? pages.cursors : [];
  const cursor = cursors.at(-1);
  const contacts = useContacts({ ...queryFromFilters(filters), cursor, limit: PAGE_SIZE });
  const invalid = isApiError(contacts.error, 'invalid_input');

  const apply = (next: ContactFilters) => {
    const updated = new URLSearchParams(params);
    for (const key of FILTER_KEYS) {
      if (next[key].trim()) updated.set(key, next[key].trim());
      else updated.delete(key);
    }
    setParams(updated);
  };

  const pageNumber = cursors.length + 1;
  const rows = contacts.data?.contacts ?? [];
  // The total comes with the first page; keep it while paging on.
  const [totals, setTotals] = useState<{ filterKey: string; total: number } | null>(null);
  const total = contacts.data?.total ?? (totals?.filterKey === filterKey ? totals.total : null);
  if (contacts.data && contacts.data.total !== null && !contacts.isPlaceholderData && (totals?.filterKey !== filterKey || totals.total !== contacts.data.total)) {
    setTotals({ filterKey, total: contacts.data.total });
  }
  return (
    <section className="card card-flush" aria-labelledby="all-contacts-title">
      <div className="card-body">
        <h2 id="all-contacts-title">All imported contacts</h2>
        <ContactFiltersForm value={filters} onApply={apply} errors={FieldErrors.of(contacts.error)} />
        {invalid ? <FormError error={contacts.error} shown={FILTER_PATHS} /> : null}
      </div>
      {contacts.isError && !invalid ? (
        <div style={{ padding: 'var(--s4)' }}>
          <QueryError error={contacts.error} what="the contacts" onRetry={() => void contacts.refetch()} />
        </div>
      ) : !contacts.isPending && rows.length === 0 ? (
        <p className="muted" style={{ padding: 'var(--s4) var(--s5)' }} data-testid="no-contacts">
          {Object.values(filters).some(Boolean) ? 'No imported contact matches these filters.' : 'No contacts imported yet.'}
        </p>
      ) : (
        <ContactsTable contacts={rows} loading={contacts.isPending} />
      )}
      <div className="card-footer">
        <span className="small muted" data-testid="contacts-total">
          {total === null ? `Page ${pageNumber}` : `${total.toLocaleString('en-US')} contact${total === 1 ? '' : 's'}${Object.values(filters).some(Boolean) ? ' match' : ''} · page ${pageNumber} of ${Math.max(1, Math.ceil(total / Number(PAGE_SIZE)))}`}
        </span>
        <div className="row">
          <button type="button" className="btn btn-sm" disabled={cursors.length === 0} onClick={() => setPages({ filterKey, cursors: cursors.slice(0, -1) })}>
            Previous page
          </button>
          <button
            type="button"
            className="btn btn-sm"
            disabled={!contacts.data?.nextCursor || contacts.isPlaceholderData}
            onClick={() => setPages({ filterKey, cursors: [...cursors, contacts.data!.nextCursor!] })}
          >
            Next page
          </button>
        </div>
      </div>
    </section>
  );
}
