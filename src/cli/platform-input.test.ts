import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createPlatformRegistry } from '../connectors/registry.js';
import { registerAddIntegrationCommand } from './commands/add-integration.command.js';
import { registerReconnectIntegrationCommand } from './commands/reconnect-integration.command.js';
import { askedFields, platformFlags } from './platform-fields.js';
import { platformInput, type GivenPlatformOptions } from './platform-input.js';

const registry = createPlatformRegistry();
const platform = (id: string) => registry.get(id)!;
const given = (flags: Record<string, string>, more: Partial<GivenPlatformOptions> = {}): GivenPlatformOptions => ({ flags, connection: [], credential: [], ...more });

describe('the command line options every platform declares', () => {
  it('never take the place of a command option, and mean one field per platform', () => {
    const program = new Command();
    const integrations = program.command('integrations');
    registerAddIntegrationCommand(integrations);
    registerReconnectIntegrationCommand(integrations);
    for (const command of integrations.commands) {
      // Only the platforms' own flags are hidden; a platform flag that matched a command option would be shadowed by it.
      const own = command.options.filter((o) => !o.hidden).map((o) => o.long);
      for (const p of registry.list()) {
        expect(platformFlags(p).filter((f) => own.includes(f)), `${p.id} on ${command.name()}`).toEqual([]);
        for (const flag of platformFlags(p)) {
          const keys = new Set(askedFields(p).filter((a) => a.field.flag === flag).map((a) => `${a.where}.${a.field.key}`));
          expect(keys.size, `${p.id} ${flag}`).toBe(1);
        }
      }
    }
  });

  it("reads today's Zendesk flags as before: --email with --token is an API token, --oauth-token an OAuth token", () => {
    expect(platformInput(platform('zendesk'), given({ '--subdomain': 'acme', '--email': 'a@acme.com', '--token': 't' }), 'add')).toMatchObject({
      connection: { subdomain: 'acme' },
      credentials: { kind: 'api_token', email: 'a@acme.com', token: 't' },
      problems: [],
    });
    expect(platformInput(platform('zendesk'), given({ '--subdomain': 'acme', '--oauth-token': '-' }), 'add')).toMatchObject({
      credentials: { kind: 'oauth', accessToken: '-' },
      fromStdin: { key: 'credentials.accessToken', option: '--oauth-token' },
      problems: [],
    });
  });

  it('takes any field as --connection key=value or --credential key=value', () => {
    const input = platformInput(platform('intercom'), given({}, { connection: ['region=eu', 'workspaceId=abc'], credential: ['accessToken=-'] }), 'add');
    expect(input).toMatchObject({ connection: { region: 'eu', workspaceId: 'abc' }, credentials: { accessToken: '-' }, problems: [] });
    expect(input.fromStdin?.option).toBe('--credential accessToken');
  });

  it("refuses another platform's flag, naming the platform's own", () => {
    const input = platformInput(platform('freshdesk'), given({ '--domain': 'acme', '--api-key': 'k', '--subdomain': 'acme' }), 'add');
    expect(input.problems).toEqual([{ path: '--subdomain', message: expect.stringContaining('is not an option of Freshdesk, whose own are --domain, --base-url, --api-key') }]);
  });

  it('names every missing required field, with what it is', () => {
    const input = platformInput(platform('freshdesk'), given({}), 'add');
    expect(input.problems.map((p) => p.path)).toEqual(['--domain', '--api-key']);
    expect(input.problems[0]!.message).toMatch(/^is required: Freshdesk domain\. The part before \.freshdesk\.com/);
    expect(input.problems[1]!.message).toContain('give "--api-key -" to type it unseen');
  });

  it('says what a credential set lacks or mixes, and which ways to sign in there are', () => {
    expect(platformInput(platform('zendesk'), given({ '--subdomain': 'acme', '--email': 'a@acme.com' }), 'add').problems).toEqual([
      { path: '--token', message: expect.stringMatching(/^is required for API token credentials: API token/) },
    ]);
    expect(platformInput(platform('zendesk'), given({ '--subdomain': 'acme', '--token': 't', '--oauth-token': 'o' }), 'add').problems).toEqual([
      { path: '--token, --oauth-token', message: expect.stringContaining('mix ways to sign in: API token (--email, --token); OAuth access token (--oauth-token)') },
    ]);
    expect(platformInput(platform('zendesk'), given({ '--subdomain': 'acme' }), 'add').problems).toEqual([
      { path: '--email/--token or --oauth-token', message: 'give one way to sign in: API token (--email and --token), or OAuth access token (--oauth-token)' },
    ]);
    expect(platformInput(platform('zendesk'), given({ '--subdomain': 'acme', '--email': 'a@acme.com' }, { credential: ['kind=oauth'] }), 'add').problems.map((p) => p.path)).toEqual([
      '--email',
      '--oauth-token',
    ]);
  });

  it('asks nothing of a platform that needs no credentials, and refuses what it does not take', () => {
    expect(platformInput(platform('sandbox'), given({}), 'add')).toMatchObject({ credentials: undefined, problems: [] });
    expect(platformInput(platform('sandbox'), given({ '--domain': 'x' }), 'add').problems[0]).toEqual({
      path: '--domain',
      message: 'is not an option of Sandbox, which takes no connection settings or credentials; leave it out',
    });
  });

  it('on reconnect asks only for credentials, and reads one secret at most from standard input', () => {
    expect(platformInput(platform('freshdesk'), given({ '--api-key': '-' }), 'reconnect')).toMatchObject({ connection: {}, credentials: { apiKey: '-' }, problems: [] });
    // A setting given as - is a value like any other: only secrets come from standard input.
    expect(platformInput(platform('zendesk'), given({ '--email': 'a@acme.com', '--token': '-' }, { connection: ['subdomain=-'] }), 'reconnect').fromStdin?.key).toBe('credentials.token');
    expect(platformInput(platform('zendesk'), given({ '--token': '-', '--oauth-token': '-' }), 'reconnect').problems).toContainEqual({
      path: '--token, --oauth-token',
      message: 'only one secret can be read from standard input (-) in one command',
    });
  });

  it('says how to write a key=value pair it cannot read', () => {
    expect(platformInput(platform('freshdesk'), given({ '--api-key': 'k' }, { connection: ['acme'] }), 'add').problems[0]).toEqual({
      path: '--connection #1',
      message: 'must be key=value, e.g. domain=acme',
    });
  });
});
