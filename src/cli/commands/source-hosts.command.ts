import type { Command } from 'commander';
import { allowSourceHost, listSourceHosts, removeSourceHost } from '../../services/source-hosts.js';
import type { AllowedSourceHost } from '../../services/source-hosts.js';
import { printResult, table, when } from '../cli-output.js';
import { runCommand } from '../cli-context.js';

const HOST_FLAGS = { host: '<host[:port]>' };

/** `intake source-hosts`: the operator's list of extra hosts connectors may call, shared by every process. */
export function registerSourceHostsCommand(program: Command): void {
  const hosts = program
    .command('source-hosts')
    .description('extra hosts connectors may call besides the official ones (proxies, simulators); shared by the service, workers and the CLI');

  hosts
    .command('list')
    .description('the allowed extra hosts, with who allowed them and when')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) =>
      runCommand(options, {}, async ({ services }) => {
        const all = await listSourceHosts(services);
        printResult(options, { hosts: all }, () => describeHosts(all));
      }),
    );

  hosts
    .command('allow')
    .argument('<host[:port]>', 'e.g. 127.0.0.1:4010, or proxy.example.com')
    .description('allow a host (plain http too): the running service accepts it at once, no restart')
    .option('--json', 'print as JSON')
    .action((host: string, options: { json?: boolean }) =>
      runCommand(options, HOST_FLAGS, async ({ services }) => {
        const result = await allowSourceHost(services, host, 'cli');
        printResult(options, result, () =>
          result.added
            ? `Allowed ${result.host}: every Intake process (the service, workers, this CLI) may now call it.`
            : `${result.host} was already allowed; nothing changed.`,
        );
      }),
    );

  hosts
    .command('remove')
    .argument('<host[:port]>', 'a host listed by intake source-hosts list')
    .description('stop allowing a host: integrations that use it fail with `config` until it is allowed again')
    .option('--json', 'print as JSON')
    .action((host: string, options: { json?: boolean }) =>
      runCommand(options, HOST_FLAGS, async ({ services }) => {
        const result = await removeSourceHost(services, host, 'cli');
        const fromEnvironment = process.env.INTAKE_EXTRA_SOURCE_HOSTS?.toLowerCase().split(',').map((h) => h.trim()).includes(result.host);
        printResult(options, result, () =>
          [
            `Removed ${result.host}: no Intake process calls it any more.`,
            ...(fromEnvironment ? ['Note: INTAKE_EXTRA_SOURCE_HOSTS in this shell lists it; a process started with it allows it again.'] : []),
          ].join('\n'),
        );
      }),
    );
}

function describeHosts(all: AllowedSourceHost[]): string {
  if (all.length === 0) return 'No extra hosts: connectors call only the platforms\' official hosts. Allow one with: intake source-hosts allow <host[:port]>';
  return table(['HOST', 'ALLOWED AT', 'BY'], all.map((h) => [h.host, when(h.addedAt), h.addedBy]));
}
