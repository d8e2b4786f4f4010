import { Link } from 'react-router-dom';
import type { AlertView } from '../../api/types';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { formatDateTime } from '../../format/relative-time';
import { ALERT_CAUSES, ALERT_KINDS } from './alert-words';

/** One alert: what kind of drop, its explanation, when it opened (and closed). */
export function AlertItem({ alert, showIntegration }: { alert: AlertView; showIntegration: boolean }) {
  const open = alert.closedAt === null;
  return (
    <li className={open ? 'alert-item alert-open' : 'alert-item'} data-testid="alert-item" data-state={open ? 'open' : 'closed'}>
      <Icon name={open ? 'alert-triangle' : 'check-circle'} size={18} />
      <div className="stack-sm" style={{ gap: 4, minWidth: 0 }}>
        <div className="row">
          <strong>{ALERT_KINDS[alert.kind]}</strong>
          <span className={open ? 'badge badge-warning' : 'badge badge-neutral'}>{open ? 'Open' : 'Closed'}</span>
          {showIntegration ? <Link to={`/integrations/${encodeURIComponent(alert.integrationId)}/health`}>{alert.integrationName}</Link> : null}
        </div>
        <p className="break">{alert.message}</p>
        <p className="small muted">
          {ALERT_CAUSES[alert.cause]} · opened {formatDateTime(alert.openedAt)} (<RelativeTime iso={alert.openedAt} />)
          {alert.closedAt ? ` · closed ${formatDateTime(alert.closedAt)}` : ''}
        </p>
      </div>
    </li>
  );
}
