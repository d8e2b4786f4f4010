import { formatCount, formatDuration } from '../../format/duration';
import type { HealthTotals as Totals } from './health-series';

const SHOWN: Array<{ key: keyof Totals; label: string }> = [
  { key: 'imported', label: 'Imported' },
  { key: 'updated', label: 'Updated' },
  { key: 'unchanged', label: 'Unchanged' },
  { key: 'excluded', label: 'Excluded' },
  { key: 'failed', label: 'Failed' },
  { key: 'runs', label: 'Runs' },
  { key: 'sourceRequests', label: 'Source requests' },
  { key: 'throttled', label: '429 answers' },
];

/** The range's totals in numbers. */
export function HealthTotals({ totals }: { totals: Totals }) {
  return (
    <dl className="facts facts-compact" data-testid="health-totals">
      {SHOWN.map(({ key, label }) => (
        <div key={key} data-total={key}>
          <dt>{label}</dt>
          <dd className="big-number">{formatCount(totals[key])}</dd>
        </div>
      ))}
      <div data-total="rateLimitedSeconds">
        <dt>Waited on rate limits</dt>
        <dd className="big-number">{totals.rateLimitedSeconds > 0 ? formatDuration(totals.rateLimitedSeconds * 1000) : 'None'}</dd>
      </div>
    </dl>
  );
}
