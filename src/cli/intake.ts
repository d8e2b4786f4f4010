#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT } from './cli-output.js';
import { paceHeapGrowth } from './heap-pacing.js';
import { registerContactsCommand } from './commands/contacts.command.js';
import { registerIntegrationsCommand } from './commands/integrations.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerSimCommand } from './commands/sim.command.js';
import { registerSourceHostsCommand } from './commands/source-hosts.command.js';
import { registerNotificationsCommand } from './commands/notifications.command.js';
import { registerStartCommand } from './commands/start.command.js';
import { registerUsersCommand } from './commands/users.command.js';
import { registerTroubleshootingCommands } from './commands/troubleshooting.command.js';
import { registerUploadCommand } from './commands/upload.command.js';

paceHeapGrowth();

const program = new Command()
  .name('intake')
  .description('Imports contact-centre conversations into a QA workspace — and says why one is missing.')
  .showHelpAfterError('(run with --help to see the options)')
  // Set before the commands are added, so each inherits it: an option commander cannot parse is bad input too.
  .exitOverride();

registerStartCommand(program);
registerMigrateCommand(program);
registerSimCommand(program);
registerIntegrationsCommand(program);
registerContactsCommand(program);
registerUsersCommand(program);
registerSourceHostsCommand(program);
registerNotificationsCommand(program);
registerTroubleshootingCommands(program);
registerUploadCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has printed its message (an unknown option, a missing value); help and --version exit 0.
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
}
