import { useDecisions } from '../../api/contacts';
import { useCan } from '../../app/SessionContext';
import { Callout } from '../../components/Callout';
import { DecisionTable } from '../../components/DecisionTable';
import { QueryError } from '../../components/QueryError';
import { SkeletonBlock } from '../../components/Skeleton';

/**
 * A reference with no imported contact: says so plainly, then shows every decision Intake
 * recorded about it (outcome, reason and evidence in words), or that no run has seen it.
 */
export function MissingContactPanel({ sourceRef }: { sourceRef: string }) {
  const decisions = useDecisions(sourceRef);
  const canSeeRuns = useCan('manage_integrations');
  return (
    <section className="card" data-testid="missing-contact" aria-labelledby="missing-title">
      <Callout tone="warning" title={<span id="missing-title">Not imported: no contact has the reference “{sourceRef}”</span>}>
        <p>No integration of this workspace imported a conversation with this reference.</p>
      </Callout>
      {decisions.isPending ? (
        <SkeletonBlock lines={3} height={90} />
      ) : decisions.isError ? (
        <QueryError error={decisions.error} what="the decisions about it" onRetry={() => void decisions.refetch()} />
      ) : decisions.data.length ? (
        <div className="stack-sm">
          <h3>What Intake decided about it</h3>
          <p className="small muted">Every time a run saw this reference, newest first.</p>
          <DecisionTable decisions={decisions.data} linkRuns={canSeeRuns} />
        </div>
      ) : (
        <div className="stack-sm" data-testid="never-seen">
          <h3>No run has seen this reference</h3>
          <ul className="hint-list">
            <li>It may be newer than the last run: check Last ran at on Conversations › Integrations.</li>
            <li>It may belong to an account no integration imports from, or be mistyped.</li>
            <li>It may have been created before the integration's start date, which history does not reach.</li>
          </ul>
        </div>
      )}
    </section>
  );
}
