import type { DiagnosisStepView } from '../api/types';
import { DiagnosisActionButton } from './DiagnosisActionButton';
import { StepVerdict } from './StepVerdict';
import type { DiagnosisActions } from './use-diagnosis-actions';

/** The troubleshooting guide's checklist, each step answered: verdict, what was found, what to do. */
export function DiagnosisSteps({ steps, actions }: { steps: DiagnosisStepView[]; actions: DiagnosisActions }) {
  return (
    <ol className="checklist" aria-label="The troubleshooting checklist">
      {steps.map((step, index) => (
        <li key={step.key} className={`checklist-step checklist-${step.verdict}`} data-testid="diagnosis-step" data-step={step.key}>
          <span className="checklist-number" aria-hidden="true">
            {index + 1}
          </span>
          <div className="checklist-body">
            <div className="spread">
              <h4>{step.title}</h4>
              <StepVerdict verdict={step.verdict} />
            </div>
            <p className="break">{step.summary}</p>
            {step.action && step.action.kind !== 'wait' && actions.shows(step.action) ? (
              <div>
                <DiagnosisActionButton action={step.action} actions={actions} small />
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
