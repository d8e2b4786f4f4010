import { useState, type FormEvent } from 'react';
import { FieldErrors } from '../../../api/field-errors';
import { useReconnect, type ReconnectInput } from '../../../api/integration-actions';
import type { IntegrationView } from '../../../api/types';
import { Callout } from '../../../components/Callout';
import { Spinner } from '../../../components/Icon';
import { RelativeTime } from '../../../components/RelativeTime';
import { CREDENTIAL_PATHS, credentialsFromDraft, newCredentialsDraft } from '../shared/credentials-draft';
import { CONNECTION_PATHS, connectionFromDraft, ZendeskConnectionFields } from '../shared/ZendeskConnectionFields';
import { ZendeskCredentialsFields } from '../shared/ZendeskCredentialsFields';
import { useCurrentIntegration } from '../detail/integration-outlet';
import { ReconnectResult } from './ReconnectResult';

const SHOWN = [...CREDENTIAL_PATHS, ...CONNECTION_PATHS];

/** Reconnect: new credentials for the same account, tested first; success clears a failure. */
export function ReconnectTab() {
  const integration = useCurrentIntegration();
  if (integration.platform === 'sandbox') {
    return (
      <Callout tone="info" title="Nothing to reconnect">
        <p>The sandbox runs inside Intake and needs no credentials.</p>
      </Callout>
    );
  }
  return <ReconnectForm integration={integration} />;
}

function ReconnectForm({ integration }: { integration: IntegrationView }) {
  const currentBaseUrl = typeof integration.connection.baseUrl === 'string' ? integration.connection.baseUrl : '';
  const subdomain = typeof integration.connection.subdomain === 'string' ? integration.connection.subdomain : integration.sourceAccount;
  const [credentials, setCredentials] = useState(newCredentialsDraft);
  const [connection, setConnection] = useState({ subdomain, baseUrl: currentBaseUrl });
  const [wasFailing, setWasFailing] = useState(false);
  const reconnect = useReconnect(integration.id);
  const errors = FieldErrors.of(reconnect.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ReconnectInput = { credentials: credentialsFromDraft(credentials) };
    if (connection.baseUrl.trim() !== currentBaseUrl) input.connection = connectionFromDraft(connection);
    setWasFailing(integration.status === 'failure');
    reconnect.mutate(input, { onSuccess: () => setCredentials(newCredentialsDraft()) });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Reconnect">
      <section className="card">
        <h2>Reconnect {integration.platformName}</h2>
        <p>
          Enter new credentials for the account <strong>{integration.sourceAccount}</strong>. Intake tests them against {integration.platformName} before saving, and
          refuses credentials of another account. On success a failure status clears and the next run starts at once from the checkpoint: nothing missed
          meanwhile is lost.
        </p>
        <p className="small muted">
          Current credentials: {integration.credentials.set ? 'set' : 'not set'}, last changed <RelativeTime iso={integration.credentials.updatedAt} empty="never" />.
        </p>
        <ZendeskCredentialsFields draft={credentials} onChange={setCredentials} errors={errors} />
        <ZendeskConnectionFields draft={connection} onChange={setConnection} errors={errors} subdomainLocked />
      </section>
      <ReconnectResult error={reconnect.error} result={reconnect.isSuccess ? reconnect.data : null} wasFailing={wasFailing} shown={SHOWN} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={reconnect.isPending}>
          {reconnect.isPending ? (
            <>
              <Spinner /> Testing the credentials…
            </>
          ) : (
            'Test and reconnect'
          )}
        </button>
      </div>
    </form>
  );
}
