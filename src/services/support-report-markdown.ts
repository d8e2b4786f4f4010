import type { SupportReport } from './support-report-contents.js';

const cell = (value: unknown) => String(value ?? '—').replaceAll('|', '\\|').replaceAll('\n', ' ');
const time = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

function table(headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '_None in this range._';
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** A backfill's creation-day range; its end is exclusive, so the last day shown is the one before. */
const rangeCell = (w: { from: string | null; to: string | null }) =>
  w.from && w.to ? `${w.from.slice(0, 10)} to ${new Date(Date.parse(w.to) - 86_400_000).toISOString().slice(0, 10)}` : '—';
const errorCell = (r: SupportReport['runs'][number]) => (r.error ? `${r.error.category}: ${r.error.message}` : '');

/** The support report as Markdown, readable in a ticket. */
export function renderSupportReport(report: SupportReport): string {
  const i = report.integration;
  const lines = [
    `# Support report: ${i.name} (${i.platform}, account "${i.sourceAccount}")`,
    '',
    `Range ${time(report.range.from)} to ${time(report.range.to)}; generated ${time(report.generatedAt)} by ${report.generatedBy}.`,
    '',
    '## Integration',
    '',
    `- Status: **${i.status}**${i.lastError ? ` — last error ${cell((i.lastError as { category: string }).category)}: ${cell((i.lastError as { message: string }).message)} (${time((i.lastError as { at: string }).at)})` : ''}`,
    `- Last ran at: ${time(i.lastRanAt)}; last data imported: ${time(i.lastDataImportedAt)}; read up to: ${time(i.checkpointReachedAt)}`,
    `- Credentials: ${i.credentials.set ? `set, last changed ${time(i.credentials.updatedAt)}` : 'none'} (values never included)`,
    `- Connection: \`${JSON.stringify(i.connection)}\``,
    `- Settings: \`${JSON.stringify(i.settings)}\``,
    '',
    '## References',
    '',
    ...(report.diagnoses.length === 0
      ? ['_No references given._']
      : report.diagnoses.flatMap((d) => [
          `### ${d.sourceRef} — ${d.cause.replaceAll('_', ' ')}`,
          '',
          d.verdict,
          '',
          ...d.steps.map((s) => `- ${s.verdict === 'ok' ? '✓' : s.verdict === 'problem' ? '✗' : '·'} **${s.title}** (${s.verdict}): ${s.summary}`),
          '',
        ])),
    '',
    '## Status history',
    '',
    table(['At', 'From', 'To', 'Cause'], report.statusHistory.map((e) => [time(e.at), e.from, e.to, [e.cause.kind, e.cause.category, e.cause.by].filter(Boolean).join(', ')])),
    '',
    '## Settings changes',
    '',
    table(['At', 'By', 'What', 'Before', 'After'], report.settingsChanges.map((h) => [time(h.at), h.actor, h.kind, JSON.stringify(h.before), JSON.stringify(h.after)])),
    '',
    '## Runs',
    '',
    ...(report.runsTruncated ? [`_The ${report.runs.length + report.previews.length} most recent runs of the range; earlier ones are left out._`, ''] : []),
    table(
      ['Started', 'Kind', 'Status', 'Seen', 'Imported', 'Updated', 'Unchanged', 'Excluded', 'Failed', 'Requests', '429s', 'Error'],
      report.runs.map((r) => [time(r.startedAt), r.kind, r.status, r.counts.seen, r.counts.imported, r.counts.updated, r.counts.unchanged, r.counts.excluded, r.counts.failed, r.source.requests, r.source.throttled, errorCell(r)]),
    ),
    '',
    ...(report.previews.length
      ? [
          '## Backfill previews',
          '',
          'Previews read the source and counted what a backfill would do; they wrote nothing, and are not in the volume below.',
          '',
          table(
            ['Started', 'Range', 'Status', 'Seen', 'Would import', 'Would update', 'Unchanged', 'Would exclude', 'Requests', 'Error'],
            report.previews.map((r) => [time(r.startedAt), rangeCell(r.window), r.status, r.counts.seen, r.counts.imported, r.counts.updated, r.counts.unchanged, r.counts.excluded, r.source.requests, errorCell(r)]),
          ),
          '',
        ]
      : []),
    '## Volume',
    '',
    table(
      ['From', 'Seen', 'Imported', 'Updated', 'Excluded', 'Failed', 'Requests', '429s'],
      report.volume.filter((b) => b.seen > 0 || b.sourceRequests > 0).map((b) => [time(b.start), b.seen, b.imported, b.updated, b.excluded, b.failed, b.sourceRequests, b.throttled]),
    ),
    '',
  ];
  return lines.join('\n');
}
