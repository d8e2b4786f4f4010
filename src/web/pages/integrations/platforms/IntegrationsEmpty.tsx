import { Link, useNavigate } from 'react-router-dom';
import { useAddIntegration } from '../../../api/integration-actions';
import { usePlatforms } from '../../../api/integrations';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';

/** No integration yet: add the first one, or try the sandbox. */
export function IntegrationsEmpty() {
  const platforms = usePlatforms();
  const add = useAddIntegration();
  const navigate = useNavigate();
  const sandboxAvailable = platforms.data?.some((p) => p.id === 'sandbox') ?? false;

  const addSandbox = () =>
    add.mutate(
      { platform: 'sandbox', name: 'Sandbox help desk', connection: { epoch: new Date().toISOString() }, settings: { intervalMinutes: 1 } },
      { onSuccess: (integration) => navigate(`/integrations/${encodeURIComponent(integration.id)}`) },
    );

  return (
    <EmptyState
      title="No integrations yet"
      actions={
        <>
          <Link to="/integrations/new" className="btn btn-primary">
            Add your first integration
          </Link>
          {sandboxAvailable ? (
            <button type="button" className="btn" onClick={addSandbox} disabled={add.isPending}>
              {add.isPending ? 'Adding the sandbox…' : 'Try the sandbox'}
            </button>
          ) : null}
        </>
      }
    >
      <p>An integration imports conversations from one account on a platform such as Zendesk, on a schedule, and records why each one was or was not imported.</p>
      <p>
        The <strong>sandbox</strong> is a simulated Zendesk help desk that runs inside Intake: new tickets arrive every few seconds, so you can watch imports without an
        account anywhere. Intake adds it on first start; if it was removed or turned off (<code>INTAKE_SANDBOX=off</code>), you can add it again here.
      </p>
      <FormError error={add.error} />
    </EmptyState>
  );
}
