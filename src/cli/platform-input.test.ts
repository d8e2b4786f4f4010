import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { PlatformDefinition, PlatformPresentation } from '../connectors/platform.js';
import { createPlatformRegistry } from '../connectors/registry.js';
import { registerAddIntegrationCommand } from './commands/add-integration.command.js';
import { registerReconnectIntegrationCommand } from './commands/reconnect-integration.command.js';
import { askedFields, platformFlags } from './platform-fields.js';
import { platformInput, type GivenPlatformOptions } from './platform-input.js';

/** A platform as its folder would declare it: two ways to sign in, one setting without a flag. */
function fixture(presentation: Partial<PlatformPresentation> = {}, credentialsNeeded = true): PlatformDefinition {
  return {
    id: 'helpline',
    displayName: 'Helpline',
    presentation: {
      connectionFields: [
        { key: 'site', label: 'Helpline site', help: 'The part before .helpline.example.', placeholder: 'acme', kind: 'text', required: true, flag: '--site' },
        { key: 'baseUrl', label: 'Base URL', kind: 'url', required: false, flag: '--base-url' },
        { key: 'shard', label: 'Shard', kind: 'text', required: false },
      ],
      credentialVariants: [
        {
          kind: 'key',
          label: 'API key',
          fields: [
            { key: 'user', label: 'User', kind: 'email', required: true, flag: '--user' },
            { key: 'key', label: 'API key', kind: 'secret', required: true, flag: '--key' },
          ],
        },
        { kind: 'oauth', label: 'OAuth token', fields: [{ key: 'accessToken', label: 'Access token', kind: 'secret', required: true, flag: '--oauth-token' }] },
      ],
      ...presentation,
    },
    capabilities: { credentialsNeeded },
  } as unknown as PlatformDefinition;
}

const given = (flags: Record<string, string>, more: Partial<GivenPlatformOptions> = {}): GivenPlatformOptions => ({ flags, connection: [], credential: [], ...more });

describe("a platform's options on the command line", () => {
  it('never take the place of a command option, and each means one field of its platform', () => {
    const program = new Command();
    const integrations = program.command('integrations');
    registerAddIntegrationCommand(integrations);
    registerReconnectIntegrationCommand(integrations);
    for (const command of integrations.commands) {
      // The platforms' own flags are the hidden ones: one that matched a command option would be shadowed by it.
      const own = command.options.filter((o) => !o.hidden).map((o) => o.long);
      for (const platform of createPlatformRegistry().list()) {
        expect(platformFlags(platform).filter((f) => own.includes(f)), `${platform.id} on ${command.name()}`).toEqual([]);
        for (const flag of platformFlags(platform)) {
          const fields = new Set(askedFields(platform).filter((a) => a.field.flag === flag).map((a) => `${a.where}.${a.field.key}`));
          expect(fields.size, `${platform.id} ${flag}`).toBe(1);
        }
      }
    }
  });

  it('chooses the way to sign in from the fields given', () => {
    expect(platformInput(fixture(), given({ '--site': 'acme', '--user': 'a@acme.com', '--key': 't' }), 'add')).toMatchObject({
      connection: { site: 'acme' },
      credentials: { kind: 'key', user: 'a@acme.com', key: 't' },
      problems: [],
    });
    expect(platformInput(fixture(), given({ '--site': 'acme', '--oauth-token': '-' }), 'add')).toMatchObject({
      credentials: { kind: 'oauth', accessToken: '-' },
      fromStdin: { key: 'credentials.accessToken', option: '--oauth-token', label: 'Access token' },
      problems: [],
    });
  });

  it('takes any field as --connection key=value or --credential key=value', () => {
    const input = platformInput(fixture(), given({}, { connection: ['site=eu', 'shard=7'], credential: ['accessToken=-'] }), 'add');
    expect(input).toMatchObject({ connection: { site: 'eu', shard: '7' }, credentials: { kind: 'oauth', accessToken: '-' }, problems: [] });
    expect(input.fromStdin?.option).toBe('--credential accessToken');
    expect(input.flagNames).toMatchObject({ 'connection.site': '--site', 'connection.shard': '--connection shard', 'credentials.key': '--key' });
  });

  it("refuses a flag the platform does not declare, naming the platform's own", () => {
    expect(platformInput(fixture(), given({ '--site': 'acme', '--oauth-token': 'o', '--domain': 'acme' }), 'add').problems).toEqual([
      { path: '--domain', message: "is not an option of Helpline, whose own are --site, --base-url, --user, --key, --oauth-token (intake integrations add --help lists every platform's)" },
    ]);
  });

  it('names every missing required field, with what it is', () => {
    const single = fixture({ credentialVariants: [{ kind: null, label: 'API key', fields: [{ key: 'apiKey', label: 'API key', kind: 'secret', required: true, flag: '--api-key' }] }] });
    expect(platformInput(single, given({}), 'add').problems).toEqual([
      { path: '--site', message: 'is required: Helpline site. The part before .helpline.example.' },
      { path: '--api-key', message: 'is required: API key — give "--api-key -" to type it unseen, or to pipe it in' },
    ]);
  });

  it('says what a set of credentials lacks or mixes, and which ways to sign in there are', () => {
    const problems = (flags: Record<string, string>, credential: string[] = []) => platformInput(fixture(), given({ '--site': 'acme', ...flags }, { credential }), 'add').problems;
    expect(problems({ '--user': 'a@acme.com' })).toEqual([{ path: '--key', message: 'is required for API key credentials: API key — give "--key -" to type it unseen, or to pipe it in' }]);
    expect(problems({ '--key': 't', '--oauth-token': 'o' })).toEqual([
      { path: '--key, --oauth-token', message: 'mix ways to sign in: API key (--user, --key); OAuth token (--oauth-token); give the fields of one' },
    ]);
    expect(problems({})).toEqual([{ path: '--user/--key or --oauth-token', message: 'give one way to sign in: API key (--user and --key), or OAuth token (--oauth-token)' }]);
    expect(problems({ '--user': 'a@acme.com' }, ['kind=oauth']).map((p) => p.path)).toEqual(['--user', '--oauth-token']);
    expect(problems({ '--oauth-token': 'o' }, ['kind=password'])).toEqual([{ path: '--credential kind', message: 'must be key (API key) or oauth (OAuth token)' }]);
  });

  it('asks nothing of a platform that needs no credentials, and refuses what it does not take', () => {
    const bare = fixture({ connectionFields: [], credentialVariants: [] }, false);
    expect(platformInput(bare, given({}), 'add')).toMatchObject({ credentials: undefined, problems: [] });
    expect(platformInput(bare, given({ '--site': 'x' }, { credential: ['key=1'] }), 'add').problems).toEqual([
      { path: '--site', message: 'is not an option of Helpline, which takes no connection settings or credentials; leave it out' },
      { path: '--credential key', message: 'Helpline has no credential "key"; it takes none' },
    ]);
  });

  it('on reconnect asks only for credentials, and reads one secret at most from standard input', () => {
    expect(platformInput(fixture(), given({ '--oauth-token': '-' }), 'reconnect')).toMatchObject({ connection: {}, credentials: { accessToken: '-' }, problems: [] });
    // A setting given as - is a value like any other: only secrets come from standard input.
    expect(platformInput(fixture(), given({ '--user': 'a@acme.com', '--key': '-' }, { connection: ['site=-'] }), 'reconnect').fromStdin?.key).toBe('credentials.key');
    expect(platformInput(fixture(), given({ '--key': '-', '--oauth-token': '-' }), 'reconnect').problems).toContainEqual({
      path: '--key, --oauth-token',
      message: 'only one secret can be read from standard input (-) in one command',
    });
  });

  it('says how to write a pair it cannot read, and refuses a field given twice', () => {
    const problems = platformInput(fixture(), given({ '--site': 'acme', '--oauth-token': 'o' }, { connection: ['acme', 'site=other', 'token=x'] }), 'add').problems;
    expect(problems).toEqual([
      { path: '--connection #1', message: 'must be key=value, e.g. site=acme' },
      { path: '--connection site', message: 'gives site again (--site gave it too); give it once' },
      { path: '--connection token', message: 'Helpline has no connection setting "token"; its settings are site, baseUrl, shard' },
    ]);
  });
});
