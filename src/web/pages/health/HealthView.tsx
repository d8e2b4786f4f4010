import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/api-error';
import { useHealth } from '../../api/health';
import { EmptyState } from '../../components/EmptyState';
import { FormError } from '../../components/FormError';
import { Icon, Spinner } from '../../components/Icon';
import { QueryError } from '../../components/QueryError';
import { LoadingLabel, SkeletonBlock } from '../../components/Skeleton';
import { AlertsCard } from './AlertsCard';
import { healthQuery, rangeFromParams, rangeToParams, type HealthRange } from './health-range';
import { totalsOf } from './health-series';
import { HealthByIntegration } from './HealthByIntegration';
import { HealthCharts } from './HealthCharts';
import { HealthRangePicker } from './HealthRangePicker';
import { HealthTable } from './HealthTable';
import { HealthTotals } from './HealthTotals';
import { StatusTime } from './StatusTime';

const HOUR = 3_600_000;

/** Import history and trends for one integration or (integrationId null) the whole workspace. */
export function HealthView({ integrationId }: { integrationId: string | null }) {
  const [params, setParams] = useSearchParams();
  const [asTable, setAsTable] = useState(false);
  const paramText = params.toString();
  const hour = Math.floor(Date.now() / HOUR);
  const range = useMemo(() => rangeFromParams(new URLSearchParams(paramText)), [paramText]);
  const query = useMemo(() => healthQuery(range, hour * HOUR + 1), [range, hour]);
  const health = useHealth(integrationId, query);
  const invalid = isApiError(health.error, 'invalid_input');
  const change = (next: HealthRange) => setParams(rangeToParams(next), { replace: true });
  const data = health.isError ? null : health.data;
  const empty = data ? totalsOf(data.buckets).runs === 0 && totalsOf(data.buckets).seen === 0 : false;

  return (
    <div className="stack">
      <section className="card" aria-labelledby="imports-title" data-testid="health-imports">
        <div className="card-header" style={{ alignItems: 'flex-start' }}>
          <div className="stack-sm" style={{ gap: 2 }}>
            <h2 id="imports-title">Imports</h2>
            <span className="small muted row">
              {health.isFetching && data ? (
                <>
                  <Spinner size={12} /> Updating…
                </>
              ) : (
                'Refreshed every minute.'
              )}
            </span>
          </div>
          <button type="button" className="btn btn-sm" aria-pressed={asTable} onClick={() => setAsTable(!asTable)} disabled={!data || empty}>
            {asTable ? <Icon name="chart" size={14} /> : null}
            {asTable ? 'Show as charts' : 'Show as a table'}
          </button>
        </div>
        <HealthRangePicker range={range} onChange={change} error={invalid ? health.error : null} />
        {invalid ? <FormError error={health.error} shown={['from', 'to', 'bucket', 'querystring.from', 'querystring.to', 'querystring.bucket']} /> : null}
        {health.isError && !invalid ? <QueryError error={health.error} what="the import history" onRetry={() => void health.refetch()} /> : null}
        {!data && !health.isError ? (
          <>
            <LoadingLabel what="the import history" />
            <SkeletonBlock lines={8} height={560} />
          </>
        ) : null}
        {data ? <HealthTotals totals={totalsOf(data.buckets)} /> : null}
        {data && empty ? (
          <EmptyState title="Nothing read in this range yet">
            <p>Runs and what they decided show here as they happen. Pick a longer range, or check back after the next run.</p>
          </EmptyState>
        ) : null}
        {data && !empty ? asTable ? <HealthTable buckets={data.buckets} bucket={data.bucket} /> : <HealthCharts health={data} /> : null}
      </section>
      {integrationId === null && data?.integrations ? <HealthByIntegration integrations={data.integrations} range={paramText} /> : null}
      <div className="grid-2">
        {data ? (
          <StatusTime health={data} workspace={integrationId === null} />
        ) : health.isError ? (
          <section className="card" aria-label="Time in each status">
            <h2>Time in each status</h2>
            <p className="muted small">Shown once the range above can be read.</p>
          </section>
        ) : (
          <div className="card">
            <SkeletonBlock lines={4} height={120} />
          </div>
        )}
        <AlertsCard integrationId={integrationId} />
      </div>
    </div>
  );
}
