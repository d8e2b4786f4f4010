import { Link } from 'react-router-dom';
import { usePlatform } from '../../../api/platforms';
import type { IntegrationView } from '../../../api/types';
import { RelativeTime } from '../../../components/RelativeTime';
import { platformCapabilities } from '../../../format/platform-words';
import { integrationPath } from '../detail/integration-outlet';

/** Credentials are write-only: whether they are set, when they changed, which account they reach. */
export function CredentialsCard({ integration }: { integration: IntegrationView }) {
  const { credentials, connection } = integration;
  const needed = platformCapabilities(usePlatform(integration.platform)).credentialsNeeded;
  const baseUrl = typeof connection.baseUrl === 'string' ? connection.baseUrl : null;
  return (
    <section className="card" aria-labelledby="credentials-title">
      <div className="card-header">
        <h2 id="credentials-title">Connection</h2>
        {needed ? (
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
          <dd data-testid="credentials-state">{needed ? (credentials.set ? 'Set' : 'Not set') : 'None needed'}</dd>
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
      {needed ? <p className="small muted">Intake never shows credentials: they are encrypted and only used to read from {integration.platformName}.</p> : null}
    </section>
  );
}
