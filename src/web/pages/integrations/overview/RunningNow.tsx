import { Link } from 'react-router-dom';
import type { IntegrationView } from '../../../api/types';
import { Spinner } from '../../../components/Icon';
import { RelativeTime } from '../../../components/RelativeTime';
import { formatCount } from '../../../format/duration';
import { runKindLabel } from '../../../format/run-words';
import { Fixed, RunWait } from '../runs/RunWait';

/** The run in flight, on the overview: since when, what it has read and cost, and what it waits for. */
export function RunningNow({ run }: { run: NonNullable<IntegrationView['activeRun']> }) {
  return (
    <div className="stack-sm" data-testid="running-now" aria-live="polite">
      <p style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
        <Fixed>
          <Spinner size={12} />
        </Fixed>
        <span>
          <Link to={`/runs/${encodeURIComponent(run.id)}`}>{runKindLabel({ kind: run.kind, dryRun: false })} run</Link> running since <RelativeTime iso={run.startedAt} />:{' '}
          {formatCount(run.counts.seen)} records in {formatCount(run.pages)} {run.pages === 1 ? 'page' : 'pages'} so far, {formatCount(run.source.requests)}{' '}
          {run.source.requests === 1 ? 'request' : 'requests'}, {formatCount(run.source.throttled)} answered 429.
        </span>
      </p>
      {run.wait ? (
        <p>
          <RunWait wait={run.wait} />
        </p>
      ) : null}
    </div>
  );
}
