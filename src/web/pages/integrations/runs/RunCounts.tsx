import type { RunView } from '../../../api/types';
import { formatCount } from '../../../format/duration';
import { OUTCOME_LABELS, reasonLabel } from '../../../format/decision-words';

const OUTCOMES = ['imported', 'updated', 'unchanged', 'excluded', 'failed'] as const;

/** What a run decided: records per outcome, and excluded or failed ones per reason. */
export function RunCounts({ run }: { run: RunView }) {
  const reasons = Object.entries(run.counts.reasons).sort((a, b) => b[1] - a[1]);
  return (
    <div className="stack-sm">
      <dl className="facts facts-compact">
        <div>
          <dt>Seen</dt>
          <dd className="big-number">{formatCount(run.counts.seen)}</dd>
        </div>
        {OUTCOMES.map((o) => (
          <div key={o}>
            <dt>{OUTCOME_LABELS[o]}</dt>
            <dd className="big-number">{formatCount(run.counts[o])}</dd>
          </div>
        ))}
      </dl>
      {reasons.length ? (
        <p className="small">
          <span className="muted">By reason: </span>
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
