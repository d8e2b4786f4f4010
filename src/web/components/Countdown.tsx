import { useNow } from '../format/now-ticker';
import { formatCountdown } from '../format/duration';

/** Time left until `iso`, ticking every second. */
export function Countdown({ iso }: { iso: string }) {
  const now = useNow(1_000);
  return (
    <time dateTime={iso} title={iso} className="nowrap" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatCountdown(Date.parse(iso) - now)}
    </time>
  );
}
