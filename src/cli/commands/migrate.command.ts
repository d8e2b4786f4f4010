import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { migrateConfiguredDatabase } from '../../main.js';
import { printResult, reportError } from '../cli-output.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (start does this too)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      try {
        const { dialect, applied } = await migrateConfiguredDatabase(loadConfig());
        printResult(options, { dialect, applied }, () => (applied.length ? `Applied ${applied.length} migration(s) on ${dialect}: ${applied.join(', ')}` : `The ${dialect} database is up to date.`));
      } catch (error) {
        process.exitCode = reportError(error, options);
      }
    });
}
