import type { RunView } from '../../../api/types';
import { RelativeTime } from '../../../components/RelativeTime';
import { formatCount, formatDuration } from '../../../format/duration';
import { useNow } from '../../../format/now-ticker';
import { runNote } from '../../../format/run-note';
import { isFirstImport, runDurationMs, stoppedByLabel } from '../../../format/run-words';

/** When a run ran, what it asked of the platform, and where it started and stopped reading. */
export function RunFacts({ run }: { run: RunView }) {
  const now = useNow(5_000);
  return (
    <dl className="facts">
      <div>
        <dt>Started</dt>
        <dd>
          <RelativeTime iso={run.startedAt} />
        </dd>
      </div>
      <div>
        <dt>Finished</dt>
        <dd>
          <RelativeTime iso={run.finishedAt} empty="Still running" />
        </dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>{formatDuration(runDurationMs(run, now))}</dd>
      </div>
      <div>
        <dt>Pages read</dt>
        <dd>{formatCount(run.pages)}</dd>
      </div>
      <div>
        <dt>Requests / 429s{run.status === 'running' ? ' so far' : ''}</dt>
        <dd>
          {formatCount(run.source.requests)} / {formatCount(run.source.throttled)}
        </dd>
      </div>
      <div>
        <dt>Waited on rate limits</dt>
        <dd>
          {run.source.rateLimitedMs > 0 ? formatDuration(run.source.rateLimitedMs) : 'None'}
          {run.status === 'running' && run.wait ? (run.source.rateLimitedMs > 0 ? ' so far, and waiting now' : ' so far; waiting now') : ''}
        </dd>
      </div>
      {runNote(run) ? (
        <div>
          <dt>What the platform read</dt>
          <dd>{runNote(run)}</dd>
        </div>
      ) : null}
      <div>
        <dt>Requested by</dt>
        <dd>{run.requestedBy ?? 'The schedule'}</dd>
      </div>
      {run.stoppedBy ? (
        <div>
          <dt>Stopped by</dt>
          <dd>{stoppedByLabel(run.stoppedBy)}</dd>
        </div>
      ) : null}
      {run.sourceRef ? (
        <div>
          <dt>Reference</dt>
          <dd className="mono">{run.sourceRef}</dd>
        </div>
      ) : null}
      {run.fileName ? (
        <div>
          <dt>File</dt>
          <dd className="mono">{run.fileName}</dd>
        </div>
      ) : null}
      {run.window.from || run.window.to ? (
        <div>
          <dt>Range</dt>
          <dd>
            {run.window.from ?? '…'} → {run.window.to ?? '…'}
          </dd>
        </div>
      ) : null}
      {isFirstImport(run) ? (
        <div>
          <dt>Read from</dt>
          <dd>The start date: the first import</dd>
        </div>
      ) : null}
      {run.catchUp ? (
        <div>
          <dt>Caught up</dt>
          <dd>
            {formatCount(run.catchUp.recovered)} contacts missed since <RelativeTime iso={run.catchUp.since} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
