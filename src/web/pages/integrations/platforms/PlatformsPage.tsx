import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useIntegrations } from '../../../api/integrations';
import { Icon } from '../../../components/Icon';
import { searchCountWords } from '../../../format/count-words';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { LoadingLabel, SkeletonRows } from '../../../components/Skeleton';
import { Tabs } from '../../../components/Tabs';
import { IntegrationsEmpty } from './IntegrationsEmpty';
import { matchesSearch } from './platform-sort';
import { PlatformsTable } from './PlatformsTable';

/** Conversations › Integrations, Platforms tab: every integration, its status and what it is doing. */
export function PlatformsPage() {
  const integrations = useIntegrations();
  const [search, setSearch] = useState('');
  const all = integrations.data ?? [];
  const shown = all.filter((i) => matchesSearch(i, search));

  return (
    <div className="page">
      <PageHeader
        crumbs="Conversations › Integrations"
        title="Integrations"
        lede="Where your conversations come from. Check Status, Last ran at and Last data imported first when contacts are missing or late."
        actions={
          <Link to="/integrations/new" className="btn btn-primary">
            <Icon name="plus" /> Add integration
          </Link>
        }
      />
      <Tabs label="Integrations views" tabs={[{ to: '/integrations', label: 'Platforms', end: true }]} />
      {integrations.isError ? (
        <QueryError error={integrations.error} what="the integrations" onRetry={() => void integrations.refetch()} />
      ) : (
        <section className="card card-flush" aria-label="Platforms">
          <div className="card-header">
            <div className="field" style={{ flex: '1 1 260px', maxWidth: 380 }}>
              <label htmlFor="integration-search" className="visually-hidden">
                Search integrations
              </label>
              <input
                id="integration-search"
                className="input"
                type="search"
                placeholder="Search by name, platform or account"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </div>
            <span className="muted small" aria-live="polite">
              {integrations.isPending ? '' : searchCountWords(shown.length, all.length, search !== '', 'integration', 'integrations')}
            </span>
          </div>
          {integrations.isPending ? (
            <table className="table">
              <tbody>
                <SkeletonRows rows={3} columns={5} />
              </tbody>
            </table>
          ) : all.length === 0 ? (
            <IntegrationsEmpty />
          ) : shown.length === 0 ? (
            <div className="empty">
              <p>No integration matches “{search}”.</p>
              <button type="button" className="btn btn-sm" onClick={() => setSearch('')}>
                Clear the search
              </button>
            </div>
          ) : (
            <PlatformsTable integrations={shown} />
          )}
          {integrations.isPending ? <LoadingLabel what="integrations" /> : null}
        </section>
      )}
    </div>
  );
}
