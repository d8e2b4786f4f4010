import { NavLink } from 'react-router-dom';
import { useSignOut } from '../api/session';
import { useNotify } from '../components/Notices';
import { errorMessage } from '../format/error-guidance';
import { useCan, useSession } from './SessionContext';

const linkClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'nav-link active' : 'nav-link');

/** The app's navigation, the workspace, and who is signed in. */
export function Sidebar() {
  const session = useSession();
  const canManage = useCan('manage_integrations');
  const canView = useCan('view_contacts');
  const isAdmin = useCan('manage_workspace');
  const signOut = useSignOut();
  const notify = useNotify();
  const user = session.user;

  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          i
        </span>
        Intake
      </div>
      <div className="workspace-name" title="Workspace">
        {session.workspace.name}
      </div>
      <nav className="nav" aria-label="Main">
        {canManage || canView ? (
          <div className="nav-group">
            <h2 className="nav-group-title">Conversations</h2>
            {canManage ? (
              <NavLink to="/integrations" className={linkClass}>
                Integrations
              </NavLink>
            ) : null}
            {canView ? (
              <NavLink to="/contacts" className={linkClass}>
                Imported contacts &amp; filters
              </NavLink>
            ) : null}
            {canManage ? (
              <NavLink to="/health" className={linkClass}>
                Health
              </NavLink>
            ) : null}
          </div>
        ) : null}
        <div className="nav-group">
          <h2 className="nav-group-title">Account</h2>
          <NavLink to="/account" end className={linkClass}>
            Profile
          </NavLink>
          <NavLink to="/account/notifications" className={linkClass}>
            Notifications
          </NavLink>
          {isAdmin ? (
            <>
              <NavLink to="/account/users" className={linkClass}>
                Users
              </NavLink>
              <NavLink to="/account/api-tokens" className={linkClass}>
                API tokens
              </NavLink>
              <NavLink to="/account/workspace" className={linkClass}>
                Workspace
              </NavLink>
            </>
          ) : null}
        </div>
      </nav>
      <div className="user-box">
        <div>
          <div className="user-name" data-testid="signed-in-user">
            {user?.name || user?.email || session.apiToken?.name}
          </div>
          {user?.name ? <div className="user-email">{user.email}</div> : null}
        </div>
        <button
          type="button"
          className="btn btn-sm"
          disabled={signOut.isPending}
          onClick={() => signOut.mutate(undefined, { onError: (error) => notify(`Could not sign out: ${errorMessage(error)}`, 'error') })}
        >
          Sign out
        </button>
      </div>
    </aside>
  );
}
