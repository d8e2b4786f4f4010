import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useCancelRun, useWatchedRun } from '../../../api/backfills';
import type { RunView } from '../../../api/types';
import { Callout } from '../../../components/Callout';
import { FormError } from '../../../components/FormError';
import { Spinner } from '../../../components/Icon';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryError } from '../../../components/QueryError';
import { RunStatusPill } from '../../../components/RunStatusPill';
import { SkeletonBlock } from '../../../components/Skeleton';
import { formatCount } from '../../../format/duration';
import { categoryLabel } from '../../../format/status-words';
import { BackfillCounts } from './BackfillCounts';
import { windowWords } from './backfill-range';
import { etaWords } from './backfill-words';

/** A backfill as it goes: how far it has read, records processed, time left, Cancel; then what it did. */
export function BackfillProgress({ runId }: { runId: string }) {
  const run = useWatchedRun(runId);
  const cancel = useCancelRun();
  const r = run.data;
  const client = useQueryClient();
  const ended = r && r.status !== 'running' && r.status !== 'queued' ? r.status : null;
  const integrationId = r?.integrationId;
  // Once it ends: the integration (its backfill hint), its runs and the contacts follow.
  useEffect(() => {
    if (!ended || !integrationId) return;
    void client.invalidateQueries({ queryKey: ['integrations', integrationId] });
    void client.invalidateQueries({ queryKey: ['contacts'] });
  }, [ended, integrationId, client]);
  return (
    <section className="card" aria-labelledby="backfill-run-title" data-testid="backfill-run" data-run-id={runId} data-status={r?.status}>
      <div className="card-header">
        <h2 id="backfill-run-title">Backfill{r ? ` of ${windowWords(r)}` : ''}</h2>
        <span className="row">
          {r ? <RunStatusPill status={r.status} /> : null}
          <Link to={`/runs/${encodeURIComponent(runId)}`} className="small">
            Open the run
          </Link>
        </span>
      </div>
      {run.isError ? (
        <QueryError error={run.error} what="the backfill" onRetry={() => void run.refetch()} />
      ) : !r ? (
        <SkeletonBlock lines={3} height={110} />
      ) : (
        <>
          <ProgressBar value={r.progress?.fraction ?? (r.status === 'succeeded' ? 1 : 0)} label="Backfill progress" done={r.status === 'succeeded'} text={progressText(r)} />
          <p className="row small" aria-live="polite" data-testid="backfill-progress-text">
            {r.status === 'running' || r.status === 'queued' ? <Spinner size={12} /> : null}
            {progressText(r)}
          </p>
          {r.status === 'running' || r.status === 'queued' ? (
            <div className="row">
              <button type="button" className="btn" onClick={() => cancel.mutate(r.id)} disabled={cancel.isPending || Boolean(cancel.data)}>
                {cancel.isPending || cancel.data ? 'Stopping after the current page…' : 'Cancel backfill'}
              </button>
              <span className="small muted">Cancelling keeps what is already imported; starting the same range again resumes where it stopped.</span>
            </div>
          ) : null}
          <FormError error={cancel.error} />
          <BackfillCounts run={r} />
          <Finished run={r} />
        </>
      )}
    </section>
  );
}

function progressText(run: RunView): string {
  const records = `${formatCount(run.counts.seen)} ${run.counts.seen === 1 ? 'record' : 'records'} processed`;
  if (run.status === 'queued') return `Waiting for a worker to start it · ${records}`;
  if (run.status === 'running') return `${records} · ${etaWords(run)}`;
  if (run.status === 'succeeded') return `Done: ${records}.`;
  return `Stopped (${run.status}): ${records}.`;
}

function Finished({ run }: { run: RunView }) {
  if (run.status === 'running' || run.status === 'queued') return null;
  if (run.status === 'succeeded') {
    return (
      <Callout tone="success" title={`Backfill finished: ${formatCount(run.counts.imported)} ${run.counts.imported === 1 ? 'contact' : 'contacts'} imported`} role="status" testId="backfill-done">
        <p>
          <Link to={`/contacts?integrationId=${encodeURIComponent(run.integrationId)}`}>See the imported contacts</Link>
        </p>
      </Callout>
    );
  }
  return (
    <Callout tone={run.status === 'cancelled' ? 'info' : 'warning'} title={run.status === 'cancelled' ? 'Backfill cancelled' : `Backfill ${run.status}`} role="status" testId="backfill-stopped">
      {run.error ? <p>{`${categoryLabel(run.error.category)}: ${run.error.message}`}</p> : null}
      <p>What it imported stays. Start the same range again to resume where it stopped: what was already read is not read again.</p>
    </Callout>
  );
}
