import { useNavigate } from 'react-router-dom';
import { usePlatform } from '../../../api/platforms';
import type { IntegrationView } from '../../../api/types';
import { Callout } from '../../../components/Callout';
import { Countdown } from '../../../components/Countdown';
import { RelativeTime } from '../../../components/RelativeTime';
import { platformCapabilities } from '../../../format/platform-words';
import { categoryFix, categoryLabel, RECONNECT_CATEGORIES } from '../../../format/status-words';
import { integrationPath } from '../detail/integration-outlet';

/** The last error in plain words, what to do about it, and Reconnect when credentials are the cause. */
export function LastErrorCallout({ integration }: { integration: IntegrationView }) {
  const navigate = useNavigate();
  const platform = usePlatform(integration.platform);
  const error = integration.lastError;
  if (!error || integration.status === 'active') return null;
  const reconnect = RECONNECT_CATEGORIES.has(error.category) && platformCapabilities(platform).credentialsNeeded;
  const waiting = error.category === 'rate_limited' && error.resumeAt && Date.parse(error.resumeAt) > Date.now();
  return (
    <Callout tone={integration.status === 'failure' ? 'danger' : 'warning'} title={categoryLabel(error.category)} role="status" testId="last-error">
      <p data-testid="last-error-message">{error.message}</p>
      <p className="small muted">
        <RelativeTime iso={error.at} /> · run <code>{error.runId.slice(0, 8)}</code>
        {waiting && error.resumeAt ? (
          <>
            {' '}
            · resumes in <Countdown iso={error.resumeAt} />
          </>
        ) : null}
      </p>
      <p>
        <strong>What to do: </strong>
        <span data-testid="last-error-fix">{categoryFix(error.category, platform)}</span>
      </p>
      {reconnect ? (
        <div>
          <button type="button" className="btn btn-primary btn-sm" onClick={() => navigate(integrationPath(integration.id, 'reconnect'))}>
            Reconnect
          </button>
        </div>
      ) : null}
    </Callout>
  );
}
