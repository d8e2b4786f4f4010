import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import type { Caller } from '../../src/accounts/caller.js';
import { hashPassword } from '../../src/accounts/password-hash.js';
import { buildApp, type App } from '../../src/api/build-app.js';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import type { Integration } from '../../src/core/integration.js';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../src/core/permissions.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { runIntegration } from '../../src/services/run-integration.js';
import type { DialectName } from '../../src/storage/open-database.js';
import { insertUserWithMembership } from '../../src/storage/user.repository.js';
import { insertWorkspace, type Workspace } from '../../src/storage/workspace.repository.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { createTestServices, type TestServices } from './test-services.js';

export const PASSWORD = 'correct horse battery staple';

export interface Tenant {
  workspace: Workspace;
  integration: Integration;
  /** API tokens: one per permission set. */
  tokens: { none: string; manage: string; view: string; all: string };
  adminEmail: string;
}

export interface ApiHarness {
  app: App;
  clock: ManualClock;
  database: TestDatabase;
  services: TestServices;
  sim: ZendeskSimulator;
  simUrl: string;
  scheduler: Scheduler;
  a: Tenant;
  b: Tenant;
  request(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  /** Signs in and returns the cookie header and CSRF token of the session. */
  signIn(email: string, password?: string): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

const hashed = hashPassword(PASSWORD);

async function tenant(services: TestServices, sim: ZendeskSimulator, simUrl: string, name: string, clock: ManualClock): Promise<Tenant> {
  const workspace = await insertWorkspace(services.db, { name, featureFlags: { integrations: true }, now: clock.now() });
  const adminEmail = `admin@${name.toLowerCase()}.example`;
  const admin = await insertUserWithMembership(services.db, { email: adminEmail, name: 'Admin', passwordHash: await hashed, workspaceId: workspace.id, role: 'admin', now: clock.now() });
  const caller: Caller = { kind: 'user', workspaceId: workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: admin.id, tokenId: null, label: adminEmail };
  const token = async (permissions: Permission[]) => (await createApiToken(services, caller, { name: permissions.join('+') || 'none', permissions })).token;
  const integration = await addIntegration(
    services,
    workspace.id,
    { platform: 'zendesk', name: `${name} Support`, connection: { subdomain: sim.subdomain, baseUrl: simUrl }, credentials: sim.apiTokenCredentials(), settings: { startDate: '2025-01-01' } },
    adminEmail,
  );
  await runIntegration(services, integration.id, { kind: 'manual' });
  return {
    workspace,
    integration,
    adminEmail,
    tokens: {
      // A token whose only permission is managing the workspace: signed in, but neither product permission.
      none: await token(['manage_workspace']),
      manage: await token(['manage_integrations']),
      view: await token(['view_contacts']),
      all: await token(['manage_integrations', 'view_contacts', 'manage_workspace']),
    },
  };
}

/** Two workspaces with an integration each (imported from one simulator), users, tokens, the app. */
export async function createApiHarness(dialect: DialectName): Promise<ApiHarness> {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const database = await createTestDatabase(dialect);
  const services = createTestServices(database, { clock });
  const sim = new ZendeskSimulator({ clock, tickets: 30, rateLimit: null, spanDays: 20 });
  const simUrl = await sim.start();
  const a = await tenant(services, sim, simUrl, 'Acme', clock);
  const b = await tenant(services, sim, simUrl, 'Globex', clock);
  const scheduler = new Scheduler(services, { maxConcurrent: 2 });
  const app = await buildApp({ services, launcher: scheduler, publicUrl: 'http://intake.test', loginAttemptsPerMinute: 1000 });
  const request: ApiHarness['request'] = ({ token, headers, ...options }) =>
    app.inject({ ...options, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return {
    app,
    clock,
    database,
    services,
    sim,
    simUrl,
    scheduler,
    a,
    b,
    request,
    async signIn(email, password = PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'intake_session')!;
      return { cookie: `intake_session=${cookie.value}`, csrf: (response.json() as { csrfToken: string }).csrfToken };
    },
    async close() {
      await scheduler.stop();
      await app.close();
      await sim.stop();
      await services.close();
      await database.destroy();
    },
  };
}

export async function addMember(h: ApiHarness, workspaceId: string, email: string, role: Role): Promise<void> {
  await insertUserWithMembership(h.services.db, { email, name: email, passwordHash: await hashed, workspaceId, role, now: h.clock.now() });
}
