import { useState } from 'react';
import type { Role, SignInLinkView, UserView } from '../../api/types';
import { useChangeRole, useNewSignInLink, useRemoveUser } from '../../api/users';
import { useNotify } from '../../components/Notices';
import { RelativeTime } from '../../components/RelativeTime';
import { errorFix, errorMessage } from '../../format/error-guidance';
import { ROLE_LABELS, ROLES } from './account-words';

/** One user: role (changed at once), sign-in state, a new link, removal (asked twice). */
export function UserRow({ user, isSelf, onLink }: { user: UserView; isSelf: boolean; onLink: (email: string, link: SignInLinkView) => void }) {
  const changeRole = useChangeRole();
  const newLink = useNewSignInLink();
  const remove = useRemoveUser();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const fail = (what: string) => (error: unknown) => notify(`${what} failed: ${errorMessage(error)} ${errorFix(error) ?? ''}`.trim(), 'error');
  const roleId = `role-${user.id}`;

  return (
    <tr data-testid="user-row" data-email={user.email}>
      <td>
        <span className="name">{user.name || user.email}</span>
        {isSelf ? <span className="chip" style={{ marginLeft: 6 }}>You</span> : null}
        <span className="sub">{user.email}</span>
      </td>
      <td>
        <label htmlFor={roleId} className="visually-hidden">
          Role of {user.email}
        </label>
        <select
          id={roleId}
          className="select"
          value={user.role}
          disabled={changeRole.isPending || isSelf}
          title={isSelf ? 'Ask another admin to change your own role' : undefined}
          onChange={(e) =>
            changeRole.mutate({ id: user.id, role: e.target.value as Role }, { onSuccess: (u) => notify(`${u.email} is now ${ROLE_LABELS[u.role]}.`), onError: fail('Changing the role') })
          }
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td>
        {user.passwordSet ? (
          <>
            Signed in <RelativeTime iso={user.lastSignInAt} empty="never" />
          </>
        ) : (
          <span className="badge badge-neutral">Invitation pending</span>
        )}
      </td>
      <td className="actions">
        <div className="row">
          <button type="button" className="btn btn-sm" disabled={newLink.isPending} onClick={() => newLink.mutate(user.id, { onSuccess: (link) => onLink(user.email, link), onError: fail('Creating a link') })}>
            New sign-in link
          </button>
          {isSelf ? null : confirming ? (
            <>
              <button type="button" className="btn btn-sm btn-danger" disabled={remove.isPending} onClick={() => remove.mutate(user.id, { onSuccess: () => notify(`Removed ${user.email}.`), onError: fail('Removing') })}>
                Remove {user.email}
              </button>
              <button type="button" className="btn btn-sm" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-sm" onClick={() => setConfirming(true)}>
              Remove…
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
