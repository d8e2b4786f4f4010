import { Link } from 'react-router-dom';
import { useLinkCheck } from '../../api/session';
import { Callout } from '../../components/Callout';
import { FormError } from '../../components/FormError';
import { SetUpAccountForm } from './SetUpAccountForm';

const TITLES = { used: 'This sign-in link was already used', expired: 'This sign-in link has expired', unknown: 'This sign-in link is not valid' } as const;

/**
 * Opened from a one-time link: the link is checked first (without using it), so a spent or expired
 * link says so at once, with what to do, instead of showing a form that can only fail.
 */
export function LinkSetUp({ token, signedInAs, onDone }: { token: string; signedInAs: string | null; onDone: () => void }) {
  const check = useLinkCheck(token);

  if (check.isPending) {
    return (
      <p className="muted" role="status" data-testid="link-checking">
        Checking your sign-in link…
      </p>
    );
  }
  if (check.isError) {
    return (
      <div className="stack">
        <h1>Set up your account</h1>
        <FormError error={check.error} />
        <div>
          <button type="button" className="btn" onClick={() => void check.refetch()}>
            Check the link again
          </button>
        </div>
      </div>
    );
  }
  const link = check.data;
  if (link.state !== 'usable') {
    return (
      <div className="stack" data-testid="link-refused">
        <h1>{TITLES[link.state]}</h1>
        <Callout tone="danger" title="You cannot set up an account with it" role="alert">
          <p>{link.message}</p>
        </Callout>
        <p>
          <Link to="/sign-in" replace>
            Sign in with your email and password
          </Link>
        </p>
      </div>
    );
  }
  return <SetUpAccountForm token={token} link={link} signedInAs={signedInAs} onDone={onDone} />;
}
