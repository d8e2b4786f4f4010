import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { usePlatform } from '../../../api/platforms';
import { useRuns } from '../../../api/runs';
import { platformCapabilities } from '../../../format/platform-words';
import { QueryError } from '../../../components/QueryError';
import { BackfillHintCallout } from '../shared/BackfillHintCallout';
import { integrationPath, useCurrentIntegration } from '../detail/integration-outlet';
import { RunsTable } from '../runs/RunsTable';
import { CredentialsCard } from './CredentialsCard';
import { FactsCard } from './FactsCard';
import { StatusCard } from './StatusCard';
import { TroubleshootCard } from './TroubleshootCard';

/** Overview: status and what to do, the import facts, the connection and the last runs. */
export function OverviewTab() {
  const integration = useCurrentIntegration();
  const runs = useRuns(integration.id, 5, { live: integration.running });
  const capabilities = platformCapabilities(usePlatform(integration.platform));
  const { refetch } = runs;
  // A run started or ended (seen on the polled integration): the list of runs follows.
  useEffect(() => {
    void refetch();
  }, [integration.lastRanAt, integration.running, refetch]);
  return (
    <div className="stack">
      {integration.backfillHint && capabilities.backfill ? <BackfillHintCallout integrationId={integration.id} hint={integration.backfillHint} /> : null}
      <div className="grid-2">
        <StatusCard integration={integration} />
        <FactsCard integration={integration} />
      </div>
      <section className="card card-flush" aria-labelledby="recent-runs-title">
        <div className="card-header">
          <h2 id="recent-runs-title">Last runs</h2>
          <Link to={integrationPath(integration.id, 'runs')}>All runs</Link>
        </div>
        {runs.isError ? (
          <div style={{ padding: 'var(--s4)' }}>
            <QueryError error={runs.error} what="the runs" onRetry={() => void runs.refetch()} />
          </div>
        ) : runs.data?.length === 0 ? (
          <p className="muted" style={{ padding: 'var(--s4) var(--s5)' }}>
            No runs yet. The first one starts within a few seconds of adding the integration.
          </p>
        ) : (
          <RunsTable runs={runs.data ?? []} loading={runs.isPending} />
        )}
      </section>
      <TroubleshootCard integration={integration} canBackfill={capabilities.backfill} />
      <CredentialsCard integration={integration} />
    </div>
  );
}
