/** A few line icons drawn in SVG (16 px, currentColor). */
export type IconName =
  | 'check-circle'
  | 'alert-triangle'
  | 'x-octagon'
  | 'pause'
  | 'info'
  | 'refresh'
  | 'search'
  | 'copy'
  | 'check'
  | 'plus'
  | 'x'
  | 'clock'
  | 'lock'
  | 'minus-circle'
  | 'help-circle'
  | 'download'
  | 'arrow-right'
  | 'chart';

const PATHS: Record<IconName, React.ReactNode> = {
  'check-circle': (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M5.2 8.2l1.9 1.9 3.7-4" />
    </>
  ),
  'alert-triangle': (
    <>
      <path d="M8 1.8l6.6 11.7H1.4z" />
      <path d="M8 6.3v3.3M8 11.6v.2" />
    </>
  ),
  'x-octagon': (
    <>
      <path d="M5.3 1.5h5.4l3.8 3.8v5.4l-3.8 3.8H5.3l-3.8-3.8V5.3z" />
      <path d="M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4" />
    </>
  ),
  pause: (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M6.5 5.5v5M9.5 5.5v5" />
    </>
  ),
  info: (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 7.2v4M8 4.8v.2" />
    </>
  ),
  refresh: <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3" />,
  search: (
    <>
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.4 10.4L14 14" />
    </>
  ),
  copy: (
    <>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 5.5V3.8A1.3 1.3 0 0 0 9.2 2.5H3.8a1.3 1.3 0 0 0-1.3 1.3v5.4a1.3 1.3 0 0 0 1.3 1.3h1.7" />
    </>
  ),
  check: <path d="M3.5 8.5l3 3 6-6.5" />,
  plus: <path d="M8 3v10M3 8h10" />,
  x: <path d="M4 4l8 8M12 4l-8 8" />,
  clock: (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>
  ),
  'minus-circle': (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M5.2 8h5.6" />
    </>
  ),
  'help-circle': (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M6.2 6.2a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.4M8 11.4v.2" />
    </>
  ),
  download: <path d="M8 2.5v7.5M4.8 7l3.2 3.2L11.2 7M3 13.5h10" />,
  'arrow-right': <path d="M3 8h10M9 4l4 4-4 4" />,
  chart: <path d="M2.5 13.5h11M4.5 11V7.5M8 11V4.5M11.5 11V9" />,
  lock: (
    <>
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </>
  ),
};

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" className={className}>
      {PATHS[name]}
    </svg>
  );
}

export function Spinner({ size = 14 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" className="spin">
      <path d="M8 1.5a6.5 6.5 0 1 1-6.5 6.5" strokeLinecap="round" />
    </svg>
  );
}
