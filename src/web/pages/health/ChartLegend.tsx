import { formatCount } from '../../format/duration';
import type { Series } from './health-series';
import { Swatch } from './ChartPatterns';

/** The legend in words: each series's swatch, its name, and its total over the range. */
export function ChartLegend({ series, totals }: { series: Series[]; totals: Record<string, number> }) {
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.key} data-testid="legend-item" data-series={s.key}>
          <Swatch series={s} />
          <span>{s.label}</span>
          <strong className="legend-total">{formatCount(totals[s.key] ?? 0)}</strong>
        </li>
      ))}
    </ul>
  );
}
