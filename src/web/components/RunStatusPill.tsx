import type { RunView } from '../api/types';
import { RUN_STATUS_LABELS } from '../format/run-words';
import { Icon, Spinner, type IconName } from './Icon';

const LOOK: Record<RunView['status'], { tone: string; icon: IconName | null }> = {
  queued: { tone: 'neutral', icon: 'clock' },
  running: { tone: 'info', icon: null },
  succeeded: { tone: 'active', icon: 'check-circle' },
  partial: { tone: 'warning', icon: 'alert-triangle' },
  failed: { tone: 'failure', icon: 'x-octagon' },
  cancelled: { tone: 'neutral', icon: 'pause' },
  interrupted: { tone: 'neutral', icon: 'alert-triangle' },
};

/** A run's outcome as a shape and a word. */
export function RunStatusPill({ status }: { status: RunView['status'] }) {
  const look = LOOK[status];
  return (
    <span className={`badge badge-${look.tone}`} data-run-status={status}>
      {look.icon ? <Icon name={look.icon} size={14} /> : <Spinner size={12} />}
      {RUN_STATUS_LABELS[status]}
    </span>
  );
}
