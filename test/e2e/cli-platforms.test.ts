import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FreshdeskSimulator } from '../../src/connectors/freshdesk/freshdesk.simulator.js';
import { IntercomSimulator } from '../../src/connectors/intercom/intercom.simulator.js';
import { INTAKE_BIN, intakeEnv, runIntakeCommand } from '../support/intake-process.js';
import { readmeSection, runShell } from '../support/readme.js';

/**
 * Each platform's own options on the command line, as a user types them: real processes, the
 * platforms' simulators, hosts allowed with `intake source-hosts allow`, secrets from standard input.
 */
describe('intake integrations add and reconnect, for every platform', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-cli-platforms-'));
  const env = { INTAKE_DATA_DIR: dataDir };
  const freshdesk = new FreshdeskSimulator({ domain: 'globex', tickets: 30, spanDays: 10, rateLimit: null, seed: 4 });
  const intercom = new IntercomSimulator({ workspaceId: 'wsp9', conversations: 30, spanDays: 10, rateLimit: null, seed: 4 });
  const intake = (...args: string[]) => runIntakeCommand(args, env);
  const start = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    for (const sim of [freshdesk, intercom]) {
      await sim.start();
      const allowed = await intake('source-hosts', 'allow', new URL(sim.url).host);
      expect(allowed.code, allowed.stderr).toBe(0);
    }
  });
  afterAll(async () => {
    await Promise.all([freshdesk.stop(), intercom.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds a Freshdesk integration with its API key from standard input, runs it, and finds its tickets', async () => {
    const { apiKey } = freshdesk.credentials();
    const common = ['integrations', 'add', 'freshdesk', '--name', 'Globex desk', '--domain', 'globex', '--base-url', freshdesk.url, '--start-date', start, '--status-criteria', 'any'];

    const wrong = await runIntakeCommand([...common, '--api-key', '-'], env, 'not-the-key\n');
    expect(wrong.code).toBe(1);
    // No integration exists yet: the advice is to check what was entered, not to reconnect.
    expect(wrong.stderr).toContain('Error: The credentials were not saved: Freshdesk rejected the API key (401');
    expect(wrong.stderr).toContain('Check the credentials given (API key) in Freshdesk, then try again.');
    expect(wrong.stderr).not.toMatch(/reconnect/i);
    expect(wrong.stderr).not.toContain('not-the-key');

    const added = await runIntakeCommand([...common, '--api-key', '-', '--json'], env, `${apiKey}\n`);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).not.toContain(apiKey);
    expect(JSON.parse(added.stdout)).toMatchObject({ platform: 'freshdesk', sourceAccount: 'globex', connection: { domain: 'globex', baseUrl: freshdesk.url } });

    const run = await intake('integrations', 'run', 'Globex desk');
    expect(run.stdout, run.stderr).toMatch(/^Run [0-9a-f-]+ succeeded \(manual\): 30 seen/);
    const ticket = freshdesk.tickets().find((t) => !t.deleted && !t.spam)!;
    const found = await intake('contacts', 'find', String(ticket.id), '--json');
    expect(JSON.parse(found.stdout).matches).toEqual([expect.objectContaining({ platform: 'freshdesk', sourceAccount: 'globex', contact: expect.objectContaining({ sourceRef: String(ticket.id) }) })]);

    // Reconnect takes the same options, of the integration's own platform only.
    const zendeskFlag = await intake('integrations', 'reconnect', 'Globex desk', '--token', 'x');
    expect(zendeskFlag.code).toBe(2);
    expect(zendeskFlag.stderr).toContain('--token: is not an option of Freshdesk, whose own are --domain, --base-url, --api-key');
    freshdesk.addAgent({ name: 'Second Admin', email: 'second@globex.example', apiKey: 'second-key-0123', ticketScope: 1, groupIds: [] });
    const reconnected = await runIntakeCommand(['integrations', 'reconnect', 'Globex desk', '--api-key', '-'], env, 'second-key-0123\n');
    expect(reconnected.code, reconnected.stderr).toBe(0);
    expect(reconnected.stdout).toContain('the credentials work for "globex"');
  }, 180_000);

  it('adds an Intercom integration with --connection and --credential pairs, the token from standard input, and finds its conversations', async () => {
    const added = await runIntakeCommand(
      ['integrations', 'add', 'intercom', '--name', 'Wsp9', '--region', 'us', '--connection', 'workspaceId=wsp9', '--base-url', intercom.url, '--credential', 'accessToken=-', '--start-date', start, '--status-criteria', 'any', '--json'],
      env,
      `${intercom.accessToken}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ platform: 'intercom', sourceAccount: 'wsp9' });

    const run = await intake('integrations', 'run', 'Wsp9');
    expect(run.stdout, run.stderr).toMatch(/^Run [0-9a-f-]+ succeeded \(manual\): \d+ seen/);
    const conversation = intercom.conversations().sort((a, b) => a.updated_at - b.updated_at)[0]!;
    const found = await intake('contacts', 'find', conversation.id, '--integration', 'Wsp9', '--json');
    expect(JSON.parse(found.stdout).matches).toEqual([expect.objectContaining({ platform: 'intercom', contact: expect.objectContaining({ sourceRef: conversation.id }) })]);

    const wrong = await runIntakeCommand(['integrations', 'add', 'intercom', '--name', 'Wrong', '--region', 'us', '--workspace-id', 'wsp9', '--base-url', intercom.url, '--access-token', '-'], env, 'dG9rOjwrong\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Error: The credentials were not saved: Intercom rejected the access token');
    expect(wrong.stderr).not.toMatch(/reconnect/i);
  }, 180_000);

  it('reports every problem at once: a flag of another platform, a missing field, a mixed credential set — exit code 2', async () => {
    const refused = await intake('integrations', 'add', 'intercom', '--name', 'X', '--subdomain', 'acme', '--api-key', 'k', '--filter', 'tag has vip');
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe(
      [
        'Error: the command has invalid options; fix the ones below and try again.',
        '  --filter #1: "has" is not an operator; use one of is, is_not, is_one_of, is_not_one_of, contains, exists, does_not_exist',
        "  --subdomain: is not an option of Intercom, whose own are --region, --workspace-id, --base-url, --access-token (intake integrations add --help lists every platform's)",
        "  --api-key: is not an option of Intercom, whose own are --region, --workspace-id, --base-url, --access-token (intake integrations add --help lists every platform's)",
        '  --region: is required: Region. Where the workspace is hosted: us (app.intercom.com), eu (app.eu.intercom.com) or au (app.au.intercom.com). An access token only works in its own region.',
        '  --access-token: is required: Access token — give "--access-token -" to type it unseen, or to pipe it in',
        '',
      ].join('\n'),
    );
    // An option no platform has is bad input as well.
    const typo = await intake('integrations', 'add', 'freshdesk', '--name', 'F', '--domain', 'acme', '--api-keys', 'k');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("error: unknown option '--api-keys'");
    const mixed = await intake('integrations', 'add', 'zendesk', '--name', 'Z', '--subdomain', 'acme', '--token', 't', '--oauth-token', 'o', '--json');
    expect(mixed.code).toBe(2);
    expect(JSON.parse(mixed.stdout).error.details).toEqual([
      { path: '--token, --oauth-token', message: 'mix ways to sign in: API token (--email, --token); OAuth access token (--oauth-token); give the fields of one' },
    ]);
  }, 120_000);

  it("prints the README's example of every invalid option at once, as the README shows it", async () => {
    const example = /```\n\$ (npx intake integrations add [^\n]+)\n([\s\S]*?)```/.exec(readmeSection('## Import from Zendesk'))!;
    expect(example).not.toBeNull();
    const result = await runShell(example[1]!, env);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(example[2]);
  }, 120_000);

  it('lists every platform with its options, labels and help in integrations add --help', async () => {
    const help = await intake('integrations', 'add', '--help');
    expect(help.code).toBe(0);
    for (const [platform, lines] of Object.entries({
      zendesk: ['--subdomain <value>', 'Zendesk subdomain (required)', '--oauth-token <secret|->', 'OAuth access token (--credential kind=oauth)'],
      freshdesk: ['--domain <value>', 'Freshdesk domain (required)', '--api-key <secret|->'],
      intercom: ['--region <value>', '--workspace-id <value>', '--access-token <secret|->'],
      sandbox: ["Asks for nothing: intake integrations add sandbox --name 'Sandbox help desk'"],
    })) {
      const section = help.stdout.slice(help.stdout.indexOf(`\n${platform} — `));
      for (const line of lines) expect(section, `${platform}: ${line}`).toContain(line);
    }
  }, 60_000);

  it('asks for a secret at a terminal without echoing it', async () => {
    const { apiKey } = freshdesk.credentials();
    const command = [process.execPath, INTAKE_BIN, 'integrations', 'add', 'freshdesk', '--name', 'Typed', '--domain', 'globex', '--base-url', freshdesk.url, '--api-key', '-'].map((w) => `'${w}'`).join(' ');
    // script(1) gives the command a terminal; what the user types goes to it only once it asks.
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: intakeEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('then Enter:')) resolve();
      });
      void exited.then(() => reject(new Error(`exited before asking:\n${output}`)));
    });
    child.stdin.write(`${apiKey}\r`);
    expect(await exited, output).toBe(0);
    child.stdin.end();
    expect(output).toContain('API key (not shown as you type), then Enter:');
    expect(output).toContain('Added "Typed"');
    expect(output).not.toContain(apiKey);
  }, 60_000);
});
