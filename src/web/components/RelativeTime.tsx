import { useNow } from '../format/now-ticker';
import { formatDateTime, formatRelative } from '../format/relative-time';

/** "3 min ago" with the exact ISO time on hover; `empty` when there is no time. */
export function RelativeTime({ iso, empty = '—' }: { iso: string | null | undefined; empty?: string }) {
  // The ticker re-renders every 15 s; each render reads the real time, so fresh data never looks ahead.
  const now = Math.max(useNow(15_000), Date.now());
  if (!iso) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={iso} title={`${iso} (${formatDateTime(iso)})`}>
      {formatRelative(iso, now)}
    </time>
  );
}
