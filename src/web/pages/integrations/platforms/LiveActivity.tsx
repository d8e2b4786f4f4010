import { useRuns } from '../../../api/runs';
import type { IntegrationView } from '../../../api/types';
import { Countdown } from '../../../components/Countdown';
import { Icon, Spinner } from '../../../components/Icon';
import { formatCount } from '../../../format/duration';

/**
 * What an integration is doing right now: a running import's records and pages (from its latest
 * run), or a rate limit's wait with a countdown to when the platform accepts requests again.
 */
export function LiveActivity({ integration }: { integration: IntegrationView }) {
  if (integration.running) return <RunningProgress integrationId={integration.id} />;
  const resumeAt = integration.lastError?.category === 'rate_limited' ? integration.lastError.resumeAt : null;
  if (resumeAt && Date.parse(resumeAt) > Date.now() && integration.status !== 'paused') {
    return (
      <span className="progress-line" data-testid="rate-limit-wait">
        <Icon name="clock" size={13} />
        Rate limited · resumes in <Countdown iso={resumeAt} />
      </span>
    );
  }
  return null;
}

function RunningProgress({ integrationId }: { integrationId: string }) {
  const runs = useRuns(integrationId, 1, { live: true });
  const run = runs.data?.[0];
  const active = run && run.status === 'running' ? run : null;
  return (
    <span className="progress-line" data-testid="run-progress" aria-live="polite">
      <Spinner size={12} />
      {active ? (
        <>
          Importing · {formatCount(active.counts.seen)} records · {active.pages} {active.pages === 1 ? 'page' : 'pages'}
        </>
      ) : (
        'Starting a run…'
      )}
    </span>
  );
}
