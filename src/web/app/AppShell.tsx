import { useLocation } from 'react-router-dom';
import { usePlatforms } from '../api/platforms';
import { useIntegrationsEnabled } from './SessionContext';
import { AppRoutes } from './AppRoutes';
import { ErrorBoundary } from './ErrorBoundary';
import { Sidebar } from './Sidebar';

/** The signed-in frame: navigation beside the current page. */
export function AppShell() {
  const location = useLocation();
  // Read once for the session: every screen names platforms, their marks and their conversations.
  usePlatforms(useIntegrationsEnabled());
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Sidebar />
      <main className="main" id="main" tabIndex={-1}>
        <ErrorBoundary key={location.pathname}>
          <AppRoutes />
        </ErrorBoundary>
      </main>
    </div>
  );
}
