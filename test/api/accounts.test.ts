import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../../src/accounts/bootstrap-admin.js';
import { buildApp } from '../../src/api/build-app.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { addMember, createApiHarness, PASSWORD, type ApiHarness } from '../support/api-harness.js';
import { createTestDatabase, DIALECTS } from '../support/test-database.js';
import { createTestServices } from '../support/test-services.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import { Scheduler } from '../../src/scheduling/scheduler.js';

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
  });
  afterAll(() => h.close());

  it('first start: the admin has no password, only a one-time link that sets one and signs in', async () => {
    const clock = new ManualClock();
    const database = await createTestDatabase(dialect);
    const services = createTestServices(database, { clock });
    try {
      const workspace = await insertWorkspace(services.db, { name: 'Fresh', featureFlags: { integrations: true }, now: clock.now() });
      const link = await bootstrapAdmin(services, workspace.id);
      expect(link?.token).toMatch(/^l_/);
      const app = await buildApp({ services, launcher: new Scheduler(services, { maxConcurrent: 1 }), publicUrl: 'http://intake.test' });
      const noPassword = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@localhost', password: '' } });
      expect(noPassword.statusCode).toBe(400);
      const guess = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@localhost', password: 'admin' } });
      expect(guess.statusCode).toBe(401);
      const short = await app.inject({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token: link!.token, password: 'short' } });
      expect(short.json().error.details).toEqual([{ path: 'password', message: 'must be at least 12 characters' }]);
      const redeemed = await app.inject({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token: link!.token, password: 'a long new password', email: 'owner@fresh.example', name: 'Owner' } });
      expect(redeemed.statusCode).toBe(200);
      expect(redeemed.json()).toMatchObject({ user: { email: 'owner@fresh.example', role: 'admin', passwordSet: true }, permissions: ['manage_integrations', 'view_contacts', 'manage_workspace'] });
      const again = await app.inject({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token: link!.token, password: 'a long new password' } });
      expect(again.json().error.code).toBe('invalid_link');
      expect(await bootstrapAdmin(services, workspace.id)).toBeNull();
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'Owner@Fresh.example', password: 'a long new password' } });
      expect(login.statusCode).toBe(200);
      await app.close();
    } finally {
      await services.close();
      await database.destroy();
    }
  });

  it('sets an http-only, same-site session cookie and demands the CSRF token on changes', async () => {
    const login = await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: h.a.adminEmail, password: PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === 'intake_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const headers = { cookie: `intake_session=${cookie.value}` };
    const session = await h.request({ method: 'GET', url: '/api/v1/auth/session', headers });
    expect(session.json()).toMatchObject({ user: { email: h.a.adminEmail }, workspace: { id: h.a.workspace.id }, csrfToken: expect.any(String) });
    const csrf = session.json().csrfToken;
    const url = `/api/v1/integrations/${h.a.integration.id}/pause`;
    const forged = await h.request({ method: 'POST', url, headers, payload: {} });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf_failed');
    const wrong = await h.request({ method: 'POST', url, headers: { ...headers, 'x-csrf-token': 'x'.repeat(csrf.length) }, payload: {} });
    expect(wrong.json().error.code).toBe('csrf_failed');
    const paused = await h.request({ method: 'POST', url, headers: { ...headers, 'x-csrf-token': csrf }, payload: { note: 'checking' } });
    expect(paused.json()).toMatchObject({ status: 'paused', pause: { by: h.a.adminEmail, note: 'checking' } });
    await h.request({ method: 'POST', url: `/api/v1/integrations/${h.a.integration.id}/resume`, headers: { ...headers, 'x-csrf-token': csrf } });
    const out = await h.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...headers, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect((await h.request({ method: 'GET', url: '/api/v1/auth/session', headers })).statusCode).toBe(401);
  });

  it('does not reveal whether an email exists, and holds an account after repeated failures', async () => {
    const known = await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: h.b.adminEmail, password: 'wrong password!' } });
    const unknown = await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@nowhere.example', password: 'wrong password!' } });
    expect([known.statusCode, known.json().error.code, known.json().error.message]).toEqual([unknown.statusCode, unknown.json().error.code, unknown.json().error.message]);
    for (let i = 0; i < 4; i += 1) {
      await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: h.b.adminEmail, password: 'wrong password!' } });
      await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@nowhere.example', password: 'wrong password!' } });
    }
    const held = await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: h.b.adminEmail, password: PASSWORD } });
    const heldUnknown = await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@nowhere.example', password: PASSWORD } });
    expect(held.statusCode).toBe(429);
    expect(held.json().error.code).toBe('too_many_attempts');
    expect(held.headers['retry-after']).toBeDefined();
    expect(heldUnknown.json().error).toMatchObject({ code: 'too_many_attempts', message: held.json().error.message });
    h.clock.advance(16 * 60_000);
    expect((await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: h.b.adminEmail, password: PASSWORD } })).statusCode).toBe(200);
  });

  it('limits sign-in attempts per address', async () => {
    const app = await buildApp({ services: h.services, launcher: h.scheduler, publicUrl: 'http://intake.test', loginAttemptsPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `x${i}@y.example`, password: 'nope nope nope' } })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    await app.close();
  });

  it('shows each role only what it may do', async () => {
    await addMember(h, h.a.workspace.id, 'viewer@acme.example', 'contact_viewer');
    await addMember(h, h.a.workspace.id, 'manager@acme.example', 'integration_manager');
    const viewer = await h.signIn('viewer@acme.example');
    const manager = await h.signIn('manager@acme.example');
    const get = (s: { cookie: string }, url: string) => h.request({ method: 'GET', url, headers: { cookie: s.cookie } });
    expect((await get(viewer, '/api/v1/contacts')).statusCode).toBe(200);
    expect((await get(viewer, '/api/v1/integrations')).statusCode).toBe(403);
    expect((await get(manager, '/api/v1/integrations')).statusCode).toBe(200);
    expect((await get(manager, '/api/v1/contacts')).statusCode).toBe(403);
    expect((await get(manager, '/api/v1/users')).statusCode).toBe(403);
    expect((await get(viewer, '/api/v1/auth/session')).json().permissions).toEqual(['view_contacts']);
  });

  it('API tokens are shown once, stored hashed, scoped, revocable, with a last-used time', async () => {
    const created = await h.request({ method: 'POST', url: '/api/v1/api-tokens', token: h.a.tokens.all, payload: { name: 'nightly export', permissions: ['view_contacts'] } });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^intk_/);
    const stored = await h.services.db.selectFrom('api_tokens').selectAll().where('id', '=', apiToken.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token.slice(10));
    const listed = await h.request({ method: 'GET', url: '/api/v1/api-tokens', token: h.a.tokens.all });
    expect(listed.body).not.toContain(token);
    expect((await h.request({ method: 'GET', url: '/api/v1/contacts', token })).statusCode).toBe(200);
    expect((await h.request({ method: 'GET', url: '/api/v1/integrations', token })).statusCode).toBe(403);
    const used = (await h.request({ method: 'GET', url: '/api/v1/api-tokens', token: h.a.tokens.all })).json().apiTokens.find((t: { id: string }) => t.id === apiToken.id);
    expect(used.lastUsedAt).toBe(h.clock.now().toISOString());
    expect((await h.request({ method: 'DELETE', url: `/api/v1/api-tokens/${apiToken.id}`, token: h.a.tokens.all })).json().revokedAt).toBeTruthy();
    const after = await h.request({ method: 'GET', url: '/api/v1/contacts', token });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toContain('revoked');
  });

  it('admins add users with a one-time link, change roles, and cannot remove the last admin', async () => {
    const added = await h.request({ method: 'POST', url: '/api/v1/users', token: h.b.tokens.all, payload: { email: 'new@globex.example', name: 'New', role: 'qa_lead' } });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ user: { role: 'qa_lead', passwordSet: false }, signInLink: { url: expect.stringMatching(/^http:\/\/intake\.test\/sign-in#link=l_/) } });
    const duplicate = await h.request({ method: 'POST', url: '/api/v1/users', token: h.b.tokens.all, payload: { email: 'NEW@globex.example', name: 'Again', role: 'qa_lead' } });
    expect(duplicate.json().error).toMatchObject({ code: 'conflict', details: [{ path: 'email' }] });
    const id = added.json().user.id;
    expect((await h.request({ method: 'PATCH', url: `/api/v1/users/${id}`, token: h.b.tokens.all, payload: { role: 'contact_viewer' } })).json().role).toBe('contact_viewer');
    const users = (await h.request({ method: 'GET', url: '/api/v1/users', token: h.b.tokens.all })).json().users;
    const adminId = users.find((u: { role: string }) => u.role === 'admin').id;
    const last = await h.request({ method: 'DELETE', url: `/api/v1/users/${adminId}`, token: h.b.tokens.all });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.message).toContain('at least one admin');
    expect((await h.request({ method: 'DELETE', url: `/api/v1/users/${id}`, token: h.b.tokens.all })).statusCode).toBe(204);
  });

  it('an admin turns the Integrations flag on', async () => {
    const off = await h.request({ method: 'PATCH', url: '/api/v1/workspace', token: h.b.tokens.all, payload: { featureFlags: { integrations: false } } });
    expect(off.json().featureFlags.integrations).toBe(false);
    expect((await h.request({ method: 'GET', url: '/api/v1/integrations', token: h.b.tokens.all })).json().error.code).toBe('feature_disabled');
    expect((await h.request({ method: 'PATCH', url: '/api/v1/workspace', token: h.b.tokens.manage, payload: { featureFlags: { integrations: true } } })).statusCode).toBe(403);
    await h.request({ method: 'PATCH', url: '/api/v1/workspace', token: h.b.tokens.all, payload: { featureFlags: { integrations: true } } });
    expect((await h.request({ method: 'GET', url: '/api/v1/integrations', token: h.b.tokens.all })).statusCode).toBe(200);
  });
});
