import type { HealthBucketView } from '../../api/types';
import { TableScroll } from '../../components/TableScroll';
import { formatCount } from '../../format/duration';
import { reasonLabel } from '../../format/decision-words';
import { bucketLabel } from './health-series';

/** The same numbers as the charts, as a table (hours or days without any activity left out). */
export function HealthTable({ buckets, bucket }: { buckets: HealthBucketView[]; bucket: 'hour' | 'day' }) {
  const active = buckets.filter((b) => b.runs > 0 || b.seen > 0 || b.sourceRequests > 0);
  if (active.length === 0) return <p className="muted small">No activity in this range.</p>;
  return (
    <TableScroll label={`Imports per ${bucket}`}>
      <table className="table" data-testid="health-table">
        <caption className="visually-hidden">Imports and source requests per {bucket} (UTC)</caption>
        <thead>
          <tr>
            <th scope="col">{bucket === 'hour' ? 'Hour (UTC)' : 'Day (UTC)'}</th>
            <th scope="col" className="num">Runs</th>
            <th scope="col" className="num">Imported</th>
            <th scope="col" className="num">Updated</th>
            <th scope="col">Excluded</th>
            <th scope="col" className="num">Failed</th>
            <th scope="col" className="num">Requests / 429s</th>
          </tr>
        </thead>
        <tbody>
          {active.map((b) => (
            <tr key={b.start}>
              <th scope="row" className="nowrap" style={{ fontWeight: 500, textTransform: 'none', letterSpacing: 0, background: 'none', color: 'var(--text)' }}>
                {bucketLabel(b.start, bucket, true)}
              </th>
              <td className="num">{formatCount(b.runs)}</td>
              <td className="num">{formatCount(b.imported)}</td>
              <td className="num">{formatCount(b.updated)}</td>
              <td>
                {formatCount(b.excluded)}
                {b.excluded > 0 ? (
                  <span className="sub">
                    {Object.entries(b.excludedByReason)
                      .map(([reason, n]) => `${reasonLabel(reason)} ${formatCount(n)}`)
                      .join(' · ')}
                  </span>
                ) : null}
              </td>
              <td className="num">{formatCount(b.failed)}</td>
              <td className="num nowrap">
                {formatCount(b.sourceRequests)} / {formatCount(b.throttled)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
