import type { Command } from 'commander';
import type { AttemptView, SubscriptionView } from '../../api/contract/notifications.js';
import {
  addNotificationSubscription,
  changeNotificationSubscription,
  clearSmtp,
  listNotificationAttempts,
  listNotificationSubscriptions,
  readSmtp,
  removeNotificationSubscription,
  sendNotificationTest,
  setSmtp,
} from '../../services/manage-notifications.js';
import { ValidationError } from '../../services/service-errors.js';
import { EVENT_TYPE_LABELS } from '../../core/notification-event.js';
import { printResult, table, when } from '../cli-output.js';
import { operatorCaller, runCommand } from '../cli-context.js';
import { readSecret } from '../secret-from-stdin.js';

const FLAGS = {
  name: '--name',
  target: '<address|url>',
  events: '--events',
  integrationIds: '--integrations',
  quietHours: '--quiet',
  'quietHours.start': '--quiet (start)',
  'quietHours.end': '--quiet (end)',
  'quietHours.timeZone': '--time-zone',
  host: '--host',
  port: '--port',
  from: '--from',
  user: '--user',
  password: '--password',
};

interface SubscriptionFlags {
  json?: boolean;
  name?: string;
  events?: string;
  integrations?: string;
  /** A range; false with --no-quiet; true (commander's default for --no-quiet) when neither is given. */
  quiet?: string | boolean;
  timeZone?: string;
}

const list = (value: string | undefined) => (value === undefined ? undefined : value.split(',').map((v) => v.trim()).filter(Boolean));

/** `--quiet 22:00-07:00 --time-zone Europe/Paris` → the quiet hours; `--no-quiet` → none. */
function quietHours(flags: SubscriptionFlags): { start: string; end: string; timeZone: string } | null | undefined {
  if (flags.quiet === false) return null;
  if (flags.quiet === undefined || flags.quiet === true) return undefined;
  const [start, end] = flags.quiet.split('-').map((v) => v.trim());
  if (!start || !end) throw new ValidationError([{ path: 'quietHours', message: 'must be a range of local times, e.g. 22:00-07:00' }]);
  return { start, end, timeZone: flags.timeZone ?? 'UTC' };
}

function subscriptionOptions(command: Command): Command {
  return command
    .option('--name <name>', 'a name to tell it apart')
    .option('--events <types>', 'comma-separated event types (default: all); see `intake notifications events`')
    .option('--integrations <ids>', 'comma-separated integration ids (default: every integration)')
    .option('--quiet <HH:MM-HH:MM>', 'quiet hours: nothing is sent then; what happened comes after, as a digest when there is much')
    .option('--time-zone <zone>', 'the time zone of --quiet (default UTC), e.g. Europe/Paris')
    .option('--json', 'print as JSON');
}

/** `intake notifications`: email and webhook subscriptions, their attempts, tests, and the SMTP server. */
export function registerNotificationsCommand(program: Command): void {
  const notifications = program.command('notifications').description('who is told when integrations fail, recover or change: email and signed webhooks');

  notifications
    .command('list')
    .description('the subscriptions, with how their deliveries stand')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) =>
      runCommand(options, FLAGS, async (context) => {
        const subscriptions = await listNotificationSubscriptions(context.services, operatorCaller(context));
        printResult(options, { subscriptions }, () => describeSubscriptions(subscriptions));
      }),
    );

  notifications
    .command('events')
    .description('the event types a subscription can choose')
    .action(() => {
      process.stdout.write(`${table(['EVENT', 'WHEN'], Object.entries(EVENT_TYPE_LABELS).map(([type, label]) => [type, label]))}\n`);
    });

  for (const channel of ['email', 'webhook'] as const) {
    subscriptionOptions(
      notifications
        .command(`add-${channel}`)
        .argument(channel === 'email' ? '<address>' : '<url>', channel === 'email' ? 'the address to notify' : 'https://… (a Slack incoming-webhook URL gets Slack’s body)')
        .description(channel === 'email' ? 'notify an email address (through the SMTP server set with `intake notifications smtp set`)' : 'notify a webhook; prints its signing secret once'),
    ).action((target: string, options: SubscriptionFlags) =>
      runCommand(options, FLAGS, async (context) => {
        const created = await addNotificationSubscription(context.services, operatorCaller(context), {
          channel,
          target,
          name: options.name,
          events: list(options.events),
          integrationIds: list(options.integrations),
          quietHours: quietHours(options),
        });
        printResult(options, created, () =>
          [
            `Added ${created.subscription.name} (${created.subscription.id}).`,
            ...(created.signingSecret ? ['', 'Signing secret (shown once; store it now — the receiver checks the intake-signature header with it):', `  ${created.signingSecret}`] : []),
            '',
            `Send a test with: intake notifications test ${created.subscription.id}`,
          ].join('\n'),
        );
      }),
    );
  }

  subscriptionOptions(
    notifications
      .command('change')
      .argument('<id>', 'a subscription id (intake notifications list)')
      .description('change what a subscription gets; --enable turns a disabled webhook back on')
      .option('--all-integrations', 'every integration again')
      .option('--no-quiet', 'no quiet hours')
      .option('--enable', 'turn it on (after fixing what made it fail)')
      .option('--disable', 'turn it off'),
  ).action((id: string, options: SubscriptionFlags & { allIntegrations?: boolean; enable?: boolean; disable?: boolean }) =>
    runCommand(options, FLAGS, async (context) => {
      const changed = await changeNotificationSubscription(context.services, operatorCaller(context), id, {
        name: options.name,
        events: list(options.events),
        integrationIds: options.allIntegrations ? null : list(options.integrations),
        quietHours: quietHours(options),
        enabled: options.enable ? true : options.disable ? false : undefined,
      });
      printResult(options, changed, () => describeSubscriptions([changed]));
    }),
  );

  notifications
    .command('remove')
    .argument('<id>', 'a subscription id')
    .description('remove a subscription')
    .option('--json', 'print as JSON')
    .action((id: string, options: { json?: boolean }) =>
      runCommand(options, FLAGS, async (context) => {
        await removeNotificationSubscription(context.services, operatorCaller(context), id);
        printResult(options, { removed: id }, () => `Removed ${id}.`);
      }),
    );

  notifications
    .command('attempts')
    .argument('<id>', 'a subscription id')
    .description('every delivery attempt of a subscription, newest first')
    .option('--json', 'print as JSON')
    .action((id: string, options: { json?: boolean }) =>
      runCommand(options, FLAGS, async (context) => {
        const attempts = await listNotificationAttempts(context.services, operatorCaller(context), id);
        printResult(options, { attempts }, () => describeAttempts(attempts));
      }),
    );

  notifications
    .command('test')
    .argument('<id>', 'a subscription id')
    .description('send a test message now')
    .option('--json', 'print as JSON')
    .action((id: string, options: { json?: boolean }) =>
      runCommand(options, FLAGS, async (context) => {
        const result = await sendNotificationTest(context.services, operatorCaller(context), id);
        printResult(options, result, () => (result.ok ? 'Test message sent.' : `The test message was not delivered: ${result.error}`));
        if (!result.ok) process.exitCode = 1;
      }),
    );

  const smtp = notifications.command('smtp').description('the SMTP server emails are sent through (the operator’s setting, shared by every process)');
  smtp
    .command('show')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) =>
      runCommand(options, FLAGS, async ({ services }) => {
        const settings = await readSmtp(services);
        printResult(options, { smtp: settings }, () =>
          settings
            ? `${settings.host}:${settings.port}${settings.secure ? ' (TLS)' : ''}, from ${settings.from}${settings.user ? `, user ${settings.user}, password ${settings.passwordSet ? 'set' : 'none'}` : ''}; set ${when(settings.updatedAt)} by ${settings.updatedBy}`
            : 'No SMTP server is set: emails wait until one is. Set one with: intake notifications smtp set --host … --port … --from …',
        );
      }),
    );
  smtp
    .command('set')
    .description('set the SMTP server; give the password as `--password -` to type it or pipe it on stdin')
    .requiredOption('--host <host>', 'e.g. smtp.example.com')
    .requiredOption('--port <port>', '587 (STARTTLS) or 465 (--secure)')
    .requiredOption('--from <address>', 'the sender, e.g. "Intake <intake@example.com>"')
    .option('--secure', 'TLS from the start (port 465)')
    .option('--user <user>', 'the SMTP user, when the server asks for one')
    .option('--password <password|->', 'the SMTP password; `-` reads it without echo (or from stdin)')
    .option('--json', 'print as JSON')
    .action((options: { host: string; port: string; from: string; secure?: boolean; user?: string; password?: string; json?: boolean }) =>
      runCommand(options, FLAGS, async ({ services }) => {
        const password = options.password === '-' ? await readSecret('SMTP password') : (options.password ?? null);
        const settings = await setSmtp(services, { host: options.host, port: options.port, from: options.from, secure: options.secure ?? false, user: options.user ?? null, password: password || null }, 'cli');
        printResult(options, { smtp: settings }, () => `Emails now go through ${settings.host}:${settings.port} from ${settings.from}. Check with: intake notifications test <id>`);
      }),
    );
  smtp
    .command('clear')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) =>
      runCommand(options, FLAGS, async ({ services }) => {
        const cleared = await clearSmtp(services);
        printResult(options, { cleared }, () => (cleared ? 'The SMTP server was removed: emails wait until one is set.' : 'No SMTP server was set.'));
      }),
    );
}

function describeSubscriptions(all: SubscriptionView[]): string {
  if (all.length === 0) return 'No subscriptions. Add one with: intake notifications add-email <address>  or  intake notifications add-webhook <url>';
  return all
    .map((s) =>
      [
        `${s.name}  (${s.id})`,
        `  ${s.channel} → ${s.target}${s.format === 'slack' ? ' (Slack)' : ''}`,
        `  events: ${s.events.join(', ')}`,
        `  integrations: ${s.integrationIds?.join(', ') ?? 'all'}`,
        ...(s.quietHours ? [`  quiet hours: ${s.quietHours.start}–${s.quietHours.end} ${s.quietHours.timeZone}`] : []),
        `  ${s.enabled ? 'on' : `OFF — ${s.disabledReason ?? ''}`}; deliveries: ${s.deliveries.sent} sent, ${s.deliveries.pending} pending, ${s.deliveries.failed} failed`,
      ].join('\n'),
    )
    .join('\n\n');
}

function describeAttempts(attempts: AttemptView[]): string {
  if (attempts.length === 0) return 'No attempts yet.';
  return table(
    ['AT', 'KIND', 'EVENTS', 'RESULT'],
    attempts.map((a) => [when(a.at), a.kind, String(a.eventIds.length), a.ok ? `ok${a.statusCode ? ` (${a.statusCode})` : ''}` : `failed: ${a.error ?? ''}`]),
  );
}
