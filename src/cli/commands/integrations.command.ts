import type { Command } from 'commander';
import { describeCondition } from '../../core/filter-condition.js';
import type { Integration } from '../../core/integration.js';
import type { Run } from '../../core/run.js';
import { getIntegration, listWorkspaceIntegrations, pause, resume } from '../../services/manage-integrations.js';
import { runIntegration } from '../../services/run-integration.js';
import { ValidationError } from '../../services/service-errors.js';
import { listIntegrationRuns } from '../../services/read-runs.js';
import { printResult, table, when } from '../cli-output.js';
import { runCommand } from '../cli-context.js';
import { describeActiveRun, describeRun } from '../describe-run.js';
import { registerImportCommand } from './troubleshooting.command.js';
import { registerAddIntegrationCommand } from './add-integration.command.js';
import { registerReconnectIntegrationCommand } from './reconnect-integration.command.js';

export function registerIntegrationsCommand(program: Command): void {
  const integrations = program.command('integrations').description('list, add, pause, resume and run integrations');

  integrations
    .command('list')
    .description('every integration with its status, last ran at and last data imported')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) =>
      runCommand(options, {}, async ({ services, workspace }) => {
        const all = await listWorkspaceIntegrations(services, workspace.id);
        printResult(options, all, () =>
          all.length === 0
            ? 'No integrations yet. Add one with: intake integrations add <platform> --name … (intake integrations add --help lists the platforms and their options).'
            : table(
                ['NAME', 'PLATFORM', 'STATUS', 'LAST RAN AT', 'LAST DATA IMPORTED', 'NEXT RUN', 'ID'],
                all.map((i) => [i.name, i.platform, statusText(i), when(i.lastRanAt), when(i.lastDataImportedAt, 'no data yet'), i.pause ? 'paused' : when(i.nextRunAt, '—'), i.id]),
              ),
        );
      }),
    );

  integrations
    .command('show')
    .argument('<id>', 'integration id or name')
    .description('one integration: status, last error, settings and recent runs')
    .option('--json', 'print as JSON')
    .action((id: string, options: { json?: boolean }) =>
      runCommand(options, {}, async ({ services, workspace }) => {
        const integration = await getIntegration(services, workspace.id, id);
        const runs = await listIntegrationRuns(services, workspace.id, integration.id, { limit: 10 });
        printResult(options, { integration, runs }, () => describeIntegration(integration, runs, services.clock.now()));
      }),
    );

  registerAddIntegrationCommand(integrations);

  integrations
    .command('pause')
    .argument('<id>', 'integration id or name')
    .description('stop scheduled runs; a run in flight finishes its page and stops')
    .option('--note <text>', 'why, for the record')
    .option('--json', 'print as JSON')
    .action((id: string, options: { note?: string; json?: boolean }) =>
      runCommand(options, {}, async ({ services, workspace }) => {
        // The API allows 500 characters; the command line keeps to the same.
        if (options.note !== undefined && options.note.trim().length > 500) throw new ValidationError([{ path: '--note', message: `must be at most 500 characters (it has ${options.note.trim().length})` }]);
        const integration = await pause(services, workspace.id, id, 'cli', options.note?.trim() || null);
        printResult(options, integration, () => `Paused "${integration.name}" since ${when(integration.pause?.at ?? null)}. Resume with: intake integrations resume ${integration.id}`);
      }),
    );

  integrations
    .command('resume')
    .argument('<id>', 'integration id or name')
    .description('resume scheduled runs from the checkpoint')
    .option('--json', 'print as JSON')
    .action((id: string, options: { json?: boolean }) =>
      runCommand(options, {}, async ({ services, workspace }) => {
        const integration = await resume(services, workspace.id, id, 'cli');
        printResult(options, integration, () => `Resumed "${integration.name}": it is due now and continues from its checkpoint.`);
      }),
    );

  registerImportCommand(integrations);

  registerReconnectIntegrationCommand(integrations);

  integrations
    .command('run')
    .argument('<id>', 'integration id or name')
    .description('run the import now, in this process, and print what it decided')
    .option('--json', 'print as JSON')
    .action((id: string, options: { json?: boolean }) =>
      runCommand(options, {}, async ({ services, workspace }) => {
        const integration = await getIntegration(services, workspace.id, id);
        const abort = new AbortController();
        const onSignal = () => abort.abort(new Error('interrupted'));
        process.once('SIGINT', onSignal);
        try {
          const run = await runIntegration(services, integration.id, { kind: 'manual', requestedBy: 'cli', signal: abort.signal });
          printResult(options, run, () => describeRun(run));
          if (run.status === 'failed') process.exitCode = 1;
        } finally {
          process.off('SIGINT', onSignal);
        }
      }),
    );
}

function statusText(i: Integration): string {
  return i.runningSince ? `${i.status} (running)` : i.status;
}

function describeIntegration(i: Integration, runs: Run[], now: Date): string {
  const lines = [
    `${i.name}  (${i.platform}, account "${i.sourceAccount}")`,
    `  id:                 ${i.id}`,
    `  status:             ${statusText(i)} since ${when(i.status === 'paused' ? (i.pause?.at ?? null) : i.healthSince)}`,
  ];
  if (i.pause) lines.push(`  paused by:          ${i.pause.by}${i.pause.note ? ` — "${i.pause.note}"` : ''}`);
  if (i.lastError && i.status !== 'active') lines.push(`  last error:         [${i.lastError.category}] ${i.lastError.message} (${when(i.lastError.at)})`);
  if (i.activeRun) lines.push(...describeActiveRun(i.activeRun, now).map((line) => `  ${line}`));
  lines.push(
    `  last ran at:        ${when(i.lastRanAt)}`,
    `  last data imported: ${when(i.lastDataImportedAt, 'no data yet')}`,
    `  next run:           ${i.pause ? 'paused' : when(i.nextRunAt, '—')}`,
    `  credentials:        ${i.credentialsSet ? `set ${when(i.credentialsUpdatedAt)}` : 'none'}`,
    `  start date:         ${i.settings.startDate}`,
    `  status criteria:    ${i.settings.statusCriteria.join(', ')}`,
    `  filters:            ${i.settings.filters.length ? i.settings.filters.map((f) => describeCondition(f)).join(' AND ') : 'none'}`,
    `  interval:           every ${i.settings.intervalMinutes} min`,
  );
  for (const problem of i.settingsProblems) lines.push(`  needs attention:    ${problem.message}`);
  if (runs.length) {
    lines.push('', table(['STARTED', 'KIND', 'STATUS', 'SEEN', 'IMPORTED', 'UPDATED', 'UNCHANGED', 'EXCLUDED', 'FAILED'], runs.map((r) => [when(r.startedAt), r.kind, r.status, ...[r.counts.seen, r.counts.imported, r.counts.updated, r.counts.unchanged, r.counts.excluded, r.counts.failed].map(String)])));
  }
  return lines.join('\n');
}
