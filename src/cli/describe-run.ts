import type { Run } from '../core/run.js';

/** One run in words: what it saw and decided, what it cost at the source, how it ended. */
export function describeRun(run: Run): string {
  const c = run.counts;
  const reasons = Object.entries(c.reasons).map(([reason, n]) => `${reason} ${n}`).join(', ');
  const lines = [
    `Run ${run.id} ${run.status} (${run.kind}): ${c.seen} seen in ${run.pages} page(s) — ${c.imported} imported, ${c.updated} updated, ${c.unchanged} unchanged, ${c.excluded} excluded, ${c.failed} failed.`,
  ];
  if (reasons) lines.push(`  reasons: ${reasons}`);
  lines.push(`  source: ${run.source.requests} request(s), ${run.source.throttled} rate-limited, ${Math.round(run.source.rateLimitedMs / 1000)} s waiting on rate limits`);
  if (run.error) lines.push(`  [${run.error.category}] ${run.error.message}`);
  return lines.join('\n');
}
