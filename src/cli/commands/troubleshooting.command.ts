import type { Command } from 'commander';
import { runProgress } from '../../core/run.js';
import { Scheduler } from '../../scheduling/scheduler.js';
import { startBackfill } from '../../services/backfill.js';
import { diagnoseReference, type ReferenceDiagnoses } from '../../services/diagnose-reference.js';
import { importOne } from '../../services/import-one.js';
import { getIntegration } from '../../services/manage-integrations.js';
import { createSupportReport } from '../../services/support-report.js';
import { getRun } from '../../services/read-runs.js';
import { ValidationError } from '../../services/service-errors.js';
import { printResult } from '../cli-output.js';
import { operatorCaller, runCommand } from '../cli-context.js';
import { describeRun } from '../describe-run.js';

const STEP_MARK = { ok: '✓', problem: '✗', not_applicable: '·', unknown: '?' } as const;

/** Each integration's answer in turn, headed by where it looked when there are several. */
function describeDiagnoses(result: ReferenceDiagnoses, sourceRef: string): string {
  const several = result.diagnoses.length > 1;
  const blocks = result.diagnoses.map((diagnosis) => {
    const where = diagnosis.integration ? `integration "${diagnosis.integration.name}" (${diagnosis.integration.platformName} account "${diagnosis.integration.sourceAccount}")` : null;
    return [
      ...(several && where ? [`── ${where}`] : []),
      diagnosis.verdict,
      `  cause: ${diagnosis.cause}${where ? ` — ${where}` : ''}`,
      '',
      ...diagnosis.steps.map((s) => `${STEP_MARK[s.verdict]} ${s.title}: ${s.summary}`),
      ...(diagnosis.action ? ['', `Next: ${diagnosis.action.label}${diagnosis.action.kind === 'manual_import' && diagnosis.integration ? ` (intake integrations import ${diagnosis.integration.id} ${sourceRef})` : ''}`] : []),
    ].join('\n');
  });
  return [...(several ? [result.summary, ''] : []), blocks.join('\n\n')].join('\n');
}

export function registerTroubleshootingCommands(program: Command): void {
  program
    .command('diagnose')
    .argument('<source-reference>', 'ticket id, call id or conversation id')
    .description('why is this contact missing? walks the troubleshooting checklist and names the cause')
    .option('--integration <id>', 'the integration to check (default: the one that saw it, or the one whose source knows it)')
    .option('--json', 'print as JSON')
    .action((sourceRef: string, options: { integration?: string; json?: boolean }) =>
      runCommand(options, { sourceRef: '<source-reference>', integrationId: '--integration' }, async (context) => {
        const integrationId = options.integration ? (await getIntegration(context.services, context.workspace.id, options.integration)).id : undefined;
        const result = await diagnoseReference(context.services, operatorCaller(context), { sourceRef, integrationId });
        printResult(options, result, () => describeDiagnoses(result, sourceRef));
      }),
    );

  program
    .command('backfill')
    .argument('<id>', 'integration id or name')
    .description("re-read contacts created in a date range with today's settings (or --preview it)")
    .requiredOption('--from <YYYY-MM-DD>', 'first creation day')
    .option('--to <YYYY-MM-DD>', 'day after the last one (default: tomorrow)')
    .option('--preview', 'count what it would do and what it costs at the source; write nothing')
    .option('--json', 'print as JSON')
    .action((id: string, options: { from: string; to?: string; preview?: boolean; json?: boolean }) =>
      runCommand(options, { from: '--from', to: '--to' }, async (context) => {
        const integration = await getIntegration(context.services, context.workspace.id, id);
        const runner = new Scheduler(context.services, { maxConcurrent: 1 });
        const started = await startBackfill(context.services, runner, context.workspace.id, integration.id, { from: options.from, to: options.to, preview: Boolean(options.preview) }, 'cli');
        const interactive = !options.json && process.stderr.isTTY;
        const progress = setInterval(async () => {
          const run = await getRun(context.services, context.workspace.id, started.id).catch(() => null);
          const p = run ? runProgress(run, context.services.clock.now()) : null;
          if (run && interactive) process.stderr.write(`\r${run.counts.seen} records, ${Math.round((p?.fraction ?? 0) * 100)}%${p?.etaSeconds ? `, about ${p.etaSeconds} s left` : ''}   `);
        }, 1000);
        const stop = () => void runner.stop();
        process.once('SIGINT', stop);
        try {
          await runner.drain();
        } finally {
          clearInterval(progress);
          process.off('SIGINT', stop);
          if (interactive) process.stderr.write('\n');
        }
        const run = await getRun(context.services, context.workspace.id, started.id);
        printResult(options, run, () => {
          const lines = [describeRun(run)];
          const startDate = integration.settings.startDate;
          if (options.from < startDate) {
            lines.push(`  note: ${options.from} is before the start date (${startDate}); contacts created earlier stay excluded. Move the start date first to bring them in.`);
          }
          if (run.dryRun && run.estimate) {
            lines.push(`  a backfill would need ${run.estimate.requests} request(s) to ${integration.platform}, about ${Math.round(run.estimate.seconds)} s under its rate limit (${run.estimate.rateLimit}).`);
            lines.push(`  Start it with: intake backfill ${integration.id} --from ${options.from}${options.to ? ` --to ${options.to}` : ''}`);
          }
          return lines.join('\n');
        });
        if (run.status === 'failed') process.exitCode = 1;
      }),
    );

  program
    .command('support-report')
    .description('the report to attach to a support ticket, as Markdown (or --json)')
    .requiredOption('--integration <id>', 'integration id or name')
    .requiredOption('--from <date>', 'start of the affected range (YYYY-MM-DD or ISO)')
    .option('--to <date>', 'end of the range (default: now)')
    .option('--ref <source-reference>', 'a reference that is missing (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--json', 'print the report as JSON')
    .action((options: { integration: string; from: string; to?: string; ref: string[]; json?: boolean }) =>
      runCommand(options, { from: '--from', to: '--to', sourceRefs: '--ref', integrationId: '--integration' }, async (context) => {
        const integration = await getIntegration(context.services, context.workspace.id, options.integration);
        const { report, markdown } = await createSupportReport(context.services, operatorCaller(context), { integrationId: integration.id, from: options.from, to: options.to, sourceRefs: options.ref });
        printResult(options, report, () => markdown);
      }),
    );
}

/** `--set created_at=2026-03-03` pairs as the values a correction sends. */
function correctedValues(pairs: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new ValidationError([{ path: '--set', message: `"${pair}" is not column=value (e.g. --set created_at="2026-03-03 14:05")` }]);
    values[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return values;
}

/** `intake integrations import <id> <ref>`: manual import of one conversation. */
export function registerImportCommand(integrations: Command): void {
  integrations
    .command('import')
    .argument('<id>', 'integration id or name')
    .argument('<source-reference>', 'ticket id, call id or conversation id')
    .description('import one conversation now, whatever the filters say (a row of a file or a pushed record: its kept copy, read with the current mapping)')
    .option('--set <column=value>', 'a row or pushed record that was not imported: import it with this value corrected (repeat it)', (pair: string, all: string[] = []) => [...all, pair])
    .option('--json', 'print as JSON')
    .action((id: string, sourceRef: string, options: { json?: boolean; set?: string[] }) =>
      runCommand(options, { sourceRef: '<source-reference>', values: '--set' }, async (context) => {
        const integration = await getIntegration(context.services, context.workspace.id, id);
        const values = options.set ? correctedValues(options.set) : undefined;
        const result = await importOne(context.services, context.workspace.id, integration.id, { sourceRef, ...(values ? { values } : {}) }, 'cli');
        printResult(options, result, () => {
          const d = result.decision;
          const would = d?.evidence.scheduleWouldExclude as { reason?: string; expected?: string } | null | undefined;
          const failed = d?.outcome === 'failed' ? ` — ${String(d.evidence.location ?? sourceRef)}: \`${String(d.evidence.field)}\` ${String(d.evidence.message)}` : '';
          return `${sourceRef}: ${d?.outcome ?? result.run.status}${failed}${would ? ` — the schedule would have excluded it (${would.reason}: expected ${would.expected})` : ''}${result.contact ? ` — contact ${result.contact.id}` : ''}`;
        });
      }),
    );
}
