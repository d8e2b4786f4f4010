import type { PatternName, Series } from './health-series';

export function patternId(series: Pick<Series, 'pattern' | 'colour'>): string {
  return `pattern-${series.pattern}-${series.colour.replace('#', '')}`;
}

/** What a series is painted with: its colour, or its pattern in that colour. */
export function seriesFill(series: Series): string {
  return series.pattern ? `url(#${patternId(series)})` : series.colour;
}

function Marks({ pattern, colour }: { pattern: PatternName; colour: string }) {
  switch (pattern) {
    case 'hatch':
      return <path d="M-1 1l2-2M0 8l8-8M7 9l2-2" stroke="#fff" strokeWidth="1.6" />;
    case 'cross':
      return <path d="M0 0l8 8M8 0l-8 8" stroke="#fff" strokeWidth="1.3" />;
    case 'dots':
      return <circle cx="4" cy="4" r="1.5" fill="#fff" />;
    case 'lines':
      return <path d="M0 4h8" stroke="#fff" strokeWidth="1.6" data-colour={colour} />;
  }
}

/**
 * The patterns charts and legends fill with, defined once in the page (an invisible SVG: patterns
 * in a `display: none` SVG would not paint).
 */
export function ChartPatterns({ series }: { series: Series[] }) {
  return (
    <svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true" focusable="false">
      <defs>
        {series
          .filter((s) => s.pattern)
          .map((s) => (
            <pattern key={s.key} id={patternId(s)} width="8" height="8" patternUnits="userSpaceOnUse">
              <rect width="8" height="8" fill={s.colour} />
              <Marks pattern={s.pattern!} colour={s.colour} />
            </pattern>
          ))}
      </defs>
    </svg>
  );
}

/** A legend's sample of a series, painted like the chart. */
export function Swatch({ series }: { series: Series }) {
  return (
    <svg width="14" height="14" aria-hidden="true" focusable="false" className="swatch">
      <rect width="14" height="14" rx="3" fill={seriesFill(series)} />
    </svg>
  );
}
