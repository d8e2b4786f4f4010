import { Link } from 'react-router-dom';
import type { IntegrationView } from '../../../api/types';
import { Icon } from '../../../components/Icon';
import { integrationPath } from '../detail/integration-outlet';
import { DiagnoseReference } from './DiagnoseReference';

/** When contacts are missing or late: diagnose one, look at the trends, backfill, see what changed. */
export function TroubleshootCard({ integration, canBackfill }: { integration: IntegrationView; canBackfill: boolean }) {
  return (
    <section className="card" aria-labelledby="troubleshoot-title" data-testid="troubleshoot">
      <div className="card-header">
        <h2 id="troubleshoot-title">Missing or late contacts?</h2>
        <nav className="row" aria-label="Troubleshooting">
          <Link to={integrationPath(integration.id, 'health')} className="btn btn-sm">
            <Icon name="chart" size={14} /> Health
          </Link>
          {canBackfill ? (
            <Link to={integrationPath(integration.id, 'backfill')} className="btn btn-sm">
              Backfill
            </Link>
          ) : null}
          <Link to={integrationPath(integration.id, 'history')} className="btn btn-sm">
            Settings history
          </Link>
        </nav>
      </div>
      <DiagnoseReference integration={integration} />
    </section>
  );
}
