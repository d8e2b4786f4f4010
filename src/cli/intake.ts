#!/usr/bin/env node
import { Command } from 'commander';
import { registerContactsCommand } from './commands/contacts.command.js';
import { registerIntegrationsCommand } from './commands/integrations.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerSimCommand } from './commands/sim.command.js';
import { registerSourceHostsCommand } from './commands/source-hosts.command.js';
import { registerStartCommand } from './commands/start.command.js';
import { registerUsersCommand } from './commands/users.command.js';
import { registerTroubleshootingCommands } from './commands/troubleshooting.command.js';

const program = new Command()
  .name('intake')
  .description('Imports contact-centre conversations into a QA workspace — and says why one is missing.')
  .showHelpAfterError('(run with --help to see the options)');

registerStartCommand(program);
registerMigrateCommand(program);
registerSimCommand(program);
registerIntegrationsCommand(program);
registerContactsCommand(program);
registerUsersCommand(program);
registerSourceHostsCommand(program);
registerTroubleshootingCommands(program);

await program.parseAsync(process.argv);
