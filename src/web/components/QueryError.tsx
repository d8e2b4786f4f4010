import { Link } from 'react-router-dom';
import { ApiError } from '../api/api-error';
import { errorFix, errorTitle } from '../format/error-guidance';
import { Callout } from './Callout';
import { FeatureDisabledPanel } from './FeatureDisabledPanel';
import { PermissionPanel } from './PermissionPanel';

/**
 * What a screen shows when loading its data failed: never a blank area. Permission and feature
 * answers get their own explanation; anything else its message, a fix and Retry.
 */
export function QueryError({ error, onRetry, what = 'this' }: { error: unknown; onRetry?: () => void; what?: string }) {
  const api = error instanceof ApiError ? error : null;
  if (api?.code === 'feature_disabled') return <FeatureDisabledPanel />;
  if (api?.code === 'forbidden') return <PermissionPanel permission="" message={api.message} />;
  if (api?.code === 'not_found') {
    return (
      <Callout tone="warning" title="Not found" role="alert">
        <p>{api.message || `We could not find ${what}.`}</p>
        <p>It may have been deleted, or the link is wrong.</p>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </Callout>
    );
  }
  const fix = errorFix(error);
  return (
    <Callout tone="danger" title={`Could not load ${what}: ${errorTitle(error).toLowerCase()}`} role="alert" testId="query-error">
      <p>{api?.message ?? String(error)}</p>
      {fix ? <p>{fix}</p> : null}
      {api?.requestId ? <p className="small muted">Request id for support: {api.requestId}</p> : null}
      {onRetry ? (
        <div>
          <button type="button" className="btn btn-sm" onClick={onRetry}>
            Retry
          </button>
        </div>
      ) : null}
    </Callout>
  );
}
