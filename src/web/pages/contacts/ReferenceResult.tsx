import { useState } from 'react';
import { useContactSources, useContactsByReference } from '../../api/contacts';
import { useDiagnosis } from '../../api/diagnosis';
import type { ContactSourceView, ContactView, DiagnosisView } from '../../api/types';
import { Icon, Spinner } from '../../components/Icon';
import { PlatformMark } from '../../components/PlatformMark';
import { QueryError } from '../../components/QueryError';
import { LoadingLabel, SkeletonBlock } from '../../components/Skeleton';
import { DiagnosisCard } from '../../diagnosis/DiagnosisPanel';
import { ContactSummary } from './ContactSummary';
import { MissingContactPanel } from './MissingContactPanel';

/** What one integration holds under the reference: its account's contact, and its own diagnosis. */
interface ReferenceGroup {
  key: string;
  integration: { name: string; platform: string; platformName: string; sourceAccount: string } | null;
  contact: ContactView | null;
  diagnosis: DiagnosisView | null;
}

/**
 * The answer to a reference search. A reference names a different conversation in each source
 * account, so every match is shown under its integration, with the platform and account: the
 * contact with "Why does it look like this?", or "not imported" with that integration's own
 * diagnosis (the checklist, the actions, its decisions). A diagnosis keeps its place when a manual
 * import from it brings the contact in, so its result stays on screen.
 */
export function ReferenceResult({ sourceRef, integrationId = null }: { sourceRef: string; integrationId?: string | null }) {
  const found = useContactsByReference(sourceRef, integrationId);
  const diagnosis = useDiagnosis(sourceRef, integrationId);
  const sources = useContactSources();
  if (found.isPending) {
    return (
      <div className="card">
        <LoadingLabel what={`contact ${sourceRef}`} />
        <SkeletonBlock lines={3} height={96} />
      </div>
    );
  }
  if (found.isError) return <QueryError error={found.error} what={`contact ${sourceRef}`} onRetry={() => void found.refetch()} />;
  const groups = groupMatches(found.data, diagnosis.data?.diagnoses ?? null, sources.data ?? []);
  const missing = found.data.length === 0;
  const refresh = () => void diagnosis.refetch();
  return (
    <div className="stack" data-testid={missing ? 'missing-contact' : 'reference-result'}>
      <div aria-live="polite" className="stack">
        {missing && diagnosis.data ? <MissingContactPanel sourceRef={sourceRef} scoped={integrationId !== null} /> : null}
        {groups.length > 1 ? (
          <p className="reference-summary" data-testid="reference-summary">
            <strong>
              “{sourceRef}” is a different conversation in each of {groups.length} {groups.every((g) => g.integration) ? 'integrations' : 'source accounts'}.
            </strong>{' '}
            <span className="muted">Each is shown below under the integration that reads its account, with its own answer.</span>
          </p>
        ) : null}
      </div>
      {diagnosis.isError ? <QueryError error={diagnosis.error} what={`the diagnosis of “${sourceRef}”`} onRetry={refresh} /> : null}
      {groups.map((group) => (
        <MatchGroup key={group.key} group={group} headed={groups.length > 1} loading={diagnosis.isPending} refreshing={diagnosis.isFetching} onRefresh={refresh} />
      ))}
      {diagnosis.isPending && groups.length === 0 ? <DiagnosisLoading sourceRef={sourceRef} /> : null}
    </div>
  );
}

function MatchGroup({ group, headed, loading, refreshing, onRefresh }: { group: ReferenceGroup; headed: boolean; loading: boolean; refreshing: boolean; onRefresh: () => void }) {
  const [open, setOpen] = useState(false);
  const { contact, diagnosis, integration } = group;
  const body = (
    <>
      {contact ? <ContactSummary contact={contact} /> : null}
      {diagnosis && (!contact || open) ? (
        <DiagnosisCard diagnosis={diagnosis} refreshing={refreshing} onRefresh={onRefresh} onImported={() => setOpen(true)} withDecisions currentContactId={null} />
      ) : contact && diagnosis ? (
        <div>
          <button type="button" className="btn" onClick={() => setOpen(true)} aria-expanded={false}>
            <Icon name="help-circle" /> Why does it look like this?
          </button>
        </div>
      ) : loading ? (
        <p className="row muted small">
          <Spinner size={12} /> Checking what this integration decided…
        </p>
      ) : null}
    </>
  );
  if (!headed) return body;
  const title = integration ? `“${integration.name}”` : 'No integration';
  return (
    <section className="reference-group stack" data-testid="reference-group" data-integration={integration?.name ?? ''} aria-label={`${title} — ${group.key}`}>
      <h2 className="reference-group-title">
        {integration ? <PlatformMark platform={integration.platform} /> : null}
        <span>{title}</span>
        <span className="small muted">
          {integration ? `${integration.platformName} account ${integration.sourceAccount}` : group.key} · {contact ? 'imported' : 'not imported'}
        </span>
      </h2>
      {body}
    </section>
  );
}

function DiagnosisLoading({ sourceRef }: { sourceRef: string }) {
  return (
    <section className="card" aria-busy="true" data-testid="diagnosis-loading">
      <LoadingLabel what={`why ${sourceRef} is missing`} />
      <p className="row muted small">
        <Spinner size={12} /> Walking the checklist for “{sourceRef}”: the ledger, the integrations, and if needed the platforms themselves…
      </p>
      <SkeletonBlock lines={6} height={260} />
    </section>
  );
}

/**
 * One group per integration that answered, holding its account's contact; until the answers come,
 * one per contact under the integration that imported it; contacts of deleted integrations on their own.
 */
function groupMatches(contacts: ContactView[], diagnoses: DiagnosisView[] | null, sources: ContactSourceView[]): ReferenceGroup[] {
  const claimed = new Set<string>();
  const groups: ReferenceGroup[] = [];
  for (const d of diagnoses ?? []) {
    const i = d.integration;
    const contact = i ? (contacts.find((c) => c.platform === i.platform && c.sourceAccount === i.sourceAccount) ?? null) : null;
    if (contact) claimed.add(contact.id);
    groups.push({ key: i ? `${i.platformName} account ${i.sourceAccount}` : 'none', integration: i, contact, diagnosis: d });
  }
  for (const c of contacts.filter((c) => !claimed.has(c.id))) {
    const source = sources.find((s) => s.id === c.integrationId) ?? null;
    groups.push({ key: `${source?.platformName ?? c.platform} account ${c.sourceAccount}`, integration: source, contact: c, diagnosis: null });
  }
  return groups;
}
