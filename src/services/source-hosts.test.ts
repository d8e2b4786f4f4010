import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceHostPolicy } from '../connectors/source-host-policy.js';
import { ZendeskSimulator } from '../connectors/zendesk/zendesk.simulator.js';
import { ManualClock } from '../core/manual-clock.js';
import { listAllowedSourceHosts } from '../storage/operator-settings.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/test-database.js';
import { createTestServices, type TestServices } from '../../test/support/test-services.js';
import { addIntegration } from './add-integration.js';
import { runIntegration } from './run-integration.js';
import { addSourceHostsFromEnvironment, allowSourceHost, removeSourceHost } from './source-hosts.js';
import { reconnectIntegration } from './update-integration.js';
import { insertWorkspace } from '../storage/workspace.repository.js';

/**
 * Two processes over one database — "the service" and "the CLI" — each with the policy main.ts
 * builds: the allowed hosts are read from the database, never from one process's environment.
 */
describe.each(DIALECTS)('allowed source hosts shared by every process, on %s', (dialect) => {
  let database: TestDatabase;
  let service: TestServices;
  let cli: TestServices;
  const clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
  const sim = new ZendeskSimulator({ clock, tickets: 12, rateLimit: null, spanDays: 5 });
  let simHost: string;
  let workspaceId: string;

  const processOver = (db: TestDatabase) => {
    const hostPolicy = new SourceHostPolicy([], { load: async () => (await listAllowedSourceHosts(db.db)).map((h) => h.host), now: () => clock.now().getTime() });
    return createTestServices(db, { clock, hostPolicy });
  };
  const input = (name: string) => ({ platform: 'zendesk', name, connection: { subdomain: sim.subdomain, baseUrl: sim.url }, credentials: sim.apiTokenCredentials(), settings: { startDate: '2026-02-01' } });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    service = processOver(database);
    // Both processes hold the same credential key, as the service and the CLI of one install do.
    cli = Object.assign(processOver(database), { cipher: service.cipher });
    simHost = new URL(await sim.start()).host;
    workspaceId = (await insertWorkspace(database.db, { name: 'W', featureFlags: { integrations: true }, now: clock.now() })).id;
  });
  afterAll(async () => {
    await service.close();
    await cli.close();
    await sim.stop();
    await database.destroy();
  });

  it('never saves an integration with a host the service would refuse, and names the command that allows it', async () => {
    await expect(addIntegration(cli, workspaceId, input('Refused'), 'cli')).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'connection.baseUrl', message: expect.stringContaining(`allow the host with \`intake source-hosts allow ${simHost}\``) }],
    });
  });

  it('a host the CLI allows works in the running service at once, and a later run from the CLI keeps it healthy', async () => {
    // The service has read the (empty) list just now: its copy is fresh, not stale.
    await service.hostPolicy.refresh();
    await allowSourceHost(cli, simHost, 'cli');
    const integration = await addIntegration(cli, workspaceId, input('Simulated'), 'cli');
    const first = await runIntegration(service, integration.id, { kind: 'scheduled' });
    expect(first).toMatchObject({ status: 'succeeded', error: null });
    const again = await runIntegration(cli, integration.id, { kind: 'manual' });
    expect(again).toMatchObject({ status: 'succeeded', error: null });
    // Reconnecting re-checks the host against the same list.
    await expect(reconnectIntegration(cli, workspaceId, integration.id, { credentials: sim.apiTokenCredentials() }, 'cli')).resolves.toMatchObject({ status: 'active' });
  });

  it('INTAKE_EXTRA_SOURCE_HOSTS of several processes starting at once all land in the one list', async () => {
    const added = await Promise.all([
      addSourceHostsFromEnvironment(service, ['proxy-a.example.com', 'proxy-b.example.com:8443']),
      addSourceHostsFromEnvironment(cli, ['proxy-c.example.com', 'proxy-a.example.com']),
      allowSourceHost(cli, 'Proxy-D.example.com', 'cli'),
    ]);
    expect(added[2]).toMatchObject({ host: 'proxy-d.example.com', added: true });
    const hosts = await listAllowedSourceHosts(database.db);
    expect(hosts.map((h) => h.host).sort()).toEqual([simHost, 'proxy-a.example.com', 'proxy-b.example.com:8443', 'proxy-c.example.com', 'proxy-d.example.com'].sort());
    expect(hosts.find((h) => h.host === 'proxy-b.example.com:8443')).toMatchObject({ addedBy: 'INTAKE_EXTRA_SOURCE_HOSTS' });
  });

  it('a removed host is refused by the other process once its short-lived copy is refreshed', async () => {
    await removeSourceHost(cli, 'proxy-c.example.com', 'cli');
    const url = new URL('http://proxy-c.example.com/api');
    clock.advance(60_000);
    expect(await service.hostPolicy.check(url, () => false)).toContain('is not allowed');
    await expect(removeSourceHost(cli, 'proxy-c.example.com', 'cli')).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('intake source-hosts list') });
  });

  it('refuses a host written as a URL or with an impossible port, naming the fix', async () => {
    await expect(allowSourceHost(cli, 'http://127.0.0.1:4010', 'cli')).rejects.toMatchObject({ details: [{ path: 'host', message: expect.stringContaining('without http://') }] });
    await expect(allowSourceHost(cli, '127.0.0.1:70000', 'cli')).rejects.toMatchObject({ details: [{ path: 'host', message: expect.stringContaining('from 1 to 65535') }] });
  });
});
