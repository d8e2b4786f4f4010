import { useApiTokens } from '../../api/api-tokens';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SkeletonRows } from '../../components/Skeleton';
import { TableScroll } from '../../components/TableScroll';
import { CreateTokenForm } from './CreateTokenForm';
import { TokenRow } from './TokenRow';

/** Account › API tokens (admins): tokens for scripts, scoped to permissions, revocable. */
export function ApiTokensPage() {
  const tokens = useApiTokens();
  return (
    <div className="page">
      <PageHeader crumbs="Account" title="API tokens" lede="Scripts call the REST API with a token instead of a password. Give each script its own token with only the permissions it needs." />
      <CreateTokenForm />
      {tokens.isError ? (
        <QueryError error={tokens.error} what="the API tokens" onRetry={() => void tokens.refetch()} />
      ) : (
        <section className="card card-flush" aria-label="API tokens">
          <TableScroll label="API tokens">
            <table className="table" data-testid="tokens-table">
              <thead>
                <tr>
                  <th scope="col">Token</th>
                  <th scope="col">Permissions</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col" className="actions">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.isPending ? <SkeletonRows rows={2} columns={5} /> : null}
                {tokens.data?.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="muted">
                      No API tokens yet.
                    </td>
                  </tr>
                ) : null}
                {(tokens.data ?? []).map((t) => (
                  <TokenRow key={t.id} token={t} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </div>
  );
}
