import { Link, useParams } from 'react-router-dom';
import { useIntegration } from '../../../api/integrations';
import { useRun } from '../../../api/runs';
import { Callout } from '../../../components/Callout';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { SkeletonBlock } from '../../../components/Skeleton';
import { RunStatusPill } from '../../../components/RunStatusPill';
import { categoryLabel } from '../../../format/status-words';
import { runTitle } from '../../../format/run-words';
import { integrationPath } from '../detail/integration-outlet';
import { RunCounts } from './RunCounts';
import { RunDecisions } from './RunDecisions';
import { RunFacts } from './RunFacts';
import { RunWait } from './RunWait';

/** One run: what it read, what it decided about each record, and why it stopped. */
export function RunPage() {
  const { id = '' } = useParams();
  const run = useRun(id);
  const integration = useIntegration(run.data?.integrationId ?? '', Boolean(run.data));
  const name = integration.data?.name ?? 'Integration';
  const crumbs = (
    <>
      Conversations › <Link to="/integrations">Integrations</Link>
      {run.data ? (
        <>
          {' '}
          › <Link to={integrationPath(run.data.integrationId, 'runs')}>{name}</Link>
        </>
      ) : null}
    </>
  );

  if (run.isError) {
    return (
      <div className="page">
        <PageHeader crumbs={crumbs} title="Run" />
        <QueryError error={run.error} what="the run" onRetry={() => void run.refetch()} />
      </div>
    );
  }
  const r = run.data;
  return (
    <div className="page">
      <PageHeader
        crumbs={crumbs}
        title={r ? runTitle(r) : 'Run'}
        lede={r ? <span className="row"><RunStatusPill status={r.status} /> <span className="mono small">{r.id}</span></span> : undefined}
      />
      {!r ? (
        <div className="card">
          <SkeletonBlock lines={6} height={200} />
        </div>
      ) : (
        <>
          {r.error ? (
            <Callout tone={r.error.transient ? 'warning' : 'danger'} title={categoryLabel(r.error.category)} role="status">
              <p>{r.error.message}</p>
              {Object.keys(r.error.detail).length ? <p className="small muted mono break">{JSON.stringify(r.error.detail)}</p> : null}
            </Callout>
          ) : null}
          {r.status === 'running' && r.wait ? (
            <Callout tone="info" title="Waiting on the platform" role="status" testId="run-wait-callout">
              <p>
                <RunWait wait={r.wait} />
              </p>
              <p className="small muted">Nothing is wrong: the run goes on by itself at that time. Requests and counts below are as of now.</p>
            </Callout>
          ) : null}
          <section className="card" aria-label="Counts">
            <RunCounts run={r} />
          </section>
          <section className="card" aria-label="Details">
            <RunFacts run={r} />
          </section>
          <RunDecisions run={r} />
        </>
      )}
    </div>
  );
}
