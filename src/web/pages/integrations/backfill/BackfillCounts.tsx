import type { RunView } from '../../../api/types';
import { formatCount } from '../../../format/duration';
import { OUTCOME_LABELS, reasonLabel } from '../../../format/decision-words';
import { PREVIEW_OUTCOME_LABELS } from '../../../format/run-words';

const OUTCOMES = ['imported', 'updated', 'unchanged', 'excluded', 'failed'] as const;

/** A backfill's (or its preview's) records per outcome, and the excluded ones per reason. */
export function BackfillCounts({ run }: { run: RunView }) {
  const labels = run.dryRun ? PREVIEW_OUTCOME_LABELS : OUTCOME_LABELS;
  const reasons = Object.entries(run.counts.reasons).sort((a, b) => b[1] - a[1]);
  return (
    <div className="stack-sm">
      <dl className="facts facts-compact">
        {OUTCOMES.filter((o) => o !== 'failed' || run.counts.failed > 0).map((o) => (
          <div key={o} data-testid="backfill-count" data-outcome={o}>
            <dt>{labels[o]}</dt>
            <dd className="big-number">{formatCount(run.counts[o])}</dd>
          </div>
        ))}
        <div data-testid="backfill-count" data-outcome="seen">
          <dt>Records read</dt>
          <dd className="big-number">{formatCount(run.counts.seen)}</dd>
        </div>
      </dl>
      {reasons.length ? (
        <div className="small" data-testid="backfill-reasons">
          <span className="muted">{run.dryRun ? 'Would exclude, by reason: ' : 'Excluded or failed, by reason: '}</span>
          {reasons.map(([reason, n], i) => (
            <span key={reason} data-reason={reason}>
              {i ? ' · ' : ''}
              {reasonLabel(reason)} <strong>{formatCount(n)}</strong>
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}
