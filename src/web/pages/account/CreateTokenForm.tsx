import { useState, type FormEvent } from 'react';
import { useCreateApiToken } from '../../api/api-tokens';
import { FieldErrors } from '../../api/field-errors';
import type { Permission } from '../../api/types';
import { Callout } from '../../components/Callout';
import { CopyField } from '../../components/CopyField';
import { Field, FieldError } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PERMISSION_HINTS, PERMISSION_LABELS, PERMISSIONS } from './account-words';

/** Create an API token for scripts; the token itself is shown once, right here. */
export function CreateTokenForm() {
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(['view_contacts']);
  const create = useCreateApiToken();
  const errors = FieldErrors.of(create.error);
  const created = create.isSuccess ? create.data : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), permissions }, { onSuccess: () => setName('') });
  };
  const toggle = (p: Permission, on: boolean) => setPermissions(on ? [...permissions, p] : permissions.filter((x) => x !== p));

  return (
    <div className="stack">
      {created ? (
        <Callout tone="warning" title={`Copy the token “${created.apiToken.name}” now`} role="status" testId="new-token">
          <p>This is the only time Intake shows it: only a hash is kept. Store it in your secret manager; if it is lost, revoke it and create another.</p>
          <CopyField label="API token" value={created.token} hint="Send it as: Authorization: Bearer <token>" />
          <div>
            <button type="button" className="btn btn-sm" onClick={() => create.reset()}>
              I have stored it
            </button>
          </div>
        </Callout>
      ) : null}
      <form className="card" onSubmit={submit} noValidate aria-labelledby="create-token-title">
        <h2 id="create-token-title">Create an API token</h2>
        <Field label="Name" hint="What uses it, e.g. “Nightly export script”." error={errors.get('name')}>
          {(c) => <input {...c} className="input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} style={{ maxWidth: 420 }} />}
        </Field>
        <fieldset className="group">
          <legend>Permissions</legend>
          {PERMISSIONS.map((p) => (
            <label key={p} className="check">
              <input type="checkbox" checked={permissions.includes(p)} onChange={(e) => toggle(p, e.target.checked)} />
              <span>
                {PERMISSION_LABELS[p]} <span className="muted small">— {PERMISSION_HINTS[p]}</span>
              </span>
            </label>
          ))}
          {errors.first('permissions') ? <FieldError message={errors.first('permissions')!} /> : null}
        </fieldset>
        <FormError error={create.error} shown={['name', 'permissions', 'permissions.']} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create token'}
          </button>
        </div>
      </form>
    </div>
  );
}
