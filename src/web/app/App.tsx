import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useSessionQuery } from '../api/session';
import { QueryError } from '../components/QueryError';
import { SkeletonBlock } from '../components/Skeleton';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { AppShell } from './AppShell';
import { SessionProvider } from './SessionContext';

/** Loads the session: signed out, only Sign in; signed in, the app. */
export function App() {
  const session = useSessionQuery();
  const location = useLocation();

  if (session.isPending) {
    return (
      <div className="auth-page">
        <div className="card auth-card">
          <span className="visually-hidden" role="status">
            Loading Intake…
          </span>
          <SkeletonBlock lines={4} />
        </div>
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="auth-page">
        <div className="auth-card">
          <QueryError error={session.error} what="your session" onRetry={() => void session.refetch()} />
        </div>
      </div>
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="*" element={<Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />} />
      </Routes>
    );
  }
  return (
    <SessionProvider session={session.data}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="*" element={<AppShell />} />
      </Routes>
    </SessionProvider>
  );
}
