import { useState, type FormEvent } from 'react';
import { FieldErrors } from '../../api/field-errors';
import { useChangePassword } from '../../api/session';
import { Callout } from '../../components/Callout';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';

const MIN_PASSWORD = 12;

/**
 * A new password, given the current one. Wrong current passwords count like failed sign-ins, and the
 * change signs you out everywhere else (other browsers, other devices).
 */
export function ChangePasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState(false);
  const change = useChangePassword();
  const server = FieldErrors.of(change.error);
  const local = {
    next: next.length < MIN_PASSWORD ? `must be at least ${MIN_PASSWORD} characters` : undefined,
    confirm: confirm !== next ? 'does not match the new password' : undefined,
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (local.next || local.confirm) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
          setChecked(false);
        },
      },
    );
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change your password</h2>
      <p className="small muted">Changing it signs you out in every other browser and voids any unused sign-in link for you.</p>
      {change.isSuccess ? (
        <Callout tone="success" title="Password changed" role="status" testId="password-changed">
          <p>Use the new password from now on. Other sessions were signed out.</p>
        </Callout>
      ) : null}
      <Field label="Current password" error={server.get('currentPassword')}>
        {(c) => <input {...c} className="input" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} style={{ maxWidth: 420 }} />}
      </Field>
      <Field label="New password" hint={`At least ${MIN_PASSWORD} characters.`} error={(checked ? local.next : undefined) ?? server.get('newPassword')}>
        {(c) => <input {...c} className="input" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} style={{ maxWidth: 420 }} />}
      </Field>
      <Field label="Confirm new password" error={checked ? local.confirm : undefined}>
        {(c) => <input {...c} className="input" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} style={{ maxWidth: 420 }} />}
      </Field>
      <FormError error={change.error} shown={['currentPassword', 'newPassword']} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
