import type { ReactNode } from 'react';
import type { RunView } from '../../../api/types';
import { Countdown } from '../../../components/Countdown';
import { Icon } from '../../../components/Icon';
import { RUN_WAIT_LABELS } from '../../../format/run-words';

type Wait = NonNullable<RunView['wait']>;

/**
 * What a running run waits for, until when and why, with a countdown: "Waiting for the rate limit ·
 * 00:42 — <the platform> allows 10 requests a minute — next request at 08:14:20 UTC". `compact` stacks
 * the reason under the label, for a table cell.
 */
export function RunWait({ wait, compact = false }: { wait: Wait; compact?: boolean }) {
  const label = (
    <>
      <strong>{RUN_WAIT_LABELS[wait.kind]}</strong> · <Countdown iso={wait.until} />
    </>
  );
  return (
    <span data-testid="run-wait" data-kind={wait.kind} aria-live="polite" className={compact ? 'progress-line' : undefined} style={compact ? LINE : undefined}>
      <Fixed>
        <Icon name="clock" size={13} />
      </Fixed>
      {compact ? (
        <span>
          {label}
          <span className="visually-hidden"> — </span>
          <span style={{ display: 'block' }}>{wait.reason}</span>
        </span>
      ) : (
        <span>
          {' '}
          {label} — {wait.reason}
        </span>
      )}
    </span>
  );
}

/** A line of live activity in a table cell: wraps under its icon, never squeezing it. */
export const LINE = { alignItems: 'flex-start', maxWidth: 260 } as const;

/** An icon that keeps its size when the text beside it wraps. */
export function Fixed({ children }: { children: ReactNode }) {
  return <span style={{ flex: 'none', display: 'inline-flex', marginTop: 2 }}>{children}</span>;
}
