import { useCreateApiToken } from '../../../api/api-tokens';
import { usePlatform } from '../../../api/platforms';
import { useSession } from '../../../app/SessionContext';
import { Callout } from '../../../components/Callout';
import { CopyField } from '../../../components/CopyField';
import { FormError } from '../../../components/FormError';
import { useCurrentIntegration } from '../detail/integration-outlet';

/** Where a push integration's records go, an example request, and a token limited to it. */
export function PushTab() {
  const integration = useCurrentIntegration();
  const platform = usePlatform(integration.platform);
  const session = useSession();
  const create = useCreateApiToken();
  if (platform && !platform.capabilities.push) {
    return (
      <Callout tone="info" title="No push on this platform">
        <p>{platform.name} reads its contacts itself; records are pushed to a Push API integration.</p>
      </Callout>
    );
  }
  const endpoint = `${window.location.origin}/api/v1/integrations/${encodeURIComponent(integration.id)}/contacts`;
  const canCreate = session.permissions.includes('manage_workspace');
  const example = `curl -H "Authorization: Bearer $INTAKE_TOKEN" -H 'content-type: application/json' \\\n  --data '{"records": [{"sourceRef": "chat-1", "version": 1, "createdAt": "2026-03-03T09:15:00Z", "status": "closed"}]}' \\\n  ${endpoint}`;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="push-endpoint-title">
        <h2 id="push-endpoint-title">Push records</h2>
        <p>
          Your scripts send up to 1,000 records a request; each is answered with its decision. Sending the same reference and version again changes nothing, so a
          request can always be retried. Up to 120 requests a minute per token; beyond, the answer is 429 with Retry-After.
        </p>
        <CopyField label="Endpoint (POST)" value={endpoint} />
        <pre className="code-block" aria-label="Example request">
          {example}
        </pre>
      </section>
      <section className="card" aria-labelledby="push-token-title">
        <h2 id="push-token-title">Push token</h2>
        <p>A token that can push records to “{integration.name}” and do nothing else. It is shown once.</p>
        {create.data ? (
          <CopyField label="Push token" value={create.data.token} hint="Store it now: Intake keeps only its hash." />
        ) : canCreate ? (
          <button type="button" className="btn btn-primary" disabled={create.isPending} onClick={() => create.mutate({ name: `push to ${integration.name}`.slice(0, 100), pushIntegrationId: integration.id })}>
            Create a push token
          </button>
        ) : (
          <p className="muted">Only a workspace admin creates tokens (Account › API tokens).</p>
        )}
        <FormError error={create.error} />
      </section>
    </div>
  );
}
