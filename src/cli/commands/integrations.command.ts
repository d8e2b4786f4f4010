import type { Command } from 'commander';
import { describeCondition } from '../../core/filter-condition.js';
import type { Integration } from '../../core/integration.js';
import type { Run } from '../../core/run.js';
import { addIntegration, validateNewIntegration } from '../../services/add-integration.js';
import { getIntegration, listWorkspaceIntegrations, pause, resume } from '../../services/manage-integrations.js';
import { runIntegration } from '../../services/run-integration.js';
import { reconnectIntegration } from '../../services/update-integration.js';
import { ValidationError, type FieldProblem } from '../../services/service-errors.js';
import { listIntegrationRuns } from '../../services/read-runs.js';
import { printResult, table, when, type FlagNames } from '../cli-output.js';
import { runCommand } from '../cli-context.js';
import { parseFilter, parseInterval } from '../parse-filter.js';
import { describeActiveRun, describeRun } from '../describe-run.js';
import { registerImportCommand } from './troubleshooting.command.js';
import { readSecretOptions } from '../secret-from-stdin.js';

const ADD_FLAGS: FlagNames = {
  name: '--name',
  platform: '<platform>',
  connection: '--subdomain',
  'connection.subdomain': '--subdomain',
  'connection.baseUrl': '--base-url',
  credentials: '--token or --oauth-token',
  'credentials.kind': '--token or --oauth-token',
  'credentials.email': '--email',
  'credentials.token': '--token',
  'credentials.accessToken': '--oauth-token',
  'settings.startDate': '--start-date',
  'settings.statusCriteria': '--status-criteria',
  'settings.intervalMinutes': '--interval',
  'settings.filters': '--filter',
};

interface AddOptions {
  name?: string;
  subdomain?: string;
  email?: string;
  token?: string;
  oauthToken?: string;
  baseUrl?: string;
  startDate?: string;
  filter: string[];
  statusCriteria?: string;
  interval?: string;
  verify: boolean;
  json?: boolean;
}

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
            ? 'No integrations yet. Add one with: intake integrations add zendesk --name … (or start Intake to get the sandbox).'
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

  integrations
    .command('add')
    .argument('<platform>', 'zendesk')
    .description('add an integration; the credentials are tested against the source before saving')
    .option('--name <name>', 'a name for the integration, unique in the workspace')
    .option('--subdomain <subdomain>', 'Zendesk subdomain (acme for acme.zendesk.com)')
    .option('--email <email>', 'email of the Zendesk admin who owns the API token')
    .option('--token <token>', 'Zendesk API token, or - to read it from standard input (keeps it out of shell history)')
    .option('--oauth-token <token>', 'Zendesk OAuth access token instead of --email/--token, or - to read it from standard input')
    .option('--base-url <url>', 'regional host, proxy or simulator (unless official, allow its host first: intake source-hosts allow <host[:port]>)')
    .option('--start-date <YYYY-MM-DD>', 'import contacts created on or after this day (default: 30 days ago)')
    .option('--filter <condition>', 'a condition every contact must meet, e.g. "tag contains vip" (repeatable)', collect, [])
    .option('--status-criteria <statuses>', 'eligible statuses, comma-separated: open,pending,solved,closed, or "any" (default: solved,closed)')
    .option('--interval <minutes>', 'how often to import: minutes, or e.g. 15m, 1h (default 15m)')
    .option('--no-verify', 'save without testing the credentials against the source')
    .option('--json', 'print as JSON')
    .action((platform: string, given: AddOptions) =>
      runCommand(given, ADD_FLAGS, async ({ services, workspace }) => {
        const options = await readSecretOptions(given);
        const { input, problems, filterIndex } = addInput(platform, options);
        // Report the command line's problems and the settings' together, not one batch at a time.
        if (problems.length > 0) {
          const more = (await validateNewIntegration(services, workspace.id, input))
            .map((p) => ({ ...p, path: p.path.replace(/^settings\.filters\.(\d+)/, (_, n: string) => `settings.filters.${filterIndex(Number(n))}`) }))
            .filter((p) => !problems.some((q) => q.path === (ADD_FLAGS[p.path] ?? p.path)));
          throw new ValidationError([...problems, ...more]);
        }
        const integration = await addIntegration(services, workspace.id, input, 'cli', { verify: options.verify });
        printResult(options, integration, () => `Added "${integration.name}" (${integration.id}). It runs now and then every ${integration.settings.intervalMinutes} min while "intake start" is running.\nRun it right away with: intake integrations run ${integration.id}`);
      }),
    );

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

  integrations
    .command('reconnect')
    .argument('<id>', 'integration id or name')
    .description('new credentials: tested against the source first, refused for another account; clears a failure')
    .option('--email <email>', 'email of the Zendesk admin who owns the API token')
    .option('--token <token>', 'Zendesk API token, or - to read it from standard input (keeps it out of shell history)')
    .option('--oauth-token <token>', 'Zendesk OAuth access token instead of --email/--token, or - to read it from standard input')
    .option('--base-url <url>', 'a new base URL (same account)')
    .option('--json', 'print as JSON')
    .action((id: string, given: { email?: string; token?: string; oauthToken?: string; baseUrl?: string; json?: boolean }) =>
      runCommand(given, ADD_FLAGS, async ({ services, workspace }) => {
        const options = await readSecretOptions(given);
        const integration = await getIntegration(services, workspace.id, id);
        if (!options.token && !options.oauthToken) throw new ValidationError([{ path: '--token or --oauth-token', message: 'give --email and --token (an API token), or --oauth-token' }]);
        const credentials = options.oauthToken ? { kind: 'oauth', accessToken: options.oauthToken } : { kind: 'api_token', email: options.email, token: options.token };
        const connection = options.baseUrl ? { ...integration.connection, baseUrl: options.baseUrl } : undefined;
        const updated = await reconnectIntegration(services, workspace.id, integration.id, { credentials, ...(connection ? { connection } : {}) }, 'cli');
        printResult(options, updated, () => `Reconnected "${updated.name}": the credentials work for "${updated.sourceAccount}". Status ${updated.status}; the next run starts ${updated.nextRunAt ? `at ${when(updated.nextRunAt)}` : 'soon'} from the saved checkpoint.`);
      }),
    );

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

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function addInput(platform: string, o: AddOptions): { input: unknown; problems: FieldProblem[]; filterIndex: (i: number) => number } {
  const problems: FieldProblem[] = [];
  // A filter the command line cannot read is left out of the input; settings problems about the
  // others are renumbered back to their place on the command line.
  const kept: number[] = [];
  const filters = o.filter.flatMap((text, index) => {
    const parsed = parseFilter(text);
    if (!('problem' in parsed)) {
      kept.push(index);
      return [parsed];
    }
    problems.push({ path: `--filter #${index + 1}`, message: parsed.problem });
    return [];
  });
  let intervalMinutes: number | undefined;
  if (o.interval !== undefined) {
    intervalMinutes = parseInterval(o.interval) ?? undefined;
    if (intervalMinutes === undefined) problems.push({ path: '--interval', message: 'must be minutes, e.g. 15, 15m or 1h' });
  }
  if (!o.token && !o.oauthToken && platform !== 'sandbox') {
    problems.push({ path: '--token or --oauth-token', message: 'give --email and --token (an API token), or --oauth-token' });
  }
  if (o.name === undefined) problems.push({ path: '--name', message: 'is required' });
  const statusCriteria =
    o.statusCriteria === undefined ? undefined : o.statusCriteria.trim() === 'any' ? ['open', 'pending', 'solved', 'closed'] : o.statusCriteria.split(',').map((s) => s.trim());
  const input = {
    platform,
    name: o.name,
    connection: { ...(o.subdomain !== undefined ? { subdomain: o.subdomain } : {}), ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}) },
    credentials: o.oauthToken ? { kind: 'oauth', accessToken: o.oauthToken } : o.token ? { kind: 'api_token', email: o.email, token: o.token } : undefined,
    settings: {
      ...(o.startDate !== undefined ? { startDate: o.startDate } : {}),
      ...(statusCriteria ? { statusCriteria } : {}),
      ...(filters.length ? { filters } : {}),
      ...(intervalMinutes !== undefined ? { intervalMinutes } : {}),
    },
  };
  return { input, problems, filterIndex: (i: number) => kept[i] ?? i };
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
