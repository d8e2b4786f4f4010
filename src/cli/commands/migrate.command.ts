import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { migrateToLatest } from '../../storage/migrate.js';
import { databaseTarget, openDatabase } from '../../storage/open-database.js';
import { printResult, reportError } from '../cli-output.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (start does this too)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      try {
        const config = loadConfig();
        const database = openDatabase(databaseTarget(config.databaseUrl ?? undefined, config.sqliteFile));
        try {
          const applied = await migrateToLatest(database);
          printResult(options, { dialect: database.dialect, applied }, () =>
            applied.length ? `Applied ${applied.length} migration(s) on ${database.dialect}: ${applied.join(', ')}` : `The ${database.dialect} database is up to date.`,
          );
        } finally {
          await database.close();
        }
      } catch (error) {
        process.exitCode = reportError(error, options);
      }
    });
}
