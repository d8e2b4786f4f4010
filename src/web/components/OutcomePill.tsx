import type { DecisionOutcome } from '../api/types';
import { OUTCOME_LABELS } from '../format/decision-words';
import { Icon, type IconName } from './Icon';

const LOOK: Record<DecisionOutcome, { tone: string; icon: IconName }> = {
  imported: { tone: 'active', icon: 'check-circle' },
  updated: { tone: 'info', icon: 'refresh' },
  unchanged: { tone: 'neutral', icon: 'check' },
  excluded: { tone: 'warning', icon: 'x' },
  failed: { tone: 'failure', icon: 'x-octagon' },
};

export function OutcomePill({ outcome }: { outcome: DecisionOutcome }) {
  const look = LOOK[outcome];
  return (
    <span className={`badge badge-${look.tone}`} data-outcome={outcome}>
      <Icon name={look.icon} size={14} />
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}
