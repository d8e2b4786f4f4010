import type { SupportReport } from './support-report.js';

const cell = (value: unknown) => String(value ?? '—').replaceAll('|', '\\|').replaceAll('\n', ' ');
const time = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

function table(headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '_None in this range._';
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

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
    table(
      ['Started', 'Kind', 'Status', 'Seen', 'Imported', 'Updated', 'Unchanged', 'Excluded', 'Failed', 'Requests', '429s', 'Error'],
      report.runs.map((r) => [time(r.startedAt), r.kind, r.status, r.counts.seen, r.counts.imported, r.counts.updated, r.counts.unchanged, r.counts.excluded, r.counts.failed, r.source.requests, r.source.throttled, r.error ? `${r.error.category}: ${r.error.message}` : '']),
    ),
    '',
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
