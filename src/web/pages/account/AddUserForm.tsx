import { useState, type FormEvent } from 'react';
import { FieldErrors } from '../../api/field-errors';
import type { Role, SignInLinkView } from '../../api/types';
import { useAddUser } from '../../api/users';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { ROLE_GRANTS, ROLE_LABELS, ROLES } from './account-words';

/** Add a user: they get a one-time link to choose their password. */
export function AddUserForm({ onAdded }: { onAdded: (email: string, link: SignInLinkView) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('contact_viewer');
  const add = useAddUser();
  const errors = FieldErrors.of(add.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { email: email.trim(), name: name.trim(), role },
      {
        onSuccess: ({ user, signInLink }) => {
          onAdded(user.email, signInLink);
          setEmail('');
          setName('');
        },
      },
    );
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="add-user-title">
      <h2 id="add-user-title">Add a user</h2>
      <div className="form-grid">
        <Field label="Email" error={errors.get('email')}>
          {(c) => <input {...c} className="input" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label="Name" error={errors.get('name')}>
          {(c) => <input {...c} className="input" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Role" hint={ROLE_GRANTS[role]} error={errors.get('role')}>
          {(c) => (
            <select {...c} className="select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <FormError error={add.error} shown={['email', 'name', 'role']} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add user'}
        </button>
      </div>
    </form>
  );
}
