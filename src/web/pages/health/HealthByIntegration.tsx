import { Link } from 'react-router-dom';
import type { IntegrationTotalsView } from '../../api/types';
import { PlatformMark } from '../../components/PlatformMark';
import { StatusPill } from '../../components/StatusBadge';
import { TableScroll } from '../../components/TableScroll';
import { formatCount } from '../../format/duration';
import { integrationPath } from '../integrations/detail/integration-outlet';

/**
 * The workspace's totals split per integration, most imported first: which integration a drop or
 * a rise of 429s is in. Each name opens that integration's own Health over the same range.
 */
export function HealthByIntegration({ integrations, range }: { integrations: IntegrationTotalsView[]; range: string }) {
  const rows = [...integrations].sort((a, b) => b.imported - a.imported || a.name.localeCompare(b.name));
  const most = Math.max(1, ...rows.map((r) => r.imported));
  return (
    <section className="card card-flush" aria-labelledby="by-integration-title" data-testid="health-by-integration">
      <div className="card-header">
        <h2 id="by-integration-title">By integration</h2>
        <span className="small muted">The same range, most imported first. Open one for its own charts.</span>
      </div>
      {rows.length === 0 ? (
        <p className="muted small" style={{ padding: 'var(--s4) var(--s5)' }}>
          No integration yet.
        </p>
      ) : (
        <TableScroll label="Imports by integration">
          <table className="table">
            <caption className="visually-hidden">What each integration did over the range</caption>
            <thead>
              <tr>
                <th scope="col">Integration · status now</th>
                <th scope="col" className="num">Runs</th>
                <th scope="col" className="num">Imported</th>
                <th scope="col" className="num">Updated</th>
                <th scope="col" className="num">Excluded</th>
                <th scope="col" className="num">Failed</th>
                <th scope="col" className="num">Requests / 429s</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.integrationId} data-testid="integration-totals" data-integration-id={r.integrationId}>
                  <th scope="row" className="row-header">
                    <span className="integration-cell">
                      <PlatformMark platform={r.platform} small />
                      <span className="stack-sm" style={{ gap: 2 }}>
                        <Link to={`${integrationPath(r.integrationId, 'health')}${range ? `?${range}` : ''}`} className="name">
                          {r.name}
                        </Link>
                        <span className="small muted">
                          {r.platformName} · {r.sourceAccount}
                        </span>
                        <span>
                          <StatusPill status={r.status} />
                        </span>
                      </span>
                    </span>
                  </th>
                  <td className="num">{formatCount(r.runs)}</td>
                  <td className="num" data-total="imported">
                    {formatCount(r.imported)}
                    <span className="share-bar" aria-hidden="true">
                      <span style={{ width: `${Math.round((r.imported / most) * 100)}%` }} />
                    </span>
                  </td>
                  <td className="num">{formatCount(r.updated)}</td>
                  <td className="num">{formatCount(r.excluded)}</td>
                  <td className="num">{formatCount(r.failed)}</td>
                  <td className="num nowrap">
                    {formatCount(r.sourceRequests)} / {formatCount(r.throttled)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
