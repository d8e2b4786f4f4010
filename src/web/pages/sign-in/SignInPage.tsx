import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useSessionQuery } from '../../api/session';
import { PasswordSignInForm } from './PasswordSignInForm';
import { LinkSetUp } from './LinkSetUp';

/** The one-time link token in `#link=…`, if the page was opened from one. */
function linkToken(hash: string): string | null {
  const match = /(?:^#|&)link=([^&]+)/.exec(hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** Sign in with a password, or — opened from a one-time link — set up the account. */
export function SignInPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const session = useSessionQuery().data;
  const token = linkToken(location.hash);
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

  if (!token && session) return <Navigate to={target} replace />;

  return (
    <div className="auth-page">
      <div className="auth-card stack">
        <div className="brand" style={{ color: 'var(--text)', justifyContent: 'center' }}>
          <span className="brand-mark" aria-hidden="true">
            i
          </span>
          Intake
        </div>
        <main className="card">
          {token ? (
            <LinkSetUp token={token} signedInAs={session?.user?.email ?? null} onDone={() => navigate('/', { replace: true })} />
          ) : (
            <PasswordSignInForm onDone={() => navigate(target, { replace: true })} />
          )}
        </main>
      </div>
    </div>
  );
}
