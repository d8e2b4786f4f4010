import { useState } from 'react';
import { useSession } from '../../app/SessionContext';
import type { SignInLinkView } from '../../api/types';
import { useUsers } from '../../api/users';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SkeletonRows } from '../../components/Skeleton';
import { TableScroll } from '../../components/TableScroll';
import { AddUserForm } from './AddUserForm';
import { SignInLinkPanel } from './SignInLinkPanel';
import { UserRow } from './UserRow';

/** Account › Users (admins): who can sign in, with which role. */
export function UsersPage() {
  const session = useSession();
  const users = useUsers();
  const [link, setLink] = useState<{ email: string; link: SignInLinkView } | null>(null);
  const showLink = (email: string, l: SignInLinkView) => setLink({ email, link: l });

  return (
    <div className="page">
      <PageHeader
        crumbs="Account"
        title="Users"
        lede="Roles grant the two permissions: Manage Integrations and View Imported Contacts. Admins also manage users, API tokens and the workspace."
      />
      {link ? <SignInLinkPanel email={link.email} link={link.link} onDone={() => setLink(null)} /> : null}
      <AddUserForm onAdded={showLink} />
      {users.isError ? (
        <QueryError error={users.error} what="the users" onRetry={() => void users.refetch()} />
      ) : (
        <section className="card card-flush" aria-label="Users">
          <TableScroll label="Users">
            <table className="table" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col">Sign-in</th>
                  <th scope="col" className="actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.isPending ? <SkeletonRows rows={3} columns={4} /> : null}
                {(users.data ?? []).map((u) => (
                  <UserRow key={u.id} user={u} isSelf={u.id === session.user?.id} onLink={showLink} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </div>
  );
}
