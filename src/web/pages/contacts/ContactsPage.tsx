import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { ContactsList } from './ContactsList';
import { ReferenceResult } from './ReferenceResult';
import { ReferenceSearch } from './ReferenceSearch';

/** Conversations › Imported contacts & filters: find one contact, or browse what arrived. */
export function ContactsPage() {
  const [params, setParams] = useSearchParams();
  const ref = params.get('ref') ?? '';

  const search = (next: string) => {
    const updated = new URLSearchParams(params);
    if (next) updated.set('ref', next);
    else updated.delete('ref');
    setParams(updated);
  };

  return (
    <div className="page">
      <PageHeader
        crumbs="Conversations"
        title="Imported contacts & filters"
        lede="Confirm which contacts arrived. Contacts are deduplicated by the platform's reference: a reopened or updated conversation refreshes its contact instead of creating a new one."
      />
      <ReferenceSearch value={ref} onSearch={search} />
      {ref ? <ReferenceResult key={ref} sourceRef={ref} /> : null}
      <ContactsList />
    </div>
  );
}
