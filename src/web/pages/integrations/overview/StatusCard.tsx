import { useState } from 'react';
import { Link } from 'react-router-dom';
import { usePause } from '../../../api/integration-actions';
import type { IntegrationView } from '../../../api/types';
import { Callout } from '../../../components/Callout';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { RelativeTime } from '../../../components/RelativeTime';
import { StatusPill } from '../../../components/StatusBadge';
import { receivesRecords, usePlatform } from '../../../api/platforms';
import { pauseNoteEnding, statusMeaning } from '../../../format/status-words';
import { SettingsProblemsCallout } from '../settings/SettingsProblemsCallout';
import { integrationPath } from '../detail/integration-outlet';
import { LastErrorCallout } from './LastErrorCallout';
import { RunningNow } from './RunningNow';

/** Status, since when, and what it means: the first thing to check when contacts are missing. */
export function StatusCard({ integration }: { integration: IntegrationView }) {
  const [note, setNote] = useState('');
  const pause = usePause();
  const { status } = integration;
  const receives = receivesRecords(usePlatform(integration.platform));
  return (
    <section className="card" aria-labelledby="status-title" data-testid="status-card">
      <div className="card-header">
        <h2 id="status-title">Status</h2>
        <span className="row">
          <StatusPill status={status} />
          <span className="muted small">
            since <RelativeTime iso={integration.statusSince} />
          </span>
        </span>
      </div>
      <p>{statusMeaning(status, receives)}</p>
      {integration.activeRun ? <RunningNow run={integration.activeRun} /> : null}
      {status === 'paused' && integration.pause ? (
        <Callout tone="info" title="Paused">
          <p>
            Paused by {integration.pause.by} <RelativeTime iso={integration.pause.at} />
            {pauseNoteEnding(integration.pause.note)} {receives ? 'Resume it to accept uploads and pushes again.' : 'Resume it to continue from the checkpoint.'}
          </p>
        </Callout>
      ) : null}
      <LastErrorCallout integration={integration} />
      <SettingsProblemsCallout integration={integration} action={<Link to={integrationPath(integration.id, 'settings')}>Edit the filters in Settings</Link>} />
      {status !== 'paused' ? (
        <form
          className="row"
          style={{ alignItems: 'flex-end' }}
          onSubmit={(e) => {
            e.preventDefault();
            pause.mutate({ id: integration.id, note: note.trim() || undefined }, { onSuccess: () => setNote('') });
          }}
        >
          <Field label="Pause with a note (optional)" className="grow">
            {(c) => <input {...c} className="input" value={note} maxLength={500} placeholder="e.g. Help desk migration" onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <button type="submit" className="btn" disabled={pause.isPending}>
            Pause with this note
          </button>
        </form>
      ) : null}
      <FormError error={pause.error} />
    </section>
  );
}
