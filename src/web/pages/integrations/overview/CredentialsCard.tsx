import { Link } from 'react-router-dom';
import type { IntegrationView } from '../../../api/types';
import { RelativeTime } from '../../../components/RelativeTime';
import { integrationPath } from '../detail/integration-outlet';

/** Credentials are write-only: whether they are set, when they changed, which account they reach. */
export function CredentialsCard({ integration }: { integration: IntegrationView }) {
  const { credentials, connection } = integration;
  const baseUrl = typeof connection.baseUrl === 'string' ? connection.baseUrl : null;
  return (
    <section className="card" aria-labelledby="credentials-title">
      <div className="card-header">
        <h2 id="credentials-title">Connection</h2>
        {integration.platform !== 'sandbox' ? (
          <Link to={integrationPath(integration.id, 'reconnect')} className="btn btn-sm">
            Reconnect
          </Link>
        ) : null}
      </div>
      <dl className="facts">
        <div>
          <dt>Source account</dt>
          <dd>{credentials.sourceAccount || integration.sourceAccount}</dd>
        </div>
        <div>
          <dt>Credentials</dt>
          <dd data-testid="credentials-state">{integration.platform === 'sandbox' ? 'None needed' : credentials.set ? 'Set' : 'Not set'}</dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>
            <RelativeTime iso={credentials.updatedAt} empty="Never" />
          </dd>
        </div>
        {baseUrl ? (
          <div>
            <dt>Base URL</dt>
            <dd className="mono">{baseUrl}</dd>
          </div>
        ) : null}
      </dl>
      {integration.platform !== 'sandbox' ? (
        <p className="small muted">Intake never shows credentials: they are encrypted and only used to read from {integration.platformName}.</p>
      ) : null}
    </section>
  );
}
