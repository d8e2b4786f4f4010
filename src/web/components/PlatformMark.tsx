import { usePlatformWords } from '../api/platforms';

/** A platform's small mark: its letters on its colour, as it declares them (decorative: the name is always beside it). */
export function PlatformMark({ platform, small = false }: { platform: string; small?: boolean }) {
  const { mark } = usePlatformWords(platform);
  return (
    <span className={small ? 'platform-mark platform-mark-sm' : 'platform-mark'} style={{ background: mark.colour }} aria-hidden="true" data-platform={platform}>
      {mark.letters}
    </span>
  );
}
