import { Link } from 'react-router-dom';
import { receivesRecords, usePlatform } from '../../../api/platforms';
import type { IntegrationView } from '../../../api/types';
import { PlatformMark } from '../../../components/PlatformMark';
import { RelativeTime } from '../../../components/RelativeTime';
import { StatusBadge } from '../../../components/StatusBadge';
import { IntegrationActions } from '../shared/IntegrationActions';
import { SettingsWarningBadge } from '../settings/SettingsWarningBadge';
import { LiveActivity } from './LiveActivity';

function NextRun({ integration, label = '' }: { integration: IntegrationView; label?: string }) {
  const platform = usePlatform(integration.platform);
  if (integration.running) return <span>{receivesRecords(platform) ? 'Receiving now' : 'Running now'}</span>;
  if (integration.status === 'paused') return <span className="muted">{label}Paused</span>;
  // Files and pushes import when they are sent: nothing is scheduled.
  if (receivesRecords(platform)) return <span className="muted">{label}{platform!.capabilities.uploads ? 'When a file is uploaded' : 'When records are pushed'}</span>;
  if (integration.status === 'failure' && integration.nextRunAt) {
    // Its next run is a check whether the cause cleared (hourly while credentials or configuration are broken).
    return (
      <span title="While an integration is failing, its next run checks whether the problem has cleared (once an hour when credentials or configuration are at fault); reconnecting runs it at once.">
        Checks again <RelativeTime iso={integration.nextRunAt} />
      </span>
    );
  }
  return (
    <>
      {label}
      <RelativeTime iso={integration.nextRunAt} empty="Not scheduled" />
    </>
  );
}

/** One integration in the Platforms table. */
export function PlatformRow({ integration }: { integration: IntegrationView }) {
  const href = `/integrations/${encodeURIComponent(integration.id)}`;
  return (
    <tr data-testid="integration-row" data-name={integration.name}>
      <td>
        <div className="cell-main">
          <PlatformMark platform={integration.platform} />
          <div style={{ minWidth: 0 }}>
            <Link to={href} className="name">
              {integration.name}
            </Link>
            <span className="sub">
              {integration.platformName} · {integration.sourceAccount}
            </span>
          </div>
        </div>
      </td>
      <td>
        <div className="stack-sm" style={{ gap: 4, alignItems: 'flex-start' }}>
          <StatusBadge integration={integration} />
          <SettingsWarningBadge integration={integration} />
          <LiveActivity integration={integration} />
        </div>
      </td>
      <td data-testid="last-ran-at">
        <RelativeTime iso={integration.lastRanAt} empty="Never" />
        <span className="sub col-narrow-only">
          <NextRun integration={integration} label="Next: " />
        </span>
      </td>
      <td data-testid="last-data-imported">
        <RelativeTime iso={integration.lastDataImportedAt} empty="No data yet" />
      </td>
      <td className="col-wide-only">
        <NextRun integration={integration} />
      </td>
      <td className="actions">
        <div className="row">
          <IntegrationActions integration={integration} small />
          <Link to={href} className="btn btn-sm open-link" aria-label={`Open ${integration.name}`}>
            Open
          </Link>
        </div>
      </td>
    </tr>
  );
}
