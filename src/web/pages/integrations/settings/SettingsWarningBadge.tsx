import { Link } from 'react-router-dom';
import type { IntegrationView } from '../../../api/types';
import { Icon } from '../../../components/Icon';
import { Tooltip } from '../../../components/Tooltip';
import { integrationPath } from '../detail/integration-outlet';

/**
 * Beside the status on the Platforms row: a filter no longer fits the platform (a custom field it
 * stopped listing). Hover or focus for what is wrong; it opens the Settings.
 */
export function SettingsWarningBadge({ integration }: { integration: IntegrationView }) {
  const problems = integration.settingsProblems;
  if (problems.length === 0) return null;
  return (
    <Tooltip
      content={
        <>
          {problems.map((p) => (
            <div key={`${p.conditionIndex}:${p.id}`}>{p.message}</div>
          ))}
        </>
      }
    >
      {(props) => (
        <Link to={integrationPath(integration.id, 'settings')} className="badge badge-warning" data-testid="settings-warning" {...props}>
          <Icon name="alert-triangle" size={14} />
          {problems.length === 1 ? 'Filter needs attention' : `${problems.length} filters need attention`}
        </Link>
      )}
    </Tooltip>
  );
}
