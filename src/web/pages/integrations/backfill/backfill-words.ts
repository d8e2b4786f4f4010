import type { RunView } from '../../../api/types';
import { formatCount, formatDuration } from '../../../format/duration';

/** "12 requests to <platform>: about 2 min under its rate limit (10 requests per 60 s)". */
export function estimateWords(run: RunView, platformName: string): string | null {
  const e = run.estimate;
  if (!e) return null;
  const requests = `${formatCount(e.requests)} ${e.requests === 1 ? 'request' : 'requests'} to ${platformName}`;
  const time = e.seconds < 1 ? 'a moment' : `about ${formatDuration(e.seconds * 1000)}`;
  return e.rateLimit === 'none known' ? `${requests}: ${time} (no rate limit is known)` : `${requests}: ${time} under its rate limit (${e.rateLimit})`;
}

/** "about 2 min left", or that it is still being estimated. */
export function etaWords(run: RunView): string {
  const eta = run.progress?.etaSeconds;
  if (eta === null || eta === undefined) return 'estimating the time left…';
  if (eta < 10) return 'a few seconds left';
  return `about ${formatDuration(eta * 1000)} left`;
}

export function percent(fraction: number): number {
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}
