import { Link } from 'react-router-dom';
import { usePlatforms } from '../../../api/platforms';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { SkeletonBlock } from '../../../components/Skeleton';
import { AddIntegrationForm } from './AddIntegrationForm';

/** Add integration: choose a platform, connect to its account, decide what to import. */
export function AddIntegrationPage() {
  const platforms = usePlatforms();
  return (
    <div className="page page-form">
      <PageHeader
        crumbs={
          <>
            Conversations › <Link to="/integrations">Integrations</Link>
          </>
        }
        title="Add integration"
        lede="Intake tests the credentials against the platform before anything is saved, then runs the first import at once."
      />
      {platforms.isPending ? (
        <div className="card">
          <SkeletonBlock lines={6} />
        </div>
      ) : platforms.isError ? (
        <QueryError error={platforms.error} what="the platforms" onRetry={() => void platforms.refetch()} />
      ) : (
        <AddIntegrationForm platforms={platforms.data} />
      )}
    </div>
  );
}
