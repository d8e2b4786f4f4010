import type { Command } from 'commander';
import { addUser, issueSignInLinkByEmail, listUsers } from '../../accounts/manage-users.js';
import { ROLES } from '../../core/permissions.js';
import { serviceAddress } from '../../services/service-address.js';
import { printResult, table, when } from '../cli-output.js';
import { operatorCaller, runCommand, type CommandContext } from '../cli-context.js';

interface PrintedLink {
  /** Null when Intake does not know the service's address: then `path` and `hint` say what to do. */
  url: string | null;
  path: string;
  hint: string | null;
}

/** A link on the address the service really listens on — never a guessed port. */
async function signInLink(context: CommandContext, token: string): Promise<PrintedLink> {
  const path = `/sign-in#link=${encodeURIComponent(token)}`;
  const address = await serviceAddress(context.services, context.config.publicUrl);
  if (address.url) return { url: `${address.url}${path}`, path, hint: null };
  return {
    url: null,
    path,
    hint: 'Intake does not know where the service listens: `intake start` records its address when it starts, or set INTAKE_PUBLIC_URL. Open this path on the address the service listens on.',
  };
}

function linkLines(link: PrintedLink): string {
  return link.url ? `  ${link.url}` : `  ${link.path}\n${link.hint}`;
}

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('users of the workspace, and one-time sign-in links');

  users
    .command('list')
    .description('users with their roles and last sign-in')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) =>
      runCommand(options, {}, async (context) => {
        const all = await listUsers(context.services, operatorCaller(context));
        printResult(options, all, () => table(['EMAIL', 'NAME', 'ROLE', 'PASSWORD', 'LAST SIGN-IN'], all.map((u) => [u.email, u.name, u.role, u.passwordSet ? 'set' : 'not yet', when(u.lastSignInAt)])));
      }),
    );

  users
    .command('add')
    .argument('<email>', 'their email address')
    .description('add a user; prints their one-time sign-in link')
    .option('--name <name>', 'their name', '')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'contact_viewer')
    .option('--json', 'print as JSON')
    .action((email: string, options: { name: string; role: string; json?: boolean }) =>
      runCommand(options, { email: '<email>', name: '--name', role: '--role' }, async (context) => {
        const { user, signInLink: created } = await addUser(context.services, operatorCaller(context), { email, name: options.name || email.split('@')[0], role: options.role });
        const link = await signInLink(context, created.token);
        printResult(options, { user, signInLink: { ...link, expiresAt: created.expiresAt } }, () => `Added ${user.email} (${user.role}). Send them this one-time link (valid until ${created.expiresAt}):\n${linkLines(link)}`);
      }),
    );

  users
    .command('link')
    .argument('<email>', 'the user')
    .description('a new one-time sign-in link for a user who lost their password')
    .option('--json', 'print as JSON')
    .action((email: string, options: { json?: boolean }) =>
      runCommand(options, {}, async (context) => {
        const { user, ...created } = await issueSignInLinkByEmail(context.services, operatorCaller(context), email);
        const link = await signInLink(context, created.token);
        printResult(options, { ...link, expiresAt: created.expiresAt }, () => `One-time sign-in link for ${user.email} (valid until ${created.expiresAt}):\n${linkLines(link)}`);
      }),
    );
}
