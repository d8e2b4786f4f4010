import type { Command } from 'commander';
import type { PlatformDefinition } from '../../connectors/platform.js';
import { createPlatformRegistry } from '../../connectors/registry.js';
import { addIntegration, validateNewIntegration } from '../../services/add-integration.js';
import { ValidationError, type FieldProblem } from '../../services/service-errors.js';
import { flagFor, printResult, type FlagNames } from '../cli-output.js';
import { runCommand } from '../cli-context.js';
import { parseFilter, parseInterval } from '../parse-filter.js';
import { addPlatformFlagOptions, collect } from '../platform-flag-options.js';
import { platformFlagsHelp } from '../platform-flags-help.js';
import { platformInput, type PlatformInput } from '../platform-input.js';
import { readSecretInput } from '../secret-from-stdin.js';

const SETTINGS_FLAGS: FlagNames = {
  name: '--name',
  platform: '<platform>',
  'settings.startDate': '--start-date',
  'settings.statusCriteria': '--status-criteria',
  'settings.intervalMinutes': '--interval',
  'settings.filters': '--filter',
};

interface AddOptions {
  name?: string;
  startDate?: string;
  filter?: string[];
  statusCriteria?: string;
  interval?: string;
  verify: boolean;
  json?: boolean;
}

/** `intake integrations add <platform>`: its options are the platforms' own, from their presentation. */
export function registerAddIntegrationCommand(integrations: Command): void {
  const platforms = createPlatformRegistry().list();
  const command = integrations
    .command('add')
    .argument('<platform>', `the platform: ${platforms.map((p) => p.id).join(', ')}`)
    .description("add an integration; the credentials are tested against the source before saving. The platform's own options are listed below")
    .option('--name <name>', 'a name for the integration, unique in the workspace')
    .option('--start-date <YYYY-MM-DD>', 'import contacts created on or after this day (default: 30 days ago)')
    .option('--filter <condition>', 'a condition every contact must meet, e.g. "tag contains vip" (repeatable)', collect)
    .option('--status-criteria <statuses>', 'eligible statuses, comma-separated: open,pending,solved,closed, or "any" (default: solved,closed)')
    .option('--interval <minutes>', 'how often to import: minutes, or e.g. 15m, 1h (default 15m)')
    .option('--no-verify', 'save without testing the credentials against the source')
    .option('--json', 'print as JSON');
  const given = addPlatformFlagOptions(command, platforms);
  command.addHelpText('after', () => `\n${platformFlagsHelp(platforms, 'add', process.stdout.columns || 80)}`);
  command.action((platformId: string, options: AddOptions & Record<string, unknown>) => {
    const platform = platforms.find((p) => p.id === platformId.trim()) ?? null;
    const input = platform ? platformInput(platform, given(options), 'add') : null;
    const flags = { ...SETTINGS_FLAGS, ...input?.flagNames };
    return runCommand(options, flags, async ({ services, workspace }) => {
      const settings = settingsInput(options);
      const problems = [...settings.problems, ...(input?.problems ?? [])];
      const secrets = problems.length === 0 && input ? await readSecretInput(input) : [];
      problems.push(...secrets);
      const body = {
        platform: platformId,
        name: options.name,
        connection: platform && input ? connectionFor(platform, input) : {},
        credentials: input?.credentials,
        settings: settings.settings,
      };
      // Report the command line's problems and the settings' together, not one batch at a time.
      if (problems.length > 0) {
        // A secret still to be read was not asked for: a problem about its placeholder is noise.
        const unread = input?.fromStdin && secrets.length === 0 ? input.fromStdin.key : null;
        // Without a way to sign in chosen, the service could only say the credentials are not one.
        const unchosen = input !== null && input.credentials === undefined;
        const more = (await validateNewIntegration(services, workspace.id, body))
          .filter((p) => p.path !== unread && !(unchosen && /^credentials(\.|$)/.test(p.path)))
          .map((p) => ({ ...p, path: p.path.replace(/^settings\.filters\.(\d+)/, (_, n: string) => `settings.filters.${settings.filterIndex(Number(n))}`) }))
          .filter((p) => !problems.some((q) => q.path === flagFor(p.path, flags)));
        throw new ValidationError([...problems, ...more]);
      }
      const integration = await addIntegration(services, workspace.id, body, 'cli', { verify: options.verify });
      printResult(options, integration, () => `Added "${integration.name}" (${integration.id}). It runs now and then every ${integration.settings.intervalMinutes} min while "intake start" is running.\nRun it right away with: intake integrations run ${integration.id}`);
    });
  });

}

/** A platform that asks for no connection settings starts from its starter's (a simulated help desk made now). */
function connectionFor(platform: PlatformDefinition, input: PlatformInput): Record<string, unknown> {
  if (Object.keys(input.connection).length === 0 && platform.presentation.connectionFields.length === 0 && platform.starter) return platform.starter.connection(new Date());
  return input.connection;
}

function settingsInput(o: AddOptions): { settings: Record<string, unknown>; problems: FieldProblem[]; filterIndex: (i: number) => number } {
  const problems: FieldProblem[] = [];
  // A filter the command line cannot read is left out of the input; settings problems about the
  // others are renumbered back to their place on the command line.
  const kept: number[] = [];
  const filters = (o.filter ?? []).flatMap((text, index) => {
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
  if (o.name === undefined) problems.push({ path: '--name', message: 'is required' });
  const statusCriteria =
    o.statusCriteria === undefined ? undefined : o.statusCriteria.trim() === 'any' ? ['open', 'pending', 'solved', 'closed'] : o.statusCriteria.split(',').map((s) => s.trim());
  const settings = {
    ...(o.startDate !== undefined ? { startDate: o.startDate } : {}),
    ...(statusCriteria ? { statusCriteria } : {}),
    ...(filters.length ? { filters } : {}),
    ...(intervalMinutes !== undefined ? { intervalMinutes } : {}),
  };
  return { settings, problems, filterIndex: (i: number) => kept[i] ?? i };
}
