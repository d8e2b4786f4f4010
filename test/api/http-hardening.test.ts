import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/accounts/sessions.js';
import { buildApp, type ApiDeps } from '../../src/api/build-app.js';
import { MAX_BODY_DEPTH } from '../../src/api/json-body-parser.js';
import { addMember, createApiHarness, PASSWORD, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

const BUILT_UI = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** The HTTP layer's own defences: body depth, the CSP, the session cookie's life, proxies, source maps. */
describe.each(DIALECTS)('HTTP hardening on %s', (dialect) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
  });
  afterAll(() => h.close());

  const withApp = async (deps: Partial<ApiDeps>, use: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<void>) => {
    const app = await buildApp({ services: h.services, launcher: h.scheduler, publicUrl: 'http://intake.test', ...deps });
    try {
      await use(app);
    } finally {
      await app.close();
    }
  };

  describe('deeply nested JSON', () => {
    const nested = (levels: number, leaf = '"x"') => `${'['.repeat(levels)}${leaf}${']'.repeat(levels)}`;

    it('answers 400 naming body, not 500, on sign-in (no account needed)', async () => {
      const deep = `{"email":"a@b.example","password":${nested(7_750)}}`;
      const response = await h.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: deep });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'invalid_input',
        details: [{ path: 'body', message: `nests objects and arrays more than ${MAX_BODY_DEPTH} levels deep; at most ${MAX_BODY_DEPTH} levels are allowed` }],
      });
    });

    it('answers 400 on an authenticated route, and a body within the limit is judged on its fields', async () => {
      const url = `/api/v1/integrations/${h.a.integration.id}`;
      const deep = await h.request({ method: 'PATCH', url, token: h.a.tokens.manage, headers: { 'content-type': 'application/json' }, payload: `{"settings":{"filters":${nested(20_000, '{}')}}}` });
      expect(deep.statusCode).toBe(400);
      expect(deep.json().error.details[0].path).toBe('body');
      const atLimit = await h.request({ method: 'PATCH', url, token: h.a.tokens.manage, headers: { 'content-type': 'application/json' }, payload: `{"name":${nested(MAX_BODY_DEPTH - 1)}}` });
      expect(atLimit.statusCode).toBe(400);
      expect(atLimit.json().error.details[0].path).toBe('name');
      // Brackets inside strings are text, not nesting.
      const inText = await h.request({ method: 'PATCH', url, token: h.a.tokens.manage, payload: { settings: { filters: [{ field: 'tag', operator: 'is', value: '['.repeat(500) }] } } });
      expect(inText.statusCode).toBe(200);
      await h.request({ method: 'PATCH', url, token: h.a.tokens.manage, payload: { settings: { filters: [] } } });
    });

    it('still names a NUL character where it is', async () => {
      const response = await h.request({ method: 'PATCH', url: `/api/v1/integrations/${h.a.integration.id}`, token: h.a.tokens.manage, payload: { settings: { filters: [{ field: 'tag', operator: 'is', value: 'a\u0000b' }] } } });
      expect(response.json().error.details).toEqual([{ path: 'settings.filters.0.value', message: 'must not contain NUL characters' }]);
    });
  });

  describe('the Content-Security-Policy follows the public address', () => {
    const csp = async (publicUrl: string, url: string) => {
      let header = '';
      await withApp({ publicUrl }, async (app) => {
        header = String((await app.inject({ method: 'GET', url })).headers['content-security-policy']);
      });
      return header;
    };

    it('over http it never tells the browser to upgrade to https (the page would stay blank)', async () => {
      expect(await csp('http://intake.test:3000', '/healthz')).not.toContain('upgrade-insecure-requests');
      expect(await csp('http://intake.test:3000', '/docs')).not.toContain('upgrade-insecure-requests');
      expect(await csp('http://intake.test:3000', '/healthz')).toContain("default-src 'self'");
    });

    it('over https it keeps upgrade-insecure-requests', async () => {
      expect(await csp('https://intake.example.com', '/healthz')).toContain('upgrade-insecure-requests');
      expect(await csp('https://intake.example.com', '/docs')).toContain('upgrade-insecure-requests');
    });
  });

  describe('the session cookie lives exactly as long as the session', () => {
    const cookieOf = (response: { cookies: Array<{ name: string; value: string; maxAge?: number }> }) => response.cookies.find((c) => c.name === 'intake_session');

    it('gives the cookie the session’s life, renews it as the session slides, and never past its maximum', async () => {
      await addMember(h, h.a.workspace.id, `cookie-${dialect}@acme.example`, 'contact_viewer');
      const startedAt = h.clock.now().getTime();
      const signedIn = await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `cookie-${dialect}@acme.example`, password: PASSWORD } });
      const cookie = cookieOf(signedIn)!;
      expect(cookie.maxAge).toBe(SESSION_IDLE_MS / 1000);
      const headers = { cookie: `intake_session=${cookie.value}` };

      // Used every 11 hours, the session outlives the first cookie's 12 hours: the cookie follows it.
      for (let i = 0; i < 3; i += 1) {
        h.clock.advance(11 * 3_600_000);
        const used = await h.request({ method: 'GET', url: '/api/v1/auth/session', headers });
        expect(used.statusCode).toBe(200);
        expect(cookieOf(used)).toMatchObject({ value: cookie.value, maxAge: SESSION_IDLE_MS / 1000, httpOnly: true, sameSite: 'Strict', path: '/' });
      }
      // Near the maximum life, the renewed cookie ends when the session must.
      while (h.clock.now().getTime() + 11 * 3_600_000 < startedAt + SESSION_MAX_MS) {
        h.clock.advance(11 * 3_600_000);
        await h.request({ method: 'GET', url: '/api/v1/auth/session', headers });
      }
      h.clock.advance(startedAt + SESSION_MAX_MS - 90 * 60_000 - h.clock.now().getTime());
      const last = await h.request({ method: 'GET', url: '/api/v1/auth/session', headers });
      expect(cookieOf(last)!.maxAge).toBe(90 * 60);
      const stored = await h.services.db.selectFrom('sessions').select('expires_at').where('user_id', '=', (await h.services.db.selectFrom('users').select('id').where('email', '=', `cookie-${dialect}@acme.example`).executeTakeFirstOrThrow()).id).executeTakeFirstOrThrow();
      expect(stored.expires_at).toBe(new Date(startedAt + SESSION_MAX_MS).toISOString());
    });
  });

  describe('the per-address sign-in limit behind a reverse proxy', () => {
    let n = 0;
    // A new email each time: the per-account hold must not be what answers 429 here.
    const attempt = (app: Awaited<ReturnType<typeof buildApp>>, forwardedFor: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-for': forwardedFor }, payload: { email: `nobody${(n += 1)}@proxy.example`, password: 'nope nope nope' } });

    it('counts each client by X-Forwarded-For when the proxy is trusted', async () => {
      for (const trustedProxies of [['127.0.0.1'], 1]) {
        await withApp({ loginAttemptsPerMinute: 2, trustedProxies }, async (app) => {
          expect([(await attempt(app, '203.0.113.1')).statusCode, (await attempt(app, '203.0.113.1')).statusCode, (await attempt(app, '203.0.113.1')).statusCode]).toEqual([401, 401, 429]);
          expect((await attempt(app, '203.0.113.2')).statusCode, `trusting ${JSON.stringify(trustedProxies)}`).toBe(401);
        });
      }
    });

    it('ignores X-Forwarded-For by default: a client cannot pick its own address', async () => {
      await withApp({ loginAttemptsPerMinute: 2 }, async (app) => {
        expect([(await attempt(app, '203.0.113.1')).statusCode, (await attempt(app, '203.0.113.2')).statusCode, (await attempt(app, '203.0.113.3')).statusCode]).toEqual([401, 401, 429]);
      });
    });
  });

  describe('source maps', () => {
    it('the built UI has none, and asking for one is a 404', async () => {
      expect(existsSync(join(BUILT_UI, 'index.html')), 'run npm run build first').toBe(true);
      const assets = readdirSync(join(BUILT_UI, 'assets'));
      expect(assets.filter((f) => f.endsWith('.map'))).toEqual([]);
      const script = assets.find((f) => f.endsWith('.js'))!;
      await withApp({ webRoot: BUILT_UI }, async (app) => {
        expect((await app.inject({ method: 'GET', url: `/assets/${script}` })).statusCode).toBe(200);
        const map = await app.inject({ method: 'GET', url: `/assets/${script}.map` });
        expect(map.statusCode).toBe(404);
        expect(map.body).not.toContain('<html');
      });
    });

    it('are never served, even when a build left one behind', async () => {
      const root = mkdtempSync(join(tmpdir(), 'intake-web-'));
      try {
        mkdirSync(join(root, 'assets'));
        writeFileSync(join(root, 'index.html'), '<!doctype html><title>Intake</title>');
        writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
        writeFileSync(join(root, 'assets', 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
        await withApp({ webRoot: root }, async (app) => {
          expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
          const map = await app.inject({ method: 'GET', url: '/assets/app.js.map' });
          expect(map.statusCode).toBe(404);
          expect(map.body).not.toContain('secret.ts');
          // The UI's own pages still route in the browser.
          expect((await app.inject({ method: 'GET', url: '/integrations/some-id' })).body).toContain('<title>Intake</title>');
        });
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });
});
