import type { Command } from 'commander';
import { createPlatformRegistry } from '../../connectors/registry.js';
import { getIntegration } from '../../services/manage-integrations.js';
import { NotFoundError, ValidationError, zodProblems } from '../../services/service-errors.js';
import { reconnectIntegration } from '../../services/update-integration.js';
import { flagFor, printResult, when, type FlagNames } from '../cli-output.js';
import { runCommand } from '../cli-context.js';
import { addPlatformFlagOptions } from '../platform-flag-options.js';
import { platformFlagsHelp } from '../platform-flags-help.js';
import { platformInput } from '../platform-input.js';
import { readSecretInput } from '../secret-from-stdin.js';

/** `intake integrations reconnect <id>`: new credentials in the options of the integration's own platform. */
export function registerReconnectIntegrationCommand(integrations: Command): void {
  const platforms = createPlatformRegistry().list();
  const command = integrations
    .command('reconnect')
    .argument('<id>', 'integration id or name')
    .description("new credentials: tested against the source first, refused for another account; clears a failure. The options are those of the integration's platform, listed below")
    .option('--json', 'print as JSON');
  const given = addPlatformFlagOptions(command, platforms);
  command.addHelpText('after', () => `\n${platformFlagsHelp(platforms, 'reconnect', process.stdout.columns || 80)}`);
  command.action((id: string, options: { json?: boolean } & Record<string, unknown>) => {
    // The field names depend on the integration's platform, known once it is found.
    const flags: FlagNames = {};
    return runCommand(options, flags, async ({ services, workspace }) => {
      const integration = await getIntegration(services, workspace.id, id);
      const platform = platforms.find((p) => p.id === integration.platform);
      if (!platform) throw new NotFoundError(`The integration's platform "${integration.platform}" is not one this Intake knows.`);
      const input = platformInput(platform, given(options), 'reconnect');
      Object.assign(flags, input.flagNames);
      if (input.problems.length > 0) {
        // The values given are judged too, so every problem is reported at once.
        const values = input.credentials ? platform.credentialsSchema.safeParse(input.credentials) : null;
        const more = values && !values.success ? zodProblems(values.error.issues, 'credentials').map((p) => ({ ...p, path: flagFor(p.path, input.flagNames) })) : [];
        throw new ValidationError([...input.problems, ...more.filter((p) => !input.problems.some((q) => q.path === p.path))]);
      }
      const unread = await readSecretInput(input);
      if (unread.length > 0) throw new ValidationError(unread);
      const connection = Object.keys(input.connection).length > 0 ? { ...integration.connection, ...input.connection } : undefined;
      const updated = await reconnectIntegration(services, workspace.id, integration.id, { credentials: input.credentials ?? {}, ...(connection ? { connection } : {}) }, 'cli');
      printResult(options, updated, () => `Reconnected "${updated.name}": the credentials work for "${updated.sourceAccount}". Status ${updated.status}; the next run starts ${updated.nextRunAt ? `at ${when(updated.nextRunAt)}` : 'soon'} from the saved checkpoint.`);
    });
  });
}
