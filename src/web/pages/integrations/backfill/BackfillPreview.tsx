import { useWatchedRun } from '../../../api/backfills';
import type { IntegrationView, RunView } from '../../../api/types';
import { Callout } from '../../../components/Callout';
import { Spinner } from '../../../components/Icon';
import { QueryError } from '../../../components/QueryError';
import { RelativeTime } from '../../../components/RelativeTime';
import { SkeletonBlock } from '../../../components/Skeleton';
import { formatCount } from '../../../format/duration';
import { categoryLabel } from '../../../format/status-words';
import { BackfillCounts } from './BackfillCounts';
import { windowWords } from './backfill-range';
import { estimateWords } from './backfill-words';

/** What a backfill of the range would do: counts by outcome and reason, the requests and the time it needs. */
export function BackfillPreview({ runId, integration }: { runId: string; integration: IntegrationView }) {
  const run = useWatchedRun(runId);
  return (
    <section className="card" aria-labelledby="preview-title" data-testid="backfill-preview" data-run-id={runId} data-status={run.data?.status}>
      <div className="card-header">
        <h2 id="preview-title">Preview{run.data ? ` of ${windowWords(run.data)}` : ''}</h2>
        {run.data?.finishedAt ? (
          <span className="small muted">
            previewed <RelativeTime iso={run.data.finishedAt} />
          </span>
        ) : null}
      </div>
      {run.isError ? <QueryError error={run.error} what="the preview" onRetry={() => void run.refetch()} /> : run.data ? <PreviewBody run={run.data} integration={integration} /> : <SkeletonBlock lines={3} height={110} />}
    </section>
  );
}

function PreviewBody({ run, integration }: { run: RunView; integration: IntegrationView }) {
  if (run.status === 'running' || run.status === 'queued') {
    return (
      <div className="stack-sm" aria-live="polite">
        <p className="row">
          <Spinner /> Reading {integration.platformName} to count what a backfill would do — nothing is written. {formatCount(run.counts.seen)} records so far.
        </p>
        <BackfillCounts run={run} />
      </div>
    );
  }
  if (run.status !== 'succeeded') {
    return (
      <Callout tone="danger" title={`The preview ${run.status === 'cancelled' ? 'was cancelled' : 'did not finish'}`} role="alert">
        <p>{run.error ? `${categoryLabel(run.error.category)}: ${run.error.message}` : 'It stopped before counting everything.'}</p>
        <p>Preview again once the problem is solved; a preview writes nothing.</p>
      </Callout>
    );
  }
  const estimate = estimateWords(run, integration.platformName);
  const c = run.counts;
  return (
    <div className="stack-sm" aria-live="polite">
      <p className="would-do" data-testid="preview-sentence">
        A backfill would import <strong>{formatCount(c.imported)}</strong> {c.imported === 1 ? 'contact' : 'contacts'}, update {formatCount(c.updated)}, leave{' '}
        {formatCount(c.unchanged)} unchanged and exclude {formatCount(c.excluded)}.
      </p>
      <BackfillCounts run={run} />
      {estimate ? (
        <p data-testid="preview-estimate">
          <strong>It needs</strong> {estimate}.
        </p>
      ) : null}
    </div>
  );
}
