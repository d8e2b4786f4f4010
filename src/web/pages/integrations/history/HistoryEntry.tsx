import type { PlatformView } from '../../../api/platforms';
import type { HistoryEntryView } from '../../../api/types';
import { RelativeTime } from '../../../components/RelativeTime';
import { formatDateTime } from '../../../format/relative-time';
import { categoryLabel } from '../../../format/status-words';
import { describeEntry, type HistoryChange } from './history-words';

function Lines({ lines, className }: { lines: string[]; className: string }) {
  return (
    <span className={className}>
      {lines.map((line, i) => (
        <span key={i} className="history-line">
          {line}
        </span>
      ))}
    </span>
  );
}

function Change({ change }: { change: HistoryChange }) {
  return (
    <li className="history-change">
      <span className="history-label">{change.label}</span>
      {change.before ? (
        <>
          <Lines lines={change.before} className="before" />
          <span className="history-arrow" aria-hidden="true">
            →
          </span>
          <span className="visually-hidden">changed to</span>
        </>
      ) : null}
      <Lines lines={change.after} className="after" />
    </li>
  );
}

/** One change: when, who, what, before → after, and its note. */
export function HistoryEntry({ entry, platform }: { entry: HistoryEntryView; platform: PlatformView | undefined }) {
  const { title, changes, note } = describeEntry(entry, platform);
  const shownNote = note && /^[a-z_]+$/.test(note) ? categoryLabel(note) : note;
  return (
    <li className="history-entry" data-testid="history-entry" data-kind={entry.kind}>
      <div className="history-meta small muted">
        <span className="nowrap">{formatDateTime(entry.at)}</span> · <RelativeTime iso={entry.at} /> · by <strong className="history-actor">{entry.actor}</strong>
      </div>
      <div className="history-title">{title}</div>
      {changes.length ? (
        <ul className="history-changes">
          {changes.map((c) => (
            <Change key={c.label} change={c} />
          ))}
        </ul>
      ) : null}
      {shownNote ? <p className="small">{shownNote}</p> : null}
    </li>
  );
}
