import type { Command } from 'commander';
import { createPlatformRegistry } from '../../connectors/registry.js';
import { EXIT_BAD_INPUT, printResult, reportError } from '../cli-output.js';
import { simulatorCommands, simulatorSecretsNote } from '../simulator-commands.js';

interface SimOptions {
  port: string;
  host: string;
  contacts: string;
  rateLimit?: string;
  windowSeconds?: string;
  pageSize?: string;
  seed: string;
  account?: string;
  live?: boolean;
  json?: boolean;
}

export function registerSimCommand(program: Command): void {
  const simulated = createPlatformRegistry()
    .list()
    .filter((p) => p.startSimulator)
    .map((p) => p.id);
  program
    .command('sim')
    .argument('<platform>', `the platform to simulate: ${simulated.join(', ')}`)
    .description("run a platform's simulator: the real wire format over HTTP, with seeded conversations; it prints the commands that import from it")
    .option('--port <n>', 'port to listen on (0 picks a free one)', '4010')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--contacts <n>', 'conversations to seed', '500')
    .option('--rate-limit <n>', "requests allowed per window on the rate-limited endpoint, or \"off\" (default: the platform's own)")
    .option('--window-seconds <s>', "length of the rate-limit window (default: the platform's own)")
    .option('--page-size <n>', 'largest page the source returns')
    .option('--seed <n>', 'seed for the generated data', '1')
    .option('--account <name>', 'the simulated account: its subdomain, domain or workspace id')
    .option('--live', 'keep creating and changing conversations while running')
    .option('--json', 'print the connection details as JSON')
    .action(async (platformId: string, options: SimOptions) => {
      const registry = createPlatformRegistry();
      const platform = registry.get(platformId);
      const problems: string[] = [];
      if (!platform?.startSimulator) {
        problems.push(`<platform>: no simulator for "${platformId}"; simulators exist for ${registry.list().filter((p) => p.startSimulator).map((p) => p.id).join(', ')}`);
      }
      const int = (flag: string, value: string | undefined, min: number, max: number) => {
        if (value === undefined) return undefined;
        const n = Number(value);
        if (!Number.isInteger(n) || n < min || n > max) problems.push(`${flag}: must be a whole number from ${min} to ${max}`);
        return n;
      };
      const port = int('--port', options.port, 0, 65535)!;
      const contacts = int('--contacts', options.contacts, 0, 5_000_000)!;
      const rateLimit = options.rateLimit === 'off' ? null : int('--rate-limit', options.rateLimit, 1, 100_000);
      const windowSeconds = int('--window-seconds', options.windowSeconds, 1, 3600);
      const pageSize = int('--page-size', options.pageSize, 1, 1000);
      const seed = int('--seed', options.seed, 0, 2 ** 31)!;
      if (problems.length > 0 || !platform?.startSimulator) {
        process.stderr.write(`Error: the command has invalid options:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      try {
        const sim = await platform.startSimulator({ port, host: options.host, contacts, rateLimit, windowSeconds, pageSize, seed, account: options.account, live: Boolean(options.live) });
        const host = new URL(sim.url).host;
        // Run as printed, from any shell: the host goes into the list every Intake process reads.
        const commands = simulatorCommands(platform, sim);
        const note = simulatorSecretsNote(platform, sim);
        const limit = sim.rateLimit ? `${sim.rateLimit.requests} requests per ${sim.rateLimit.windowSeconds} s` : 'off';
        printResult(options, { url: sim.url, host, sourceAccount: sim.sourceAccount, connection: sim.connection, credentials: sim.credentials, rateLimit: sim.rateLimit, commands }, () =>
          [
            `${platform.displayName} simulator listening on ${sim.url} (account "${sim.sourceAccount}", ${contacts} seeded conversations, rate limit ${limit}).`,
            'Import from it: in another terminal, allow its address (once; the running service accepts it at once), then add the integration:',
            ...commands.map((c) => `  ${c}`),
            ...(note ? [note] : []),
            'Press Ctrl+C to stop.',
          ].join('\n'),
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await sim.stop();
      } catch (error) {
        process.exitCode = reportError(error, options);
      } finally {
        await registry.close();
      }
    });
}
