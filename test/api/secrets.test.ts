import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

/** Credentials (and passwords, tokens, cookies) never appear in a response or a log line. */
describe.each(DIALECTS)('secrets on %s', (dialect) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
  });
  afterAll(() => h.close());

  it('keeps credentials out of every response and every log line', async () => {
    const secretToken = h.sim.admin.token!;
    const secrets = [secretToken, 'the-wrong-secret-9f3a', 'correct horse battery staple', h.a.tokens.all];
    const bodies: string[] = [];
    const record = async (options: Parameters<ApiHarness['request']>[0]) => {
      const response = await h.request(options);
      bodies.push(response.body, JSON.stringify(response.headers));
      return response;
    };
    const token = h.a.tokens.all;
    const created = await record({ method: 'POST', url: '/api/v1/integrations', token, payload: { platform: 'zendesk', name: 'Secret test', connection: { subdomain: h.sim.subdomain, baseUrl: h.simUrl }, credentials: h.sim.apiTokenCredentials() } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await record({ method: 'POST', url: '/api/v1/integrations', token, payload: { platform: 'zendesk', name: 'Wrong', connection: { subdomain: h.sim.subdomain, baseUrl: h.simUrl }, credentials: { kind: 'api_token', email: 'a@b.co', token: 'the-wrong-secret-9f3a' } } });
    await record({ method: 'POST', url: `/api/v1/integrations/${id}/reconnect`, token, payload: { credentials: { kind: 'api_token', email: 'a@b.co', token: 'the-wrong-secret-9f3a' } } });
    await record({ method: 'PATCH', url: `/api/v1/integrations/${id}`, token, payload: { credentials: { kind: 'api_token', email: 'a@b.co', token: 'the-wrong-secret-9f3a' } } });
    await record({ method: 'GET', url: `/api/v1/integrations/${id}`, token });
    await record({ method: 'GET', url: '/api/v1/integrations', token });
    await record({ method: 'POST', url: `/api/v1/integrations/${id}/runs`, token });
    await h.scheduler.drain();
    await record({ method: 'GET', url: `/api/v1/integrations/${id}/runs`, token });
    await record({ method: 'POST', url: '/api/v1/auth/login', payload: { email: h.a.adminEmail, password: 'correct horse battery staple' } });
    await record({ method: 'POST', url: '/api/v1/auth/login', payload: { email: h.a.adminEmail, password: 'the-wrong-secret-9f3a' } });
    await record({ method: 'GET', url: '/api/v1/auth/session', token });
    await record({ method: 'GET', url: '/api/v1/api-tokens', token });
    await record({ method: 'GET', url: '/docs/json' });

    const logs = h.services.logText();
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of secrets) {
      for (const body of bodies) expect(body).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    const envelope = (await h.services.db.selectFrom('integrations').select('credentials').where('id', '=', id).executeTakeFirstOrThrow()).credentials!;
    expect(envelope).not.toContain(secretToken);
    for (const body of bodies) expect(body).not.toContain(envelope.split('.')[3]!.slice(0, 16));
    // The log still says what happened, for support.
    expect(logs).toContain('"path":"/api/v1/integrations"');
    expect(logs).toContain(String.raw`run succeeded: \"Secret test\"`);
  });
});
