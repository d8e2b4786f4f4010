import { useState, type FormEvent } from 'react';
import { FieldErrors } from '../../../api/field-errors';
import { useReconnect, type ReconnectInput } from '../../../api/integration-actions';
import { usePlatform, type PlatformView } from '../../../api/platforms';
import type { IntegrationView } from '../../../api/types';
import { Callout } from '../../../components/Callout';
import { Spinner } from '../../../components/Icon';
import { RelativeTime } from '../../../components/RelativeTime';
import { SkeletonBlock } from '../../../components/Skeleton';
import { ConnectionFields } from '../shared/ConnectionFields';
import { CredentialFields } from '../shared/CredentialFields';
import { credentialsFromDraft, fieldValues, newCredentialsDraft, objectFromValues, shownPaths } from '../shared/platform-draft';
import { useCurrentIntegration } from '../detail/integration-outlet';
import { ReconnectResult } from './ReconnectResult';

/** Reconnect: new credentials for the same account, tested first; success clears a failure. */
export function ReconnectTab() {
  const integration = useCurrentIntegration();
  const platform = usePlatform(integration.platform);
  if (!platform) {
    return (
      <div className="card">
        <SkeletonBlock lines={4} />
      </div>
    );
  }
  if (!platform.capabilities.credentialsNeeded || platform.presentation.credentialVariants.length === 0) {
    return (
      <Callout tone="info" title="Nothing to reconnect">
        <p>{platform.name} integrations need no credentials.</p>
      </Callout>
    );
  }
  return <ReconnectForm integration={integration} platform={platform} />;
}

/** The connection fields that say which account stay as they are; what is folded away (a base URL) may change with the credentials. */
const ACCOUNT_LOCKED = 'The account this integration imports from; it cannot change.';

function ReconnectForm({ integration, platform }: { integration: IntegrationView; platform: PlatformView }) {
  const fields = platform.presentation.connectionFields;
  const current = fieldValues(fields, integration.connection);
  const [credentials, setCredentials] = useState(() => newCredentialsDraft(platform));
  const [connection, setConnection] = useState(current);
  const [wasFailing, setWasFailing] = useState(false);
  const reconnect = useReconnect(integration.id);
  const errors = FieldErrors.of(reconnect.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ReconnectInput = { credentials: credentialsFromDraft(platform, credentials) };
    if (fields.some((f) => (connection[f.key] ?? '').trim() !== current[f.key])) input.connection = objectFromValues(fields, connection);
    setWasFailing(integration.status === 'failure');
    // Once saved, the secrets leave the form; a refusal keeps them to correct.
    reconnect.mutate(input, { onSuccess: () => setCredentials((draft) => ({ ...newCredentialsDraft(platform), variant: draft.variant })) });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Reconnect" data-platform={platform.id}>
      <section className="card">
        <h2>Reconnect {platform.name}</h2>
        <p>
          Enter new credentials for the account <strong>{integration.sourceAccount}</strong>. Intake tests them against {platform.name} before saving, and refuses
          credentials of another account. On success a failure status clears and the next run starts at once from the checkpoint: nothing missed meanwhile is
          lost.
        </p>
        <p className="small muted">
          Current credentials: {integration.credentials.set ? 'set' : 'not set'}, last changed <RelativeTime iso={integration.credentials.updatedAt} empty="never" />.
          Fields marked <span className="required-mark">*</span> are required.
        </p>
        <CredentialFields platform={platform} draft={credentials} onChange={setCredentials} errors={errors} />
        <ConnectionFields fields={fields} values={connection} onChange={setConnection} errors={errors} lockedHint={ACCOUNT_LOCKED} />
      </section>
      <ReconnectResult error={reconnect.error} result={reconnect.isSuccess ? reconnect.data : null} wasFailing={wasFailing} shown={shownPaths(platform, credentials)} />
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
