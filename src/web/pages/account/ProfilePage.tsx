import { useSignOut } from '../../api/session';
import { useSession } from '../../app/SessionContext';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { RelativeTime } from '../../components/RelativeTime';
import { PERMISSION_LABELS, ROLE_LABELS } from './account-words';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ProfileNameForm } from './ProfileNameForm';

/** Who you are signed in as, in which workspace, with which permissions; your name and password. */
export function ProfilePage() {
  const session = useSession();
  const signOut = useSignOut();
  const user = session.user;
  return (
    <div className="page page-narrow">
      <PageHeader crumbs="Account" title="Profile" />
      <section className="card" aria-label="Profile">
        <dl className="facts">
          <div>
            <dt>Name</dt>
            <dd>{user?.name || '—'}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{user?.email ?? '—'}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{user ? ROLE_LABELS[user.role] : 'API token'}</dd>
          </div>
          <div>
            <dt>Workspace</dt>
            <dd>{session.workspace.name}</dd>
          </div>
          <div>
            <dt>Last sign-in</dt>
            <dd>
              <RelativeTime iso={user?.lastSignInAt} empty="—" />
            </dd>
          </div>
        </dl>
        <div className="stack-sm">
          <h3>Your permissions</h3>
          <div className="chip-list" data-testid="my-permissions">
            {session.permissions.map((p) => (
              <span key={p} className="chip">
                {PERMISSION_LABELS[p]}
              </span>
            ))}
          </div>
          <p className="small muted">A workspace admin can change your role under Account › Users.</p>
        </div>
        <div>
          <button type="button" className="btn" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
        <FormError error={signOut.error} />
      </section>
      {user ? (
        <>
          <ProfileNameForm name={user.name} />
          <ChangePasswordForm />
        </>
      ) : null}
    </div>
  );
}
