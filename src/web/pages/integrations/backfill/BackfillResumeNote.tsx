import type { RunView } from '../../../api/types';
import { Callout } from '../../../components/Callout';
import { RelativeTime } from '../../../components/RelativeTime';
import { formatCount } from '../../../format/duration';

const STOPPED: Record<string, string> = { cancelled: 'was cancelled', interrupted: 'was interrupted', partial: 'stopped early' };

/** A backfill of this exact range stopped before the end: starting it again continues from there. */
export function BackfillResumeNote({ run }: { run: RunView }) {
  return (
    <Callout tone="info" title="This range can be resumed" testId="backfill-resume">
      <p>
        A backfill of this range {STOPPED[run.status] ?? 'stopped'} <RelativeTime iso={run.finishedAt ?? run.heartbeatAt} /> after reading {formatCount(run.counts.seen)}{' '}
        {run.counts.seen === 1 ? 'record' : 'records'} ({formatCount(run.counts.imported)} imported). Resuming continues from where it stopped: what was
        already read is not read again, and nothing is imported twice.
      </p>
    </Callout>
  );
}
