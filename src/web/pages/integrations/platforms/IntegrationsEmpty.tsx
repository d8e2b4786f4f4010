import { Link, useNavigate } from 'react-router-dom';
import { useAddStarter, usePlatforms } from '../../../api/platforms';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';

/** No integration yet: add the first one, or the starter integration a platform offers (asks nothing). */
export function IntegrationsEmpty() {
  const platforms = usePlatforms();
  const add = useAddStarter();
  const navigate = useNavigate();
  const starter = platforms.data?.find((p) => p.starter);

  const addStarter = () => {
    if (!starter) return;
    add.mutate({ platform: starter.id }, { onSuccess: (integration) => navigate(`/integrations/${encodeURIComponent(integration.id)}`) });
  };

  return (
    <EmptyState
      title="No integrations yet"
      actions={
        <>
          <Link to="/integrations/new" className="btn btn-primary">
            Add your first integration
          </Link>
          {starter?.starter ? (
            <button type="button" className="btn" onClick={addStarter} disabled={add.isPending}>
              {add.isPending ? `Adding “${starter.starter.name}”…` : `Try the ${starter.name.toLowerCase()}`}
            </button>
          ) : null}
        </>
      }
    >
      <p>An integration imports conversations from one account on a platform, on a schedule, and records why each one was or was not imported.</p>
      {starter?.starter ? (
        <p>
          <strong>{starter.starter.name}</strong>: {starter.presentation.summary} Intake adds it on first start unless that is turned off; if it was removed, you
          can add it again here.
        </p>
      ) : null}
      <FormError error={add.error} />
    </EmptyState>
  );
}
