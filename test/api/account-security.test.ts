import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../../src/accounts/bootstrap-admin.js';
import { buildApp } from '../../src/api/build-app.js';
import { findUserByEmail } from '../../src/storage/user.repository.js';
import { insertWorkspace } from '../../src/storage/workspace.repository.js';
import { addMember, createApiHarness, PASSWORD, type ApiHarness } from '../support/api-harness.js';
import { createTestDatabase, DIALECTS } from '../support/test-database.js';
import { createTestServices } from '../support/test-services.js';

/**
 * The account rules an outside probe broke: the lockout under a parallel burst, what a password
 * change or reset ends, what a sign-in link may change, and that no caller grants more than it has.
 */
describe.each(DIALECTS)('account security on %s', (dialect) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
  });
  afterAll(() => h.close());

  const login = (email: string, password: string) => h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const tokenOf = (url: string) => decodeURIComponent(new URL(url).hash.replace('#link=', ''));
  const userId = async (email: string) => (await findUserByEmail(h.services.db, email))!.id;
  const newLink = async (email: string, token = h.a.tokens.all) =>
    h.request({ method: 'POST', url: `/api/v1/users/${await userId(email)}/sign-in-links`, token });
  const sessionOk = async (s: { cookie: string }) => (await h.request({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: s.cookie } })).statusCode === 200;

  it('locks an account after a parallel burst of wrong passwords, and then refuses the right one', async () => {
    await addMember(h, h.a.workspace.id, 'burst@acme.example', 'qa_lead');
    const burst = await Promise.all(Array.from({ length: 20 }, () => login('burst@acme.example', 'a wrong guess!')));
    const codes = burst.map((r) => r.json().error.code as string);
    // The attempts are counted before the check: the burst gets 5 checks, not 20.
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(5);
    expect(codes.filter((c) => c === 'too_many_attempts')).toHaveLength(15);
    const right = await login('burst@acme.example', PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toMatchObject({ code: 'too_many_attempts', message: expect.stringContaining('Too many failed sign-in attempts for this account') });
    h.clock.advance(16 * 60_000);
    expect((await login('burst@acme.example', PASSWORD)).statusCode).toBe(200);
  });

  it('a reset through a sign-in link ends the other sessions and voids older unused links', async () => {
    await addMember(h, h.a.workspace.id, 'reset@acme.example', 'contact_viewer');
    const before = await h.signIn('reset@acme.example');
    const older = tokenOf((await newLink('reset@acme.example')).json().url);
    const newer = tokenOf((await newLink('reset@acme.example')).json().url);
    const redeemed = await h.request({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token: newer, password: 'a brand new password' } });
    expect(redeemed.statusCode).toBe(200);
    expect(await sessionOk(before)).toBe(false);
    const reused = await h.request({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token: older, password: 'yet another password' } });
    expect(reused.json().error.code).toBe('invalid_link');
    expect((await login('reset@acme.example', 'a brand new password')).statusCode).toBe(200);
    expect((await login('reset@acme.example', PASSWORD)).statusCode).toBe(401);
  });

  it('an invited user keeps the invited email: a link that tries to change it is refused, naming email', async () => {
    const added = await h.request({ method: 'POST', url: '/api/v1/users', token: h.a.tokens.all, payload: { email: 'invited@acme.example', name: 'Invited', role: 'contact_viewer' } });
    const token = tokenOf(added.json().signInLink.url);
    const changed = await h.request({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token, password: 'a long new password', email: 'someone.else@evil.example' } });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.details).toEqual([{ path: 'email', message: expect.stringContaining('cannot be changed with this link') }]);
    // Refused before use: the link still works, and the same address (any case) is no change.
    const kept = await h.request({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token, password: 'a long new password', email: 'Invited@Acme.example', name: 'Ivy' } });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().user).toMatchObject({ email: 'invited@acme.example', name: 'Ivy' });
    expect(await findUserByEmail(h.services.db, 'someone.else@evil.example')).toBeNull();
  });

  it('the first-start link must set the email, and only it may', async () => {
    const database = await createTestDatabase(dialect);
    const services = createTestServices(database, { clock: h.clock });
    const app = await buildApp({ services, launcher: h.scheduler, publicUrl: 'http://intake.test' });
    try {
      const workspace = await insertWorkspace(services.db, { name: 'Fresh', featureFlags: { integrations: true }, now: h.clock.now() });
      const link = (await bootstrapAdmin(services, workspace.id))!;
      const checked = await app.inject({ method: 'POST', url: '/api/v1/auth/links/check', payload: { token: link.token } });
      expect(checked.json()).toEqual({ state: 'usable', message: null, expiresAt: link.expiresAt, email: null, name: 'Admin', choosesEmail: true });
      const without = await app.inject({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token: link.token, password: 'a long new password' } });
      expect(without.statusCode).toBe(400);
      expect(without.json().error.details).toEqual([{ path: 'email', message: expect.stringMatching(/^is required/) }]);
      const redeemed = await app.inject({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token: link.token, password: 'a long new password', email: 'owner@fresh.example' } });
      expect(redeemed.json().user).toMatchObject({ email: 'owner@fresh.example', role: 'admin' });
    } finally {
      await app.close();
      await database.destroy();
    }
  });

  it('checks a link without using it, and tells nothing about the user of a spent one', async () => {
    const added = await h.request({ method: 'POST', url: '/api/v1/users', token: h.a.tokens.all, payload: { email: 'checked@acme.example', name: 'Chuck', role: 'contact_viewer' } });
    const token = tokenOf(added.json().signInLink.url);
    const check = (t: string) => h.request({ method: 'POST', url: '/api/v1/auth/links/check', payload: { token: t } });
    expect((await check(token)).json()).toMatchObject({ state: 'usable', email: 'checked@acme.example', name: 'Chuck', choosesEmail: false, message: null });
    expect((await check(token)).json().state).toBe('usable');
    await h.request({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token, password: 'a long new password' } });
    const spent = await check(token);
    expect(spent.json()).toMatchObject({ state: 'used', email: null, name: null, message: expect.stringContaining('already used') });
    expect(spent.body).not.toContain('checked@acme.example');
    expect(spent.body).not.toContain('Chuck');
    const unknown = await check('l_not-a-real-link');
    expect(unknown.json()).toMatchObject({ state: 'unknown', message: expect.stringContaining('whole link was copied') });
    const late = tokenOf((await newLink('checked@acme.example')).json().url);
    h.clock.advance(25 * 3_600_000);
    expect((await check(late)).json()).toMatchObject({ state: 'expired', email: null, message: expect.stringContaining('expired') });
    expect((await check('')).json().error.details).toEqual([{ path: 'token', message: 'is required' }]);
  });

  it('limits link checks per address like sign-in', async () => {
    const app = await buildApp({ services: h.services, launcher: h.scheduler, publicUrl: 'http://intake.test', loginAttemptsPerMinute: 2 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await app.inject({ method: 'POST', url: '/api/v1/auth/links/check', payload: { token: `l_guess${i}` } })).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await app.close();
    }
  });

  describe('no caller grants more than it has', () => {
    // h.a.tokens.none manages the workspace but holds neither product permission.
    it('refuses to create a user whose role has permissions the caller lacks', async () => {
      for (const role of ['admin', 'qa_lead', 'contact_viewer']) {
        const created = await h.request({ method: 'POST', url: '/api/v1/users', token: h.a.tokens.none, payload: { email: `climb-${role}@acme.example`, name: 'Climber', role } });
        expect(created.statusCode, role).toBe(403);
        expect(created.json().error).toMatchObject({ code: 'forbidden', details: [{ path: 'role', message: expect.stringContaining('this API token does not have') }] });
      }
      expect(await findUserByEmail(h.services.db, 'climb-admin@acme.example')).toBeNull();
      const viewerManager = (await h.request({ method: 'POST', url: '/api/v1/api-tokens', token: h.a.tokens.all, payload: { name: 'viewer admin', permissions: ['manage_workspace', 'view_contacts'] } })).json().token;
      const allowed = await h.request({ method: 'POST', url: '/api/v1/users', token: viewerManager, payload: { email: 'fine@acme.example', name: 'Fine', role: 'contact_viewer' } });
      expect(allowed.statusCode).toBe(201);
      const beyond = await h.request({ method: 'POST', url: '/api/v1/users', token: viewerManager, payload: { email: 'lead@acme.example', name: 'Lead', role: 'qa_lead' } });
      expect(beyond.json().error).toMatchObject({ code: 'forbidden', details: [{ path: 'role', message: expect.stringContaining('Manage Integrations') }] });
    });

    it("refuses to raise a role beyond the caller's, or to change a user who has more", async () => {
      await addMember(h, h.a.workspace.id, 'plain@acme.example', 'contact_viewer');
      const raise = await h.request({ method: 'PATCH', url: `/api/v1/users/${await userId('plain@acme.example')}`, token: h.a.tokens.none, payload: { role: 'admin' } });
      expect(raise.statusCode).toBe(403);
      expect(raise.json().error.code).toBe('forbidden');
      const demote = await h.request({ method: 'PATCH', url: `/api/v1/users/${await userId(h.a.adminEmail)}`, token: h.a.tokens.none, payload: { role: 'contact_viewer' } });
      expect(demote.statusCode).toBe(403);
      expect(demote.json().error.details).toEqual([{ path: 'id', message: expect.stringContaining('this user has') }]);
      const members = (await h.request({ method: 'GET', url: '/api/v1/users', token: h.a.tokens.all })).json().users;
      expect(members.find((u: { email: string }) => u.email === 'plain@acme.example').role).toBe('contact_viewer');
    });

    it('refuses an API token with permissions the caller lacks', async () => {
      const created = await h.request({ method: 'POST', url: '/api/v1/api-tokens', token: h.a.tokens.none, payload: { name: 'climb', permissions: ['manage_workspace', 'view_contacts'] } });
      expect(created.statusCode).toBe(403);
      expect(created.json().error).toMatchObject({ code: 'forbidden', details: [{ path: 'permissions', message: expect.stringContaining('View Imported Contacts') }] });
      expect((await h.request({ method: 'POST', url: '/api/v1/api-tokens', token: h.a.tokens.none, payload: { name: 'same', permissions: ['manage_workspace'] } })).statusCode).toBe(201);
    });

    it('refuses a sign-in link for a user with more permissions than the caller', async () => {
      const link = await newLink(h.a.adminEmail, h.a.tokens.none);
      expect(link.statusCode).toBe(403);
      expect(link.json().error).toMatchObject({ code: 'forbidden', details: [{ path: 'id' }] });
      expect(link.body).not.toContain('#link=');
      expect((await newLink(h.a.adminEmail)).statusCode).toBe(201);
    });
  });

  describe('one’s own profile and password', () => {
    it('changes the own name, in a session only', async () => {
      await addMember(h, h.a.workspace.id, 'named@acme.example', 'contact_viewer');
      const s = await h.signIn('named@acme.example');
      const renamed = await h.request({ method: 'PATCH', url: '/api/v1/auth/profile', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { name: '  Nadia Named ' } });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().user).toMatchObject({ name: 'Nadia Named', email: 'named@acme.example' });
      const empty = await h.request({ method: 'PATCH', url: '/api/v1/auth/profile', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { name: ' ' } });
      expect(empty.json().error.details).toEqual([{ path: 'name', message: 'must not be empty' }]);
      const email = await h.request({ method: 'PATCH', url: '/api/v1/auth/profile', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { name: 'N', email: 'x@y.example' } });
      expect(email.statusCode).toBe(400);
      const forged = await h.request({ method: 'PATCH', url: '/api/v1/auth/profile', headers: { cookie: s.cookie }, payload: { name: 'Forged' } });
      expect(forged.json().error.code).toBe('csrf_failed');
      const token = await h.request({ method: 'PATCH', url: '/api/v1/auth/profile', token: h.a.tokens.all, payload: { name: 'Token' } });
      expect(token.statusCode).toBe(403);
    });

    it('changes the password given the current one, ending the other sessions and unused links', async () => {
      await addMember(h, h.a.workspace.id, 'changer@acme.example', 'qa_lead');
      const other = await h.signIn('changer@acme.example');
      const s = await h.signIn('changer@acme.example');
      const pending = tokenOf((await newLink('changer@acme.example')).json().url);
      const change = (currentPassword: string, newPassword = 'my changed password') =>
        h.request({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { currentPassword, newPassword } });
      const wrong = await change('not my password');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.details).toEqual([{ path: 'currentPassword', message: 'is not your current password' }]);
      expect((await change(PASSWORD, 'short')).json().error.details).toEqual([{ path: 'newPassword', message: 'must be at least 12 characters' }]);
      expect((await change(PASSWORD)).statusCode).toBe(204);
      expect(await sessionOk(s)).toBe(true);
      expect(await sessionOk(other)).toBe(false);
      expect((await h.request({ method: 'POST', url: '/api/v1/auth/links/redeem', payload: { token: pending, password: 'taken over password' } })).json().error.code).toBe('invalid_link');
      expect((await login('changer@acme.example', PASSWORD)).statusCode).toBe(401);
      expect((await login('changer@acme.example', 'my changed password')).statusCode).toBe(200);
    });

    it('counts wrong current passwords like sign-in attempts', async () => {
      await addMember(h, h.a.workspace.id, 'guessed@acme.example', 'qa_lead');
      const s = await h.signIn('guessed@acme.example');
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          h.request({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { currentPassword: 'a guess at it', newPassword: 'a takeover password' } }),
        ),
      );
      expect(answers.filter((a) => a.statusCode === 400)).toHaveLength(5);
      expect(answers.filter((a) => a.json().error.code === 'too_many_attempts')).toHaveLength(3);
      const right = await h.request({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { currentPassword: PASSWORD, newPassword: 'a takeover password' } });
      expect(right.json().error.code).toBe('too_many_attempts');
      expect((await login('guessed@acme.example', PASSWORD)).json().error.code).toBe('too_many_attempts');
    });
  });
});
