import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import type { RunView } from '../../../api/types';
import { RelativeTime } from '../../../components/RelativeTime';
import { RunStatusPill } from '../../../components/RunStatusPill';
import { SkeletonRows } from '../../../components/Skeleton';
import { TableScroll } from '../../../components/TableScroll';
import { formatCount, formatDuration } from '../../../format/duration';
import { useNow } from '../../../format/now-ticker';
import { runNote } from '../../../format/run-note';
import { isFirstImport, previewCountsWords, runDurationMs, runKindLabel } from '../../../format/run-words';
import { categoryLabel } from '../../../format/status-words';
import { formatDateTime } from '../../../format/relative-time';
import { RunWait } from './RunWait';

const COUNTS = ['seen', 'imported', 'updated', 'unchanged', 'excluded', 'failed'] as const;
const COLUMNS = 3 + COUNTS.length;

/**
 * Runs with their counts; a run's error reads on a line of its own under it. A backfill preview
 * wrote nothing, so its counts never sit under Imported: they read "would import 179" across.
 */
export function RunsTable({ runs, loading = false }: { runs: RunView[]; loading?: boolean }) {
  const now = useNow(5_000);
  return (
    <TableScroll label="Runs">
      <table className="table runs-table" data-testid="runs-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            {COUNTS.map((c) => (
              <th key={c} scope="col" className="num">
                {c}
              </th>
            ))}
            <th scope="col" className="num" title="Requests sent to the platform / answered 429 (rate limited)">
              Req. / 429
            </th>
          </tr>
        </thead>
        <tbody>
          {loading ? <SkeletonRows rows={3} columns={COLUMNS} /> : null}
          {runs.map((run) => (
            <Fragment key={run.id}>
              <tr className={run.error ? 'has-detail' : undefined} data-testid="run-row" data-kind={run.kind} data-preview={run.dryRun ? 'true' : undefined}>
                <td>
                  <Link to={`/runs/${encodeURIComponent(run.id)}`}>{runKindLabel(run)}</Link>
                  {run.fileName ? <span className="sub mono break">{run.fileName}</span> : null}
                  <span className="sub nowrap">
                    <RelativeTime iso={run.startedAt} /> · {formatDuration(runDurationMs(run, now))}
                  </span>
                  {run.catchUp ? (
                    <span className="sub">
                      caught up {formatCount(run.catchUp.recovered)} {run.catchUp.recovered === 1 ? 'contact' : 'contacts'} since {formatDateTime(run.catchUp.since)}
                    </span>
                  ) : isFirstImport(run) ? (
                    <span className="sub">first import, from the start date</span>
                  ) : null}
                  {run.status === 'running' && run.wait ? (
                    <span className="sub">
                      <RunWait wait={run.wait} />
                    </span>
                  ) : null}
                </td>
                <td>
                  <RunStatusPill status={run.status} />
                </td>
                {run.dryRun ? (
                  <>
                    <td className="num">{formatCount(run.counts.seen)}</td>
                    <td colSpan={COUNTS.length - 1} className="preview-counts" data-testid="preview-counts">
                      <span className="badge badge-neutral">Preview</span> {previewCountsWords(run.counts)}
                      <span className="sub">Nothing was written.</span>
                    </td>
                  </>
                ) : (
                  COUNTS.map((c) => (
                    <td key={c} className="num">
                      {formatCount(run.counts[c])}
                    </td>
                  ))
                )}
                <td className="num nowrap" title={runNote(run) ?? undefined}>
                  {formatCount(run.source.requests)} / {formatCount(run.source.throttled)}
                </td>
              </tr>
              {run.error ? (
                <tr className="detail-row">
                  <td colSpan={COLUMNS}>
                    <span className={run.error.transient ? 'run-error run-error-transient row-line' : 'run-error row-line'}>
                      <strong>{categoryLabel(run.error.category)}:</strong> {run.error.message}
                    </span>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
