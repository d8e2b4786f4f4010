import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FieldErrors } from '../../api/field-errors';
import { useRedeemLink, type RedeemInput } from '../../api/session';
import { Callout } from '../../components/Callout';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';

const MIN_PASSWORD = 12;

/** One-time link: choose a password (and, on first start, the admin's email and name). */
export function SetUpAccountForm({ token, signedInAs, onDone }: { token: string; signedInAs: string | null; onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState(false);
  const redeem = useRedeemLink();
  const server = FieldErrors.of(redeem.error);

  const local = {
    password: password.length < MIN_PASSWORD ? `must be at least ${MIN_PASSWORD} characters` : undefined,
    confirm: confirm !== password ? 'does not match the password' : undefined,
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (local.password || local.confirm) return;
    const input: RedeemInput = { token, password };
    if (email.trim()) input.email = email.trim();
    if (name.trim()) input.name = name.trim();
    redeem.mutate(input, { onSuccess: onDone });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="stack-sm">
        <h1>Set up your account</h1>
        <p className="muted">This one-time link lets you choose how you sign in. It works once.</p>
      </div>
      {signedInAs ? (
        <Callout tone="info">
          <p>You are signed in as {signedInAs}. Setting up this account signs you in as its user instead.</p>
        </Callout>
      ) : null}
      {isApiError(redeem.error, 'invalid_link') ? (
        <Callout tone="danger" title="This sign-in link cannot be used" role="alert">
          <p>{redeem.error.message}</p>
          <p>Ask a workspace admin for a new link (Account › Users › New sign-in link). On first start, restarting Intake prints a new link.</p>
        </Callout>
      ) : (
        <FormError error={redeem.error} shown={['email', 'name', 'password']} />
      )}
      <Field label="Email" hint="The address you will sign in with. If an admin invited you, leave it empty to keep the one they entered." error={server.get('email')}>
        {(c) => <input {...c} className="input" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <Field label="Your name" error={server.get('name')}>
        {(c) => <input {...c} className="input" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label="Password" hint={`At least ${MIN_PASSWORD} characters.`} error={(checked ? local.password : undefined) ?? server.get('password')}>
        {(c) => <input {...c} className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <Field label="Confirm password" error={checked ? local.confirm : undefined}>
        {(c) => <input {...c} className="input" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={redeem.isPending}>
        {redeem.isPending ? 'Setting up…' : 'Set up and sign in'}
      </button>
    </form>
  );
}
