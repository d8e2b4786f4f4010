import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../services/service-errors.js';
import { listRunDecisions } from '../../services/read-runs.js';
import { uploadFile } from '../../services/upload-file.js';
import { printResult } from '../cli-output.js';
import { describeRun } from '../describe-run.js';
import { runCommand } from '../cli-context.js';

interface UploadOptions {
  map?: string[];
  customField?: string[];
  timeZone?: string;
  dateOrder?: string;
  json?: boolean;
}

const MAPPABLE = ['sourceRef', 'createdAt', 'updatedAt', 'closedAt', 'channel', 'agent', 'status', 'tags'];

/** `--map createdAt=started` pairs (and `--custom-field`) as the connection fields an upload takes. */
function connectionFrom(options: UploadOptions): Record<string, unknown> | undefined {
  const mapping: Record<string, unknown> = {};
  const problems: Array<{ path: string; message: string }> = [];
  for (const pair of options.map ?? []) {
    const [field, ...rest] = pair.split('=');
    const column = rest.join('=').trim();
    if (!field || !MAPPABLE.includes(field.trim()) || column === '') {
      problems.push({ path: '--map', message: `"${pair}" must be field=column, the field one of ${MAPPABLE.join(', ')}` });
      continue;
    }
    mapping[field.trim()] = column;
  }
  if (options.customField?.length) mapping.customFields = options.customField;
  if (problems.length > 0) throw new ValidationError(problems);
  const connection: Record<string, unknown> = {};
  if (Object.keys(mapping).length > 0) connection.mapping = mapping;
  if (options.timeZone) connection.timeZone = options.timeZone;
  if (options.dateOrder) connection.dateOrder = options.dateOrder;
  return Object.keys(connection).length > 0 ? connection : undefined;
}

export function registerUploadCommand(program: Command): void {
  program
    .command('upload')
    .argument('<integration>', 'a file integration (id or name)')
    .argument('<file>', 'a CSV or JSON Lines file')
    .description('import a CSV or JSON Lines file into a file integration, as one run; the mapping is proposed from the header row the first time and kept')
    .option('--map <field=column...>', `map a field to a column (fields: ${MAPPABLE.join(', ')}); given, it replaces the saved mapping`)
    .option('--custom-field <column...>', 'a column kept as a custom field (filters can use it)')
    .option('--time-zone <zone>', 'the zone of dates written without an offset (Europe/Paris); kept for the next uploads')
    .option('--date-order <order>', 'day_first (03/04 is 3 April) or month_first')
    .option('--json', 'print as JSON')
    .action((integration: string, file: string, options: UploadOptions) =>
      runCommand(options, { 'connection.timeZone': '--time-zone', 'connection.dateOrder': '--date-order', 'connection.mapping': '--map' }, async (context) => {
        try {
          await access(file);
        } catch {
          throw new ValidationError([{ path: 'file', message: `"${file}" cannot be read: check the path` }]);
        }
        const connection = connectionFrom(options);
        let last = 0;
        const run = await uploadFile(
          context.services,
          context.workspace.id,
          integration,
          async () => ({ fileName: basename(file), bytes: createReadStream(file, { highWaterMark: 256 * 1024 }), connection }),
          {
            actor: 'cli',
            onProgress: ({ seen }) => {
              if (!options.json && process.stderr.isTTY && seen - last >= 10_000) {
                last = seen;
                process.stderr.write(`\r${seen.toLocaleString('en-US')} rows decided…`);
              }
            },
          },
        );
        if (last > 0) process.stderr.write('\n');
        // The first rows that failed, each with its row and column, so the file can be corrected.
        const failed = run.counts.failed > 0 ? (await listRunDecisions(context.services, context.workspace.id, run.id, { outcome: 'failed', limit: 10 })).decisions : [];
        printResult(options, run, () =>
          [
            describeRun(run),
            ...failed.map((d) => `  ${String(d.evidence.location ?? d.sourceRef)}: \`${String(d.evidence.field)}\` ${String(d.evidence.message)}`),
            ...(run.counts.failed > failed.length ? [`  … and ${run.counts.failed - failed.length} more: see the run's page in the web UI (Run history), or GET /api/v1/runs/${run.id}/decisions?outcome=failed`] : []),
          ].join('\n'),
        );
      }),
    );
}
