import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import type { Caller } from '../../src/accounts/caller.js';
import { buildApp, type App } from '../../src/api/build-app.js';
import { systemClock } from '../../src/core/system-clock.js';
import { ROLE_PERMISSIONS } from '../../src/core/permissions.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { createTestServices, type TestServices } from '../support/test-services.js';

const run = promisify(execFile);

/** The push examples in examples/, run as a user would: over HTTP, against the API on a real port. */
describe('the push API examples', () => {
  let database: TestDatabase;
  let services: TestServices;
  let app: App;
  let scheduler: Scheduler;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    services = createTestServices(database, { clock: systemClock });
    const now = services.clock.now();
    const workspace = await insertWorkspace(services.db, { name: 'Acme', featureFlags: { integrations: true }, now });
    const caller: Caller = { kind: 'user', workspaceId: workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'admin@acme.example' };
    const integration = await addIntegration(services, workspace.id, { platform: 'push', name: 'Chat tool', connection: { source: 'chat tool' }, settings: { startDate: '2026-01-01' } }, caller.label);
    const { token } = await createApiToken(services, caller, { name: 'push', pushIntegrationId: integration.id });
    scheduler = new Scheduler(services, { maxConcurrent: 1 });
    app = await buildApp({ services, launcher: scheduler, publicUrl: 'http://127.0.0.1' });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    env = { ...process.env, INTAKE_URL: url, INTAKE_TOKEN: token, INTAKE_INTEGRATION: integration.id } as Record<string, string>;
  });

  afterAll(async () => {
    await scheduler.stop();
    await app.close();
    await services.close();
    await database.destroy();
  });

  it('curl: pushes a batch, and the retried batch is unchanged', async () => {
    const { stdout } = await run('bash', ['examples/push-contacts.sh'], { env });
    const [first, retry] = stdout.split('== retry');
    expect(first).toContain('"outcome":"imported"');
    expect(retry).toContain('"outcome":"unchanged"');
    expect(retry).not.toContain('"outcome":"imported"');
  });

  it('node: pushes a batch and prints each decision, a bad record failed by its field', async () => {
    const { stdout } = await run(process.execPath, ['examples/push-contacts.mjs'], { env });
    expect(stdout).toMatch(/4 imported, 0 unchanged, 1 excluded, 1 failed/);
    expect(stdout).toContain('chat-2099: failed (invalid_record) — createdAt must be an ISO 8601 time');
    const again = await run(process.execPath, ['examples/push-contacts.mjs'], { env });
    expect(again.stdout).toMatch(/0 imported, 4 unchanged, 1 excluded, 1 failed/);
  });
});
