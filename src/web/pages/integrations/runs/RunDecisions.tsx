import { useState } from 'react';
import { useRunDecisions } from '../../../api/runs';
import type { DecisionOutcome, RunView } from '../../../api/types';
import { DecisionTable } from '../../../components/DecisionTable';
import { Field } from '../../../components/Field';
import { QueryError } from '../../../components/QueryError';
import { SkeletonBlock } from '../../../components/Skeleton';
import { OUTCOME_LABELS, REASON_LABELS, reasonLabel } from '../../../format/decision-words';

const OUTCOMES = Object.keys(OUTCOME_LABELS) as DecisionOutcome[];

/** A run's decisions, filtered by outcome and reason, 50 at a time. A preview has none to show. */
export function RunDecisions({ run }: { run: RunView }) {
  if (run.dryRun) {
    return (
      <section className="card" aria-labelledby="decisions-title" data-testid="preview-decisions">
        <h2 id="decisions-title">Decisions</h2>
        <p className="muted">A preview records no decision: it only counts what a backfill would do. Start the backfill to decide each record and keep why.</p>
      </section>
    );
  }
  return <Decisions run={run} />;
}

function Decisions({ run }: { run: RunView }) {
  const [outcome, setOutcome] = useState<DecisionOutcome | ''>('');
  const [reason, setReason] = useState('');
  const decisions = useRunDecisions(run.id, outcome, reason);
  const reasons = [...new Set([...Object.keys(run.counts.reasons), ...Object.keys(REASON_LABELS)])];
  const rows = decisions.data?.pages.flatMap((p) => p.decisions) ?? [];

  return (
    <section className="card card-flush" aria-labelledby="decisions-title">
      <div className="card-header">
        <h2 id="decisions-title">Decisions</h2>
        <div className="row" style={{ alignItems: 'flex-end' }}>
          <Field label="Outcome">
            {(c) => (
              <select {...c} className="select" value={outcome} onChange={(e) => setOutcome(e.target.value as DecisionOutcome | '')}>
                <option value="">All outcomes</option>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {OUTCOME_LABELS[o]} ({run.counts[o]})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Reason">
            {(c) => (
              <select {...c} className="select" value={reason} onChange={(e) => setReason(e.target.value)}>
                <option value="">All reasons</option>
                {reasons.map((r) => (
                  <option key={r} value={r}>
                    {reasonLabel(r)}
                    {run.counts.reasons[r] !== undefined ? ` (${run.counts.reasons[r]})` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </div>
      {decisions.isError ? (
        <div style={{ padding: 'var(--s4)' }}>
          <QueryError error={decisions.error} what="the decisions" onRetry={() => void decisions.refetch()} />
        </div>
      ) : decisions.isPending ? (
        <div style={{ padding: 'var(--s4) var(--s5)' }}>
          <SkeletonBlock lines={5} height={200} />
        </div>
      ) : rows.length === 0 ? (
        <p className="muted" style={{ padding: 'var(--s4) var(--s5)' }}>
          No decision matches these filters.
        </p>
      ) : (
        <DecisionTable decisions={rows} showReference />
      )}
      <div className="card-footer">
        <span className="small muted">
          {rows.length} shown{decisions.hasNextPage ? '' : rows.length ? ', all loaded' : ''}
        </span>
        {decisions.hasNextPage ? (
          <button type="button" className="btn btn-sm" onClick={() => void decisions.fetchNextPage()} disabled={decisions.isFetchingNextPage}>
            {decisions.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        ) : null}
      </div>
    </section>
  );
}
