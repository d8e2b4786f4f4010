import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/api-error';
import type { IntegrationView } from '../../../api/types';
import { Callout } from '../../../components/Callout';
import { FormError } from '../../../components/FormError';
import { integrationPath } from '../detail/integration-outlet';

/** What a reconnect did, or why it was refused, in words. */
export function ReconnectResult({ error, result, wasFailing, shown }: { error: unknown; result: IntegrationView | null; wasFailing: boolean; shown: string[] }) {
  if (result) {
    return (
      <Callout tone="success" title="Reconnected" role="status" testId="reconnect-success">
        <p>
          {result.platformName} accepted the new credentials for “{result.sourceAccount}”.{' '}
          {wasFailing ? 'The failure is cleared: the next run starts now' : 'The next run starts now'} from the checkpoint and catches up everything missed meanwhile.
        </p>
        <p>
          <Link to={integrationPath(result.id)}>Watch it on the Overview</Link>
        </p>
      </Callout>
    );
  }
  if (!(error instanceof ApiError)) return <FormError error={error} shown={shown} />;
  if (error.code === 'credentials_rejected') {
    return (
      <Callout tone="danger" title="The platform rejected these credentials" role="alert" testId="reconnect-error">
        <p>{error.message}</p>
        <p>Nothing was changed: the integration keeps its previous credentials. Check that they are copied whole, still active and of this account (or create new ones), and try again.</p>
      </Callout>
    );
  }
  if (error.code === 'wrong_source_account') {
    return (
      <Callout tone="danger" title="These credentials belong to another account" role="alert" testId="reconnect-error">
        <p>{error.message}</p>
        <p>
          Reconnect must reach the same account this integration imports from, so its checkpoint and contacts stay consistent. Use credentials of that account, or
          add a separate integration for the other one.
        </p>
      </Callout>
    );
  }
  return <FormError error={error} shown={shown} />;
}
