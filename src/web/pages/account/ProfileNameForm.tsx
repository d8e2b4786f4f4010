import { useState, type FormEvent } from 'react';
import { FieldErrors } from '../../api/field-errors';
import { useUpdateProfile } from '../../api/session';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';

/** Your name, as others see it. The email stays: it is what names you in the history of changes. */
export function ProfileNameForm({ name: current }: { name: string }) {
  const [name, setName] = useState(current);
  const update = useUpdateProfile();
  const errors = FieldErrors.of(update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name: name.trim() });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="profile-name-title">
      <h2 id="profile-name-title">Your name</h2>
      <Field label="Name" hint="Shown beside your email in the sidebar and to your admins." error={errors.get('name')}>
        {(c) => <input {...c} className="input" autoComplete="name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} style={{ maxWidth: 420 }} />}
      </Field>
      <FormError error={update.error} shown={['name']} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={update.isPending || name.trim() === current}>
          {update.isPending ? 'Saving…' : 'Save name'}
        </button>
        {update.isSuccess && name.trim() === current ? (
          <span className="small muted" role="status">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}
