import { Link } from 'react-router-dom';
import { useAgentNames } from '../api/directory';
import type { DecisionView } from '../api/types';
import { useCan } from '../app/SessionContext';
import { evidenceLines, OUTCOME_MEANING, reasonLabel } from '../format/decision-words';
import { OutcomePill } from './OutcomePill';
import { RelativeTime } from './RelativeTime';
import { TableScroll } from './TableScroll';

/**
 * Decisions in words: the outcome, the reason and its evidence (what was expected, what the
 * record had), when, and — for those allowed to see runs — the run that decided.
 */
export function DecisionTable({ decisions, showReference = false, linkRuns = false }: { decisions: DecisionView[]; showReference?: boolean; linkRuns?: boolean }) {
  const canSeeSettings = useCan('manage_integrations');
  const agentName = useAgentNames(decisions.map((d) => d.integrationId));
  return (
    <TableScroll label="Decisions">
      <table className="table" data-testid="decision-table">
        <thead>
          <tr>
            {showReference ? <th scope="col">Reference</th> : null}
            <th scope="col">Outcome</th>
            <th scope="col">Why</th>
            <th scope="col">Decided</th>
            {linkRuns ? <th scope="col">Run</th> : null}
          </tr>
        </thead>
        <tbody>
          {decisions.map((d) => (
            <tr key={d.id} data-testid="decision-row">
              {showReference ? (
                <td>
                  <Link to={`/contacts?ref=${encodeURIComponent(d.sourceRef)}`} className="mono">
                    {d.sourceRef}
                  </Link>
                </td>
              ) : null}
              <td>
                <OutcomePill outcome={d.outcome} />
              </td>
              <td className="break">
                <div>{d.reason ? reasonLabel(d.reason) : capitalise(OUTCOME_MEANING[d.outcome])}</div>
                {evidenceLines(d, canSeeSettings, (id) => agentName(d.integrationId, id)).map((line, i) => (
                  <span key={i} className="sub">
                    {line}
                  </span>
                ))}
              </td>
              <td className="nowrap">
                <RelativeTime iso={d.decidedAt} />
                {d.integrationName ? <span className="sub wrap">by {d.integrationName}</span> : null}
              </td>
              {linkRuns ? (
                <td>
                  <Link to={`/runs/${encodeURIComponent(d.runId)}`} className="mono">
                    {d.runId.slice(0, 8)}
                  </Link>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
