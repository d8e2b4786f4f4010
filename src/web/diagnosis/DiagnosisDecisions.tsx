import type { DecisionView } from '../api/types';
import { DecisionTable } from '../components/DecisionTable';

/** Every decision Intake recorded about the reference, or that no run has seen it. */
export function DiagnosisDecisions({ decisions, canSeeRuns }: { decisions: DecisionView[]; canSeeRuns: boolean }) {
  if (decisions.length === 0) {
    return (
      <div className="stack-sm" data-testid="never-seen">
        <h3>What Intake decided about it</h3>
        <p className="small muted">No run has recorded a decision about this reference.</p>
      </div>
    );
  }
  return (
    <div className="stack-sm">
      <h3>What Intake decided about it</h3>
      <p className="small muted">Every time a run saw this reference, newest first.</p>
      <div className="card-inset">
        <DecisionTable decisions={decisions} linkRuns={canSeeRuns} />
      </div>
    </div>
  );
}
