import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FieldErrors } from '../../api/field-errors';
import { useRedeemLink } from '../../api/session';
import type { LinkCheckView, RedeemLinkInput } from '../../api/types';
import { Callout } from '../../components/Callout';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';

const MIN_PASSWORD = 12;

/**
 * One-time link: choose a password. The first-start link also chooses the admin's email (required:
 * it names them in the history of changes); every other link keeps the email the admin invited.
 */
export function SetUpAccountForm({ token, link, signedInAs, onDone }: { token: string; link: LinkCheckView; signedInAs: string | null; onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState(false);
  const redeem = useRedeemLink();
  const server = FieldErrors.of(redeem.error);

  const local = {
    email: link.choosesEmail && !email.trim() ? 'is required: the address you will sign in with' : undefined,
    password: password.length < MIN_PASSWORD ? `must be at least ${MIN_PASSWORD} characters` : undefined,
    confirm: confirm !== password ? 'does not match the password' : undefined,
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (local.email || local.password || local.confirm) return;
    const input: RedeemLinkInput = { token, password };
    if (link.choosesEmail) input.email = email.trim();
    if (name.trim()) input.name = name.trim();
    redeem.mutate(input, { onSuccess: onDone });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="stack-sm">
        <h1>Set up your account</h1>
        <p className="muted">
          {link.choosesEmail
            ? 'You are the first admin of this Intake. Choose the email and password you will sign in with. This link works once.'
            : 'This one-time link lets you choose your password. It works once.'}
        </p>
      </div>
      {signedInAs ? (
        <Callout tone="info">
          <p>You are signed in as {signedInAs}. Setting up this account signs you in as its user instead.</p>
        </Callout>
      ) : null}
      {isApiError(redeem.error, 'invalid_link') ? (
        <Callout tone="danger" title="This sign-in link cannot be used" role="alert">
          <p>{redeem.error.message}</p>
        </Callout>
      ) : (
        <FormError error={redeem.error} shown={['email', 'name', 'password']} />
      )}
      {link.choosesEmail ? (
        <Field label="Email" hint="The address you will sign in with. It names you in the history of every change you make." error={(checked ? local.email : undefined) ?? server.get('email')}>
          {(c) => <input {...c} className="input" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
      ) : (
        <div className="field">
          <span className="field-label">Email</span>
          <span data-testid="invited-email">{link.email}</span>
          <span className="field-hint">The address your admin invited. You sign in with it; an admin can add you again under another address if it is wrong.</span>
        </div>
      )}
      <Field label="Your name" hint={link.choosesEmail ? undefined : `Leave it empty to keep “${link.name}”.`} error={server.get('name')}>
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
