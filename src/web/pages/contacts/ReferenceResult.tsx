import { useState } from 'react';
import { useContactsByReference } from '../../api/contacts';
import { Icon } from '../../components/Icon';
import { QueryError } from '../../components/QueryError';
import { LoadingLabel, SkeletonBlock } from '../../components/Skeleton';
import { DiagnosisPanel } from '../../diagnosis/DiagnosisPanel';
import { ContactSummary } from './ContactSummary';
import { MissingContactPanel } from './MissingContactPanel';

/**
 * The answer to a reference search: the contact(s) with "Why does it look like this?", or
 * "not imported" with its diagnosis (the checklist, the actions, every decision recorded).
 * The diagnosis keeps its place when a manual import from it brings the contact in, so its
 * result stays on screen above the checklist.
 */
export function ReferenceResult({ sourceRef }: { sourceRef: string }) {
  const found = useContactsByReference(sourceRef);
  const [open, setOpen] = useState(false);
  if (found.isPending) {
    return (
      <div className="card">
        <LoadingLabel what={`contact ${sourceRef}`} />
        <SkeletonBlock lines={3} height={96} />
      </div>
    );
  }
  if (found.isError) return <QueryError error={found.error} what={`contact ${sourceRef}`} onRetry={() => void found.refetch()} />;
  const missing = found.data.length === 0;
  return (
    <div className="stack" data-testid={missing ? 'missing-contact' : 'reference-result'}>
      <div className="stack" aria-live="polite">
        {missing ? <MissingContactPanel sourceRef={sourceRef} /> : found.data.map((contact) => <ContactSummary key={contact.id} contact={contact} />)}
      </div>
      {missing || open ? (
        <DiagnosisPanel sourceRef={sourceRef} onImported={() => setOpen(true)} />
      ) : (
        <div>
          <button type="button" className="btn" onClick={() => setOpen(true)} aria-expanded={false}>
            <Icon name="help-circle" /> Why does it look like this?
          </button>
        </div>
      )}
    </div>
  );
}
