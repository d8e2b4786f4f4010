import type { IntegrationStatus, IntegrationView } from '../api/types';
import { useNow } from '../format/now-ticker';
import { formatDateTime, formatRelative } from '../format/relative-time';
import { receivesRecords, usePlatform } from '../api/platforms';
import { categoryLabel, pauseNoteEnding, STATUS_LABELS, statusMeaning } from '../format/status-words';
import { Icon, type IconName } from './Icon';
import { Tooltip } from './Tooltip';

const ICONS: Record<IntegrationStatus, IconName> = {
  active: 'check-circle',
  warning: 'alert-triangle',
  failure: 'x-octagon',
  paused: 'pause',
};

/** The status pill alone: a shape and a word, so colour is never the only signal. */
export function StatusPill({ status }: { status: IntegrationStatus }) {
  return (
    <span className={`badge badge-${status}`}>
      <Icon name={ICONS[status]} size={14} />
      {STATUS_LABELS[status]}
    </span>
  );
}

/** The status badge of an integration; hover or focus it for the last error, its time and category. */
export function StatusBadge({ integration }: { integration: IntegrationView }) {
  const { status } = integration;
  return (
    <Tooltip content={<StatusDetail integration={integration} />}>
      {(props) => (
        <button type="button" className={`badge badge-${status}`} data-testid="status-badge" data-status={status} {...props}>
          <Icon name={ICONS[status]} size={14} />
          {STATUS_LABELS[status]}
          <span className="visually-hidden">: details</span>
        </button>
      )}
    </Tooltip>
  );
}

function StatusDetail({ integration }: { integration: IntegrationView }) {
  const now = Math.max(useNow(15_000), Date.now());
  const { lastError, pause, status } = integration;
  const receives = receivesRecords(usePlatform(integration.platform));
  if (status === 'paused' && pause) {
    return (
      <>
        <div>
          Paused by {pause.by}
          {pauseNoteEnding(pause.note)}
        </div>
        <div className="tooltip-meta">
          {formatRelative(pause.at, now)} · {formatDateTime(pause.at)}
        </div>
      </>
    );
  }
  if (lastError && status !== 'active') {
    return (
      <>
        <div>{lastError.message}</div>
        <div className="tooltip-meta">
          {categoryLabel(lastError.category)} · {formatRelative(lastError.at, now)} ({formatDateTime(lastError.at)})
        </div>
      </>
    );
  }
  return (
    <>
      <div>{statusMeaning(status, receives)}</div>
      <div className="tooltip-meta">
        {STATUS_LABELS[status]} since {formatRelative(integration.statusSince, now)} ({formatDateTime(integration.statusSince)})
      </div>
    </>
  );
}
