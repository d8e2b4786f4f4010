import { useEffect } from 'react';
import { useRunHistory } from '../../../api/runs';
import { QueryError } from '../../../components/QueryError';
import { useCurrentIntegration } from '../detail/integration-outlet';
import { RunsTable } from './RunsTable';

/** Run history: every run with its kind, outcome, duration, counts, requests and error. */
export function RunsTab() {
  const integration = useCurrentIntegration();
  const history = useRunHistory(integration.id);
  const runs = history.data?.pages.flat() ?? [];
  const { refetch } = history;
  useEffect(() => {
    void refetch();
  }, [integration.lastRanAt, integration.running, refetch]);
  return (
    <section className="card card-flush" aria-labelledby="runs-title">
      <div className="card-header">
        <h2 id="runs-title">Run history</h2>
        <span className="small muted">Newest first. Open a run to see every decision it made.</span>
      </div>
      {history.isError ? (
        <div style={{ padding: 'var(--s4)' }}>
          <QueryError error={history.error} what="the runs" onRetry={() => void history.refetch()} />
        </div>
      ) : !history.isPending && runs.length === 0 ? (
        <p className="muted" style={{ padding: 'var(--s4) var(--s5)' }}>
          No runs yet.
        </p>
      ) : (
        <RunsTable runs={runs} loading={history.isPending} />
      )}
      {history.hasNextPage ? (
        <div className="card-footer">
          <button type="button" className="btn btn-sm" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
            {history.isFetchingNextPage ? 'Loading…' : 'Load older runs'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
