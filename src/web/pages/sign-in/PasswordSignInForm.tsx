import { useState, type FormEvent } from 'react';
import { FieldErrors } from '../../api/field-errors';
import { useSignIn } from '../../api/session';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';

export function PasswordSignInForm({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();
  const errors = FieldErrors.of(signIn.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password }, { onSuccess: onDone });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="stack-sm">
        <h1>Sign in</h1>
        <p className="muted">Sign in to your Intake workspace.</p>
      </div>
      <FormError error={signIn.error} shown={['email', 'password']} />
      <Field label="Email" error={errors.get('email')}>
        {(c) => <input {...c} className="input" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />}
      </Field>
      <Field label="Password" error={errors.get('password')}>
        {(c) => <input {...c} className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="small muted">
        Forgot your password? A workspace admin can send you a new one-time sign-in link from Account › Users.
      </p>
    </form>
  );
}
