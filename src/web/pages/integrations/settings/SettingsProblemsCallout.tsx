import type { ReactNode } from 'react';
import type { IntegrationView } from '../../../api/types';
import { Callout } from '../../../components/Callout';

/** Filter conditions that no longer fit the platform: they stop filtering as intended until edited. */
export function SettingsProblemsCallout({ integration, action }: { integration: IntegrationView; action?: ReactNode }) {
  const problems = integration.settingsProblems;
  if (problems.length === 0) return null;
  return (
    <Callout tone="warning" title={problems.length === 1 ? 'A filter needs attention' : `${problems.length} filter conditions need attention`} role="status" testId="settings-problems">
      <ul className="changes">
        {problems.map((p) => (
          <li key={`${p.conditionIndex}:${p.id}`}>{p.message}</li>
        ))}
      </ul>
      {action}
    </Callout>
  );
}
