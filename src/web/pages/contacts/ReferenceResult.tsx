import { useContactsByReference } from '../../api/contacts';
import { QueryError } from '../../components/QueryError';
import { LoadingLabel, SkeletonBlock } from '../../components/Skeleton';
import { ContactSummary } from './ContactSummary';
import { MissingContactPanel } from './MissingContactPanel';

/** The answer to a reference search: the contact(s), or the not-imported panel. */
export function ReferenceResult({ sourceRef }: { sourceRef: string }) {
  const found = useContactsByReference(sourceRef);
  if (found.isPending) {
    return (
      <div className="card">
        <LoadingLabel what={`contact ${sourceRef}`} />
        <SkeletonBlock lines={3} height={96} />
      </div>
    );
  }
  if (found.isError) return <QueryError error={found.error} what={`contact ${sourceRef}`} onRetry={() => void found.refetch()} />;
  if (found.data.length === 0) return <MissingContactPanel sourceRef={sourceRef} />;
  return (
    <div className="stack" aria-live="polite">
      {found.data.map((contact) => (
        <ContactSummary key={contact.id} contact={contact} />
      ))}
    </div>
  );
}
