import type { HealthView } from '../../api/types';
import { formatCount } from '../../format/duration';
import { BucketChart } from './BucketChart';
import { ChartLegend } from './ChartLegend';
import { ChartPatterns } from './ChartPatterns';
import { chartRows, REQUEST_SERIES, totalsOf, volumeSeries } from './health-series';

/** Contacts per bucket (stacked by outcome, excluded by reason) and requests to the platform with their 429s. */
export function HealthCharts({ health }: { health: HealthView }) {
  const series = volumeSeries(health.buckets);
  const rows = chartRows(health.buckets);
  const totals = totalsOf(health.buckets);
  const legendTotals: Record<string, number> = { ...totals };
  for (const b of health.buckets) for (const [reason, n] of Object.entries(b.excludedByReason)) legendTotals[`excluded:${reason}`] = (legendTotals[`excluded:${reason}`] ?? 0) + n;
  const per = health.bucket === 'hour' ? 'hour' : 'day';
  return (
    <>
      <ChartPatterns series={[...series, ...REQUEST_SERIES]} />
      <figure className="chart-figure" data-testid="volume-chart">
        <figcaption>
          <h3>Contacts per {per}</h3>
          <span className="small muted">Imported, updated, excluded (by reason) and failed, stacked; times in UTC.</span>
        </figcaption>
        <BucketChart
          rows={rows}
          series={series}
          bucket={health.bucket}
          stacked
          summary={`Over the range: ${formatCount(totals.imported)} imported, ${formatCount(totals.updated)} updated, ${formatCount(totals.excluded)} excluded, ${formatCount(totals.failed)} failed.`}
        />
        <ChartLegend series={series} totals={legendTotals} />
      </figure>
      <figure className="chart-figure" data-testid="requests-chart">
        <figcaption>
          <h3>Requests to the platform per {per}</h3>
          <span className="small muted">Every request Intake sent, and how many were answered 429 (rate limited).</span>
        </figcaption>
        <BucketChart
          rows={rows}
          series={REQUEST_SERIES}
          bucket={health.bucket}
          stacked={false}
          summary={`Over the range: ${formatCount(totals.sourceRequests)} requests, ${formatCount(totals.throttled)} answered 429.`}
        />
        <ChartLegend series={REQUEST_SERIES} totals={legendTotals} />
      </figure>
    </>
  );
}
