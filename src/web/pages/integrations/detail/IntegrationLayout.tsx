import { Link, Outlet, useParams } from 'react-router-dom';
import { useIntegration } from '../../../api/integrations';
import { usePlatforms } from '../../../api/platforms';
import { PageHeader } from '../../../components/PageHeader';
import { PlatformMark } from '../../../components/PlatformMark';
import { QueryError } from '../../../components/QueryError';
import { LoadingLabel, SkeletonBlock } from '../../../components/Skeleton';
import { StatusBadge } from '../../../components/StatusBadge';
import { Tabs } from '../../../components/Tabs';
import { platformCapabilities } from '../../../format/platform-words';
import { LiveActivity } from '../platforms/LiveActivity';
import { SupportReportButton } from '../../../support-report/SupportReportButton';
import { IntegrationActions } from '../shared/IntegrationActions';
import { integrationPath } from './integration-outlet';

/** An integration: its header and actions (a support report among them, on every tab), then the tab in the URL. */
export function IntegrationLayout() {
  const { id = '' } = useParams();
  const integration = useIntegration(id);
  const platforms = usePlatforms();
  const crumbs = (
    <>
      Conversations › <Link to="/integrations">Integrations</Link>
    </>
  );

  // The tabs depend on what the platform can do: wait for the platforms (read once a session), unless they cannot be read.
  if (integration.isPending || platforms.isPending) {
    return (
      <div className="page">
        <PageHeader crumbs={crumbs} title={<span className="skeleton" style={{ width: 260, height: 28 }} />} />
        <div className="card">
          <LoadingLabel what="the integration" />
          <SkeletonBlock lines={5} height={180} />
        </div>
      </div>
    );
  }
  if (integration.isError) {
    return (
      <div className="page">
        <PageHeader crumbs={crumbs} title="Integration" />
        <QueryError error={integration.error} what="the integration" onRetry={() => void integration.refetch()} />
      </div>
    );
  }
  const i = integration.data;
  const capabilities = platformCapabilities(platforms.data?.find((p) => p.id === i.platform));
  return (
    <div className="page">
      <PageHeader
        crumbs={crumbs}
        title={
          <span className="row" style={{ gap: 'var(--s3)' }}>
            <PlatformMark platform={i.platform} />
            <span className="break">{i.name}</span>
          </span>
        }
        lede={
          <span className="row">
            <StatusBadge integration={i} />
            <span>
              {i.platformName} · {i.sourceAccount}
            </span>
            <LiveActivity integration={i} />
          </span>
        }
        actions={
          <div className="row">
            <IntegrationActions integration={i} />
            <SupportReportButton initial={() => ({ integrationId: i.id })} />
          </div>
        }
      />
      <Tabs
        label="Integration sections"
        tabs={[
          { to: integrationPath(i.id), label: 'Overview', end: true },
          ...(capabilities.uploads ? [{ to: integrationPath(i.id, 'upload'), label: 'Upload' }] : []),
          ...(capabilities.push ? [{ to: integrationPath(i.id, 'push'), label: 'Push API' }] : []),
          { to: integrationPath(i.id, 'settings'), label: 'Settings' },
          { to: integrationPath(i.id, 'history'), label: 'Settings history' },
          { to: integrationPath(i.id, 'runs'), label: 'Run history' },
          ...(capabilities.backfill ? [{ to: integrationPath(i.id, 'backfill'), label: 'Backfill' }] : []),
          { to: integrationPath(i.id, 'health'), label: 'Health' },
          ...(capabilities.credentialsNeeded ? [{ to: integrationPath(i.id, 'reconnect'), label: 'Reconnect' }] : []),
          { to: integrationPath(i.id, 'delete'), label: 'Delete', danger: true },
        ]}
      />
      <Outlet key={i.id} context={i} />
    </div>
  );
}
