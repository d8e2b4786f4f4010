import { useState, type FormEvent } from 'react';
import { FieldErrors } from '../../api/field-errors';
import { useUpdateWorkspace } from '../../api/workspace';
import { useSession } from '../../app/SessionContext';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { IntegrationsFlag } from './IntegrationsFlag';

/** Account › Workspace (admins): its name and the Integrations feature flag. */
export function WorkspacePage() {
  const { workspace } = useSession();
  const [name, setName] = useState(workspace.name);
  const rename = useUpdateWorkspace();
  const errors = FieldErrors.of(rename.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ name: name.trim() });
  };
  return (
    <div className="page page-narrow">
      <PageHeader crumbs="Account" title="Workspace" />
      <form className="card" onSubmit={submit} noValidate aria-labelledby="workspace-name-title">
        <h2 id="workspace-name-title">Name</h2>
        <Field label="Workspace name" error={errors.get('name')}>
          {(c) => <input {...c} className="input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <FormError error={rename.error} shown={['name']} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={rename.isPending || name.trim() === workspace.name}>
            {rename.isPending ? 'Saving…' : 'Save name'}
          </button>
          {rename.isSuccess && name.trim() === workspace.name ? <span className="small muted" role="status">Saved.</span> : null}
        </div>
      </form>
      <IntegrationsFlag />
    </div>
  );
}
