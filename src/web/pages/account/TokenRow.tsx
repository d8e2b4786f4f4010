import { useState } from 'react';
import { useRevokeApiToken } from '../../api/api-tokens';
import type { ApiTokenView } from '../../api/types';
import { useNotify } from '../../components/Notices';
import { RelativeTime } from '../../components/RelativeTime';
import { errorMessage } from '../../format/error-guidance';
import { PERMISSION_LABELS } from './account-words';

export function TokenRow({ token }: { token: ApiTokenView }) {
  const revoke = useRevokeApiToken();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid="token-row">
      <td>
        <span className="name">{token.name}</span>
        <span className="sub mono">{token.prefix}…</span>
      </td>
      <td>
        <span className="chip-list">
          {token.permissions.map((p) => (
            <span key={p} className="chip">
              {PERMISSION_LABELS[p]}
            </span>
          ))}
          {token.pushIntegrationId ? (
            <span className="chip">Push to one integration only</span>
          ) : null}
        </span>
      </td>
      <td>
        <RelativeTime iso={token.createdAt} />
        <span className="sub">by {token.createdBy}</span>
      </td>
      <td>
        <RelativeTime iso={token.lastUsedAt} empty="Never used" />
      </td>
      <td className="actions">
        {token.revokedAt ? (
          <span className="badge badge-neutral">
            Revoked <RelativeTime iso={token.revokedAt} />
          </span>
        ) : confirming ? (
          <div className="row">
            <button
              type="button"
              className="btn btn-sm btn-danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(token.id, { onSuccess: () => notify(`Revoked “${token.name}”: it no longer works.`), onError: (e) => notify(`Revoking failed: ${errorMessage(e)}`, 'error') })}
            >
              Revoke now
            </button>
            <button type="button" className="btn btn-sm" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </div>
        ) : (
          <button type="button" className="btn btn-sm" onClick={() => setConfirming(true)} aria-label={`Revoke ${token.name}`}>
            Revoke…
          </button>
        )}
      </td>
    </tr>
  );
}
