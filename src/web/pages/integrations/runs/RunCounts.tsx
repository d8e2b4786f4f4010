import type { RunView } from '../../../api/types';
import { formatCount } from '../../../format/duration';
import { OUTCOME_LABELS, reasonLabel } from '../../../format/decision-words';
import { PREVIEW_OUTCOME_LABELS } from '../../../format/run-words';

const OUTCOMES = ['imported', 'updated', 'unchanged', 'excluded', 'failed'] as const;

/**
 * What a run decided: records per outcome, and excluded or failed ones per reason. A preview
 * decided nothing for good: its counts read "Would import", and it says that nothing was written.
 */
export function RunCounts({ run }: { run: RunView }) {
  const reasons = Object.entries(run.counts.reasons).sort((a, b) => b[1] - a[1]);
  const labels = run.dryRun ? PREVIEW_OUTCOME_LABELS : OUTCOME_LABELS;
  return (
    <div className="stack-sm" data-testid="run-counts">
      {run.dryRun ? (
        <p className="small" data-testid="preview-note">
          <span className="badge badge-neutral">Preview</span> A backfill preview: it read the source and counted what a backfill would do. Nothing was written.
        </p>
      ) : null}
      <dl className="facts facts-compact">
        <div>
          <dt>Seen</dt>
          <dd className="big-number">{formatCount(run.counts.seen)}</dd>
        </div>
        {OUTCOMES.map((o) => (
          <div key={o} data-outcome={o}>
            <dt>{labels[o]}</dt>
            <dd className="big-number">{formatCount(run.counts[o])}</dd>
          </div>
        ))}
      </dl>
      {reasons.length ? (
        <p className="small">
          <span className="muted">{run.dryRun ? 'Would exclude, by reason: ' : 'By reason: '}</span>
          {reasons.map(([reason, n], i) => (
            <span key={reason}>
              {i ? ' · ' : ''}
              {reasonLabel(reason)} {formatCount(n)}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
