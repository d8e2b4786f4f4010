import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { ContactsList } from './ContactsList';
import { ReferenceResult } from './ReferenceResult';
import { ReferenceSearch, type ReferenceQuery } from './ReferenceSearch';

/** Conversations › Imported contacts & filters: find one contact, or browse what arrived. */
export function ContactsPage() {
  const [params, setParams] = useSearchParams();
  const query = { ref: params.get('ref') ?? '', integrationId: params.get('in') ?? '' };

  const search = (next: ReferenceQuery) => {
    const updated = new URLSearchParams(params);
    if (next.ref) updated.set('ref', next.ref);
    else updated.delete('ref');
    if (next.integrationId) updated.set('in', next.integrationId);
    else updated.delete('in');
    setParams(updated);
  };

  return (
    <div className="page">
      <PageHeader
        crumbs="Conversations"
        title="Imported contacts & filters"
        lede="Confirm which contacts arrived. Contacts are deduplicated by the platform's reference: a reopened or updated conversation refreshes its contact instead of creating a new one."
      />
      <ReferenceSearch value={query} onSearch={search} />
      {query.ref ? <ReferenceResult key={`${query.ref} ${query.integrationId}`} sourceRef={query.ref} integrationId={query.integrationId || null} /> : null}
      <ContactsList />
    </div>
  );
}
