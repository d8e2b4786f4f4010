import type { IntegrationView } from '../../../api/types';
import { Countdown } from '../../../components/Countdown';
import { Icon, Spinner } from '../../../components/Icon';
import { formatCount } from '../../../format/duration';
import { Fixed, LINE, RunWait } from '../runs/RunWait';

/**
 * What an integration is doing right now: a running import's (or backfill's) records, pages and requests, and what
 * it waits for (a rate limit, a Retry-After, a retry) with a countdown; or, between runs, a rate
 * limit's wait until the platform accepts requests again.
 */
export function LiveActivity({ integration }: { integration: IntegrationView }) {
  if (integration.running || integration.activeRun) return <RunningProgress run={integration.activeRun} />;
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

function RunningProgress({ run }: { run: IntegrationView['activeRun'] }) {
  return (
    <>
      <span className="progress-line" data-testid="run-progress" aria-live="polite" style={LINE}>
        <Fixed>
          <Spinner size={12} />
        </Fixed>
        {!run ? (
          'Starting a run…'
        ) : run.pages === 0 ? (
          <>{doing(run.kind)} · first page not read yet · {requests(run.source.requests)}</>
        ) : (
          <>
            {doing(run.kind)} · {formatCount(run.counts.seen)} records · {run.pages} {run.pages === 1 ? 'page' : 'pages'} · {requests(run.source.requests)}
          </>
        )}
      </span>
      {run?.wait ? <RunWait wait={run.wait} compact /> : null}
    </>
  );
}

function doing(kind: NonNullable<IntegrationView['activeRun']>['kind']): string {
  return kind === 'backfill' ? 'Backfilling' : 'Importing';
}

function requests(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'request' : 'requests'}`;
}
