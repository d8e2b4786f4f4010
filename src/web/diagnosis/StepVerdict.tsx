import type { DiagnosisStepView } from '../api/types';
import { Icon } from '../components/Icon';
import { STEP_VERDICTS } from './diagnosis-words';

export function StepVerdict({ verdict }: { verdict: DiagnosisStepView['verdict'] }) {
  const look = STEP_VERDICTS[verdict];
  return (
    <span className={`badge badge-${look.tone}`} data-verdict={verdict}>
      <Icon name={look.icon} size={14} />
      {look.word}
    </span>
  );
}
