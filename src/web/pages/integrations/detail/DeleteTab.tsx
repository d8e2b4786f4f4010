import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { FieldErrors } from '../../../api/field-errors';
import { useDeleteIntegration } from '../../../api/integration-actions';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { useNotify } from '../../../components/Notices';
import { useCurrentIntegration } from './integration-outlet';

/** The danger zone: deleting needs the integration's name typed out. */
export function DeleteTab() {
  const integration = useCurrentIntegration();
  const [confirm, setConfirm] = useState('');
  const remove = useDeleteIntegration(integration.id);
  const navigate = useNavigate();
  const notify = useNotify();
  const errors = FieldErrors.of(remove.error);
  const matches = confirm === integration.name;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    remove.mutate(confirm, {
      onSuccess: () => {
        notify(`Deleted “${integration.name}”. Its imported contacts stay in the workspace.`);
        navigate('/integrations');
      },
    });
  };

  return (
    <form className="card danger-zone" onSubmit={submit} aria-labelledby="delete-title">
      <h2 id="delete-title">Delete this integration</h2>
      <p>
        Deleting stops all imports from <strong>{integration.sourceAccount}</strong> and removes the integration's settings, credentials and checkpoint. Contacts
        already imported stay in the workspace. This cannot be undone; to stop imports for a while, pause instead.
      </p>
      <Field label={<>Type <strong>{integration.name}</strong> to confirm</>} error={errors.get('confirm')}>
        {(c) => <input {...c} className="input" value={confirm} autoComplete="off" onChange={(e) => setConfirm(e.target.value)} style={{ maxWidth: 420 }} />}
      </Field>
      <FormError error={remove.error} shown={['confirm']} />
      <div className="form-actions">
        <button type="submit" className="btn btn-danger" disabled={!matches || remove.isPending}>
          {remove.isPending ? 'Deleting…' : 'Delete integration'}
        </button>
      </div>
    </form>
  );
}
