import { useState } from 'react';
import { useUpdateWorkspace } from '../../api/workspace';
import { useSession } from '../../app/SessionContext';
import { FormError } from '../../components/FormError';

/** The workspace's Integrations feature flag: everything Intake shows depends on it. */
export function IntegrationsFlag() {
  const { workspace } = useSession();
  const update = useUpdateWorkspace();
  // While the change is being saved the switch shows where it is going, not where it was.
  const [pending, setPending] = useState<boolean | null>(null);
  const on = pending ?? workspace.featureFlags.integrations === true;
  return (
    <section className="card" aria-labelledby="flag-title">
      <h2 id="flag-title">Features</h2>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={on}
          disabled={update.isPending}
          onChange={(e) => {
            setPending(e.target.checked);
            update.mutate({ featureFlags: { integrations: e.target.checked } }, { onSettled: () => setPending(null) });
          }}
          aria-describedby="flag-hint"
        />
        <span>
          <strong>Integrations</strong> — {on ? 'on' : 'off'}
        </span>
      </label>
      <p id="flag-hint" className="small muted">
        Importing conversations, their status and the imported contacts. While it is off, Conversations › Integrations and Imported contacts &amp; filters are
        hidden for everyone in this workspace, and the API answers that the feature is turned off.
      </p>
      <FormError error={update.error} />
    </section>
  );
}
