import { useUpdateWorkspace } from '../api/workspace';
import { useCan } from '../app/SessionContext';
import { FormError } from './FormError';
import { Icon } from './Icon';

/** Shown wherever the workspace's Integrations flag is off: what is needed and who can turn it on. */
export function FeatureDisabledPanel() {
  const isAdmin = useCan('manage_workspace');
  const update = useUpdateWorkspace();
  return (
    <section className="card" data-testid="feature-disabled" aria-labelledby="feature-disabled-title">
      <div className="row">
        <Icon name="lock" size={20} />
        <h2 id="feature-disabled-title">Integrations are turned off for this workspace</h2>
      </div>
      <p>
        Importing conversations from the platforms where they happen, their status, and the list of imported contacts all need the workspace's{' '}
        <strong>Integrations</strong> feature. While it is off, nothing here can be seen or changed.
      </p>
      <p data-testid="imports-stopped">
        <strong>Imports are stopped:</strong> no scheduled run, Run now, manual import or backfill runs. Nothing is lost — each integration resumes from its
        checkpoint when Integrations is turned on again.
      </p>
      {isAdmin ? (
        <>
          <p>As a workspace admin you can turn it on now. You can turn it off again under Account › Workspace.</p>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={update.isPending} onClick={() => update.mutate({ featureFlags: { integrations: true } })}>
              {update.isPending ? 'Turning on…' : 'Turn on Integrations'}
            </button>
          </div>
          <FormError error={update.error} />
        </>
      ) : (
        <p>A workspace admin can turn it on under Account › Workspace. Ask one of your admins to enable it.</p>
      )}
    </section>
  );
}
