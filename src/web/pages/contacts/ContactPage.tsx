import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useContact, useDecisions } from '../../api/contacts';
import { usePlatform } from '../../api/platforms';
import { useCan } from '../../app/SessionContext';
import { DecisionTable } from '../../components/DecisionTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { Icon } from '../../components/Icon';
import { SkeletonBlock } from '../../components/Skeleton';
import { DiagnosisPanel } from '../../diagnosis/DiagnosisPanel';
import { ContactDetails } from './ContactDetails';
import { contactTitle, referenceLabel } from './describe-contact';

/** One imported contact: its metadata, and every decision Intake made about it. */
export function ContactPage() {
  const { id = '' } = useParams();
  const contact = useContact(id);
  const c = contact.data;
  const platform = usePlatform(c?.platform);
  const decisions = useDecisions(c?.sourceRef ?? '', c?.integrationId);
  const canSeeRuns = useCan('manage_integrations');
  const [explain, setExplain] = useState(false);
  const crumbs = (
    <>
      Conversations › <Link to="/contacts">Imported contacts &amp; filters</Link>
    </>
  );
  if (contact.isError) {
    return (
      <div className="page">
        <PageHeader crumbs={crumbs} title="Contact" />
        <QueryError error={contact.error} what="the contact" onRetry={() => void contact.refetch()} />
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader
        crumbs={crumbs}
        title={c ? contactTitle(c, platform) : <span className="skeleton" style={{ width: 320, height: 28 }} />}
        lede={c ? `${referenceLabel(c, platform)} · ${c.sourceAccount}${c.integrationName ? ` · ${c.integrationName}` : ''}` : undefined}
        actions={
          c && !explain ? (
            <button type="button" className="btn" onClick={() => setExplain(true)}>
              <Icon name="help-circle" /> Why does it look like this?
            </button>
          ) : null
        }
      />
      {c && explain ? <DiagnosisPanel sourceRef={c.sourceRef} integrationId={c.integrationId} withDecisions={false} currentContactId={c.id} /> : null}
      {c ? (
        <ContactDetails contact={c} />
      ) : (
        <div className="card">
          <SkeletonBlock lines={6} height={220} />
        </div>
      )}
      <section className="card card-flush" aria-labelledby="history-title">
        <div className="card-header">
          <h2 id="history-title">Decision history</h2>
          <span className="small muted">Every run that saw this reference, newest first.</span>
        </div>
        {decisions.isError ? (
          <div style={{ padding: 'var(--s4)' }}>
            <QueryError error={decisions.error} what="the decisions" onRetry={() => void decisions.refetch()} />
          </div>
        ) : decisions.data ? (
          <DecisionTable decisions={decisions.data} linkRuns={canSeeRuns} />
        ) : (
          <div style={{ padding: 'var(--s4) var(--s5)' }}>
            <SkeletonBlock lines={3} />
          </div>
        )}
      </section>
    </div>
  );
}
