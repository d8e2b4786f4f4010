import { useEffect, useRef, useState } from 'react';
import { useUpdateWorkspace } from '../../api/workspace';
import { useSession } from '../../app/SessionContext';
import { FormError } from '../../components/FormError';

/** The workspace's Integrations flag: it enables contact import, and everything Intake shows depends on it. */
export function IntegrationsFlag() {
  const { workspace } = useSession();
  const update = useUpdateWorkspace();
  // While the change is being saved the switch shows where it is going, not where it was.
  const [pending, setPending] = useState<boolean | null>(null);
  const [confirming, setConfirming] = useState(false);
  const on = pending ?? workspace.featureFlags.integrations === true;
  const set = (value: boolean) => {
    setPending(value);
    update.mutate({ featureFlags: { integrations: value } }, { onSettled: () => setPending(null) });
  };
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
            // Turning it off stops every import of the workspace: asked first. Turning it on is harmless.
            if (e.target.checked) set(true);
            else setConfirming(true);
          }}
          aria-describedby="flag-hint"
        />
        <span>
          <strong>Integrations</strong> — {on ? 'on' : 'off'}
        </span>
      </label>
      <p id="flag-hint" className="small muted">
        Enables contact import: importing conversations, their status and the imported contacts. While it is off, no import runs — scheduled runs, Run now,
        manual imports and backfills all stop —, Conversations › Integrations and Imported contacts &amp; filters are hidden for everyone in this workspace,
        and the API answers that the feature is turned off. Nothing is lost: each integration resumes from its checkpoint when it is turned on again.
      </p>
      <FormError error={update.error} />
      {confirming ? (
        <TurnOffDialog
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            set(false);
          }}
        />
      ) : null}
    </section>
  );
}

/** Asks before turning the flag off, saying what stops and that nothing is lost. */
function TurnOffDialog({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="card"
      aria-labelledby="flag-off-title"
      aria-describedby="flag-off-what"
      data-testid="flag-off-dialog"
      style={{ maxWidth: 520 }}
      // Escape closes the dialog: the same as "Keep it on".
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="flag-off-title">Turn off Integrations?</h2>
      <div id="flag-off-what">
        <p>While Integrations is off, for everyone in this workspace:</p>
        <ul>
          <li>no import runs: scheduled runs, Run now, manual imports and backfills all stop;</li>
          <li>a run in progress stops after the page it is writing;</li>
          <li>the integration screens and imported contacts are hidden, and the API answers that the feature is off.</li>
        </ul>
        <p>
          Nothing is lost: imported contacts stay, and each integration resumes from its checkpoint when Integrations is turned on again, catching up what
          arrived meanwhile.
        </p>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-danger" onClick={onConfirm}>
          Turn off Integrations
        </button>
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          Keep it on
        </button>
      </div>
    </dialog>
  );
}
