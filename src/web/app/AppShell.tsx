import { useLocation } from 'react-router-dom';
import { AppRoutes } from './AppRoutes';
import { ErrorBoundary } from './ErrorBoundary';
import { Sidebar } from './Sidebar';

/** The signed-in frame: navigation beside the current page. */
export function AppShell() {
  const location = useLocation();
  return (
    <div className="shell">
      <Sidebar />
      <main className="main" id="main">
        <ErrorBoundary key={location.pathname}>
          <AppRoutes />
        </ErrorBoundary>
      </main>
    </div>
  );
}
