import type { Run } from '../core/run.js';

/** One run in words: what it saw and decided, what it cost at the source, how it ended. */
export function describeRun(run: Run): string {
  const c = run.counts;
  const reasons = Object.entries(c.reasons).map(([reason, n]) => `${reason} ${n}`).join(', ');
  const lines = [
    `Run ${run.id} ${run.status} (${run.kind}${run.fileName ? ` of ${run.fileName}` : ''}): ${c.seen} seen in ${run.pages} page(s) — ${c.imported} imported, ${c.updated} updated, ${c.unchanged} unchanged, ${c.excluded} excluded, ${c.failed} failed.`,
  ];
  if (reasons) lines.push(`  reasons: ${reasons}`);
  lines.push(`  source: ${run.source.requests} request(s), ${run.source.throttled} rate-limited, ${Math.round(run.source.rateLimitedMs / 1000)} s waiting on rate limits`);
  const note = checkpointNote(run.checkpointAfter);
  if (note) lines.push(`  read: ${note}`);
  if (run.error) lines.push(`  [${run.error.category}] ${run.error.message}`);
  return lines.join('\n');
}

/** What the platform says the run read, in its words: a top-level `note` in the checkpoint (Aircall's look-back cost). */
function checkpointNote(checkpoint: string | null): string | null {
  if (!checkpoint) return null;
  try {
    const note = (JSON.parse(checkpoint) as { note?: unknown } | null)?.note;
    return typeof note === 'string' && note.trim() !== '' ? note : null;
  } catch {
    return null;
  }
}

/** A run in flight in words: what it has read so far, what it cost, and what it waits for now. */
export function describeActiveRun(run: Run, now: Date): string[] {
  const c = run.counts;
  const lines = [
    `running:            since ${run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} (${run.kind} run ${run.id}) — ${c.seen} record(s) in ${run.pages} page(s) so far; ${run.source.requests} request(s), ${run.source.throttled} answered 429`,
  ];
  if (run.wait) {
    const seconds = Math.max(0, Math.ceil((Date.parse(run.wait.until) - now.getTime()) / 1000));
    lines.push(`waiting:            ${run.wait.reason} (in ${seconds} s)`);
  }
  return lines;
}
