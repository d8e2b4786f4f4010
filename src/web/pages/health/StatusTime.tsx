import type { HealthView, IntegrationStatus } from '../../api/types';
import { StatusPill } from '../../components/StatusBadge';
import { formatDuration } from '../../format/duration';
import { formatDateTime } from '../../format/relative-time';
import { categoryLabel, STATUS_LABELS } from '../../format/status-words';

const ORDER: IntegrationStatus[] = ['active', 'warning', 'failure', 'paused'];

function causeWords(cause: Record<string, unknown>): string {
  if (typeof cause.message === 'string') return cause.message;
  if (typeof cause.category === 'string') return categoryLabel(cause.category);
  if (cause.kind === 'pause') return `paused by ${String(cause.by ?? 'someone')}${typeof cause.note === 'string' && cause.note ? `: “${cause.note}”` : ''}`;
  if (cause.kind === 'resume') return `resumed by ${String(cause.by ?? 'someone')}`;
  if (cause.kind === 'created') return `created by ${String(cause.by ?? 'someone')}`;
  if (cause.kind === 'reconnect') return `reconnected by ${String(cause.by ?? 'someone')}`;
  return typeof cause.kind === 'string' ? cause.kind.replaceAll('_', ' ') : '';
}

/** Time in each status over the range: a bar of shares, each with its word, percentage and duration. */
export function StatusTime({ health, workspace }: { health: HealthView; workspace: boolean }) {
  const entries = ORDER.map((status) => [status, health.statusSeconds[status] ?? 0] as const).filter(([, s]) => s > 0);
  const total = entries.reduce((n, [, s]) => n + s, 0);
  return (
    <section className="card" aria-labelledby="status-time-title" data-testid="status-time">
      <div className="stack-sm" style={{ gap: 2 }}>
        <h2 id="status-time-title">Time in each status</h2>
        {workspace ? <span className="small muted">Summed over every integration of the workspace.</span> : null}
      </div>
      {total === 0 ? (
        <p className="muted small">No status recorded in this range yet.</p>
      ) : (
        <>
          <div className="status-bar" aria-hidden="true">
            {entries.map(([status, seconds]) => (
              <span key={status} className={`status-share status-share-${status}`} style={{ width: `${(seconds / total) * 100}%` }} />
            ))}
          </div>
          <ul className="status-shares">
            {entries.map(([status, seconds]) => (
              <li key={status} data-status={status}>
                <StatusPill status={status} />
                <strong>{Math.round((seconds / total) * 1000) / 10}%</strong>
                <span className="muted">{formatDuration(seconds * 1000)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {health.statusChanges.length ? (
        <div className="stack-sm">
          <h3>Status changes in this range</h3>
          <ul className="plain-list small">
            {health.statusChanges.slice(-12).map((c) => (
              <li key={`${c.at}-${c.to}`}>
                <span className="nowrap muted">{formatDateTime(c.at)}</span> · {c.from !== c.to ? `${STATUS_LABELS[c.from as IntegrationStatus] ?? c.from} → ` : ''}
                <strong>{STATUS_LABELS[c.to as IntegrationStatus] ?? c.to}</strong>
                {causeWords(c.cause) ? `: ${causeWords(c.cause)}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
