import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesFill } from './ChartPatterns';
import { bucketLabel, type ChartRow, type Series } from './health-series';

const TICK = { fontSize: 12, fill: '#566070' };

/** Per hour: a tick every six hours (00, 06, 12, 18 UTC), midnight labelled with its day. */
function hourTicks(rows: ChartRow[], bucket: 'hour' | 'day'): string[] | undefined {
  if (bucket !== 'hour') return undefined;
  const every = rows.length > 24 * 8 ? 24 : rows.length > 72 ? 12 : 6;
  return rows.map((r) => String(r.start)).filter((start) => new Date(start).getUTCHours() % every === 0);
}

/**
 * Bars per hour or day (stacked or side by side). The legend, the totals and the table carry the
 * same numbers in words; the SVG is a picture of them.
 */
export function BucketChart({ rows, series, bucket, stacked, summary }: { rows: ChartRow[]; series: Series[]; bucket: 'hour' | 'day'; stacked: boolean; summary: string }) {
  return (
    <div className="chart-box" data-testid="chart">
      <BarChart data={rows} responsive style={{ width: '100%', height: 240 }} margin={{ top: 8, right: 8, left: 0, bottom: 0 }} desc={summary} barCategoryGap={rows.length > 40 ? 1 : '20%'}>
        <CartesianGrid vertical={false} stroke="#e3e7ec" />
        <XAxis dataKey="start" ticks={hourTicks(rows, bucket)} tickFormatter={(v: string) => bucketLabel(v, bucket)} minTickGap={18} tick={TICK} tickLine={false} axisLine={{ stroke: '#b9c0ca' }} />
        <YAxis allowDecimals={false} width={44} tick={TICK} tickLine={false} axisLine={false} />
        <Tooltip labelFormatter={(label) => bucketLabel(String(label), bucket, true)} cursor={{ fill: 'rgba(36, 80, 196, 0.06)' }} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId={stacked ? 'all' : undefined} fill={seriesFill(s)} stroke={s.colour} strokeWidth={0.5} isAnimationActive={false} />
        ))}
      </BarChart>
    </div>
  );
}
