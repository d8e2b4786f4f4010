import { Link } from 'react-router-dom';
import type { ManualImportView } from '../api/types';
import { Callout } from '../components/Callout';
import { FormError } from '../components/FormError';
import { manualImportWords } from './manual-import-words';

/** The result of "Import this conversation now", in words, with the way to the contact. */
export function ManualImportOutcome({ result, error, word, sourceRef }: { result: ManualImportView | undefined; error: unknown; word: string; sourceRef: string }) {
  if (error) return <FormError error={error} />;
  if (!result) return null;
  const words = manualImportWords(result, word, sourceRef);
  return (
    <Callout tone={words.tone} title={words.title} role="status" testId="manual-import-result">
      <p>{words.text}</p>
      <p className="row small">
        {result.contact ? <Link to={`/contacts/${encodeURIComponent(result.contact.id)}`}>Open the contact</Link> : null}
        <Link to={`/runs/${encodeURIComponent(result.run.id)}`}>Open the run</Link>
      </p>
    </Callout>
  );
}
