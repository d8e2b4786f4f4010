/** A platform's small mark: a coloured letter badge (decorative: the name is always beside it). */
const MARKS: Record<string, { letter: string; colour: string }> = {
  zendesk: { letter: 'Z', colour: '#03363d' },
  sandbox: { letter: 'S', colour: '#6a4bd1' },
  freshdesk: { letter: 'F', colour: '#1c7a52' },
  intercom: { letter: 'I', colour: '#1f5fd1' },
  aircall: { letter: 'A', colour: '#0b8a6a' },
  genesys: { letter: 'G', colour: '#c2410c' },
  talkdesk: { letter: 'T', colour: '#5b21b6' },
};

export function PlatformMark({ platform, small = false }: { platform: string; small?: boolean }) {
  const mark = MARKS[platform] ?? { letter: platform.slice(0, 1).toUpperCase() || '?', colour: '#4c5767' };
  return (
    <span className={small ? 'platform-mark platform-mark-sm' : 'platform-mark'} style={{ background: mark.colour }} aria-hidden="true">
      {mark.letter}
    </span>
  );
}
