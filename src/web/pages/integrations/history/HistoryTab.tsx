import { useState } from 'react';
import { useIntegrationHistory } from '../../../api/history';
import { usePlatform } from '../../../api/platforms';
import type { HistoryEntryView } from '../../../api/types';
import { Field } from '../../../components/Field';
import { QueryError } from '../../../components/QueryError';
import { LoadingLabel, SkeletonBlock } from '../../../components/Skeleton';
import { useCurrentIntegration } from '../detail/integration-outlet';
import { HistoryEntry } from './HistoryEntry';

type Show = 'all' | 'settings' | 'status';

const SETTINGS_KINDS = new Set<HistoryEntryView['kind']>(['created', 'settings', 'name', 'connection', 'credentials']);

const SHOW: Record<Show, string> = { all: 'Every change', settings: 'Settings, connection and credentials', status: 'Status, pauses and reconnects' };

/** Settings history: who changed what and when, before → after; status changes with their cause. */
export function HistoryTab() {
  const integration = useCurrentIntegration();
  const history = useIntegrationHistory(integration.id);
  const platform = usePlatform(integration.platform);
  const [show, setShow] = useState<Show>('all');
  const entries = (history.data ?? []).filter((e) => show === 'all' || (show === 'settings') === SETTINGS_KINDS.has(e.kind));
  return (
    <section className="card card-flush" aria-labelledby="history-title">
      <div className="card-header">
        <div className="stack-sm" style={{ gap: 2 }}>
          <h2 id="history-title">Settings history</h2>
          <span className="small muted">Who changed what, and when, newest first. Credentials are never shown, only that they were replaced.</span>
        </div>
        <Field label="Show">
          {(c) => (
            <select {...c} className="select" value={show} onChange={(e) => setShow(e.target.value as Show)}>
              {(Object.keys(SHOW) as Show[]).map((k) => (
                <option key={k} value={k}>
                  {SHOW[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {history.isError ? (
        <div style={{ padding: 'var(--s4)' }}>
          <QueryError error={history.error} what="the settings history" onRetry={() => void history.refetch()} />
        </div>
      ) : history.isPending ? (
        <div style={{ padding: 'var(--s4) var(--s5)' }}>
          <LoadingLabel what="the settings history" />
          <SkeletonBlock lines={6} height={240} />
        </div>
      ) : entries.length === 0 ? (
        <p className="muted" style={{ padding: 'var(--s4) var(--s5)' }}>
          {show === 'all' ? 'Nothing recorded yet.' : 'No change of this kind yet.'}
        </p>
      ) : (
        <ol className="history-list">
          {entries.map((entry, i) => (
            <HistoryEntry key={`${entry.at}-${entry.kind}-${i}`} entry={entry} platform={platform} />
          ))}
        </ol>
      )}
    </section>
  );
}
