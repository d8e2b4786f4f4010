import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { runIntegration } from '../../src/services/run-integration.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

describe.each(DIALECTS)('reconnect on %s', (dialect) => {
  let h: ApiHarness;
  let other: ZendeskSimulator;
  let otherUrl: string;
  beforeAll(async () => {
    h = await createApiHarness(dialect);
    other = new ZendeskSimulator({ subdomain: 'globex', clock: h.clock, tickets: 3, rateLimit: null });
    otherUrl = await other.start();
  });
  afterAll(async () => {
    await other.stop();
    await h.close();
  });

  const integrationUrl = () => `/api/v1/integrations/${h.a.integration.id}`;
  const envelope = async () => (await h.services.db.selectFrom('integrations').select('credentials').where('id', '=', h.a.integration.id).executeTakeFirstOrThrow()).credentials;

  it('after a revoked token, the integration is in failure; wrong credentials keep the old ones and the status', async () => {
    const checkpointBefore = (await h.request({ method: 'GET', url: integrationUrl(), token: h.a.tokens.manage })).json().checkpoint;
    h.sim.revokeToken(h.sim.admin.token!);
    const failed = await runIntegration(h.services, h.a.integration.id, { kind: 'manual' });
    expect(failed).toMatchObject({ status: 'failed', error: { category: 'auth_revoked' } });
    const failing = (await h.request({ method: 'GET', url: integrationUrl(), token: h.a.tokens.manage })).json();
    expect(failing).toMatchObject({ status: 'failure', lastError: { category: 'auth_revoked', message: expect.stringContaining('Reconnect') }, checkpoint: checkpointBefore });

    const stored = await envelope();
    const wrong = await h.request({ method: 'POST', url: `${integrationUrl()}/reconnect`, token: h.a.tokens.manage, payload: { credentials: { kind: 'api_token', email: 'nobody@acme.example', token: 'not-a-token' } } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'credentials_rejected', details: [{ path: 'credentials' }] });
    expect(wrong.json().error.message).toContain('Zendesk rejected the API token');
    expect(await envelope()).toBe(stored);
    expect((await h.request({ method: 'GET', url: integrationUrl(), token: h.a.tokens.manage })).json().status).toBe('failure');
  });

  it('refuses credentials of a different source account, saying which account it found', async () => {
    const stored = await envelope();
    const response = await h.request({
      method: 'POST',
      url: `${integrationUrl()}/reconnect`,
      token: h.a.tokens.manage,
      payload: { connection: { subdomain: h.sim.subdomain, baseUrl: otherUrl }, credentials: other.apiTokenCredentials() },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'wrong_source_account' });
    expect(response.json().error.message).toContain('the Zendesk account "globex", but this integration imports from "acme"');

    const moved = await h.request({ method: 'POST', url: `${integrationUrl()}/reconnect`, token: h.a.tokens.manage, payload: { connection: { subdomain: 'globex' }, credentials: other.apiTokenCredentials() } });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.details[0]).toMatchObject({ path: 'connection', message: expect.stringContaining('"globex"') });
    expect(await envelope()).toBe(stored);
  });

  it('good credentials clear the failure, and the next run continues from the checkpoint and catches up', async () => {
    const before = (await h.request({ method: 'GET', url: integrationUrl(), token: h.a.tokens.manage })).json();
    const newUser = h.sim.addUser({ email: 'new-admin@acme.example', role: 'admin', token: 'fresh-token-123' });
    // Tickets solved during the outage must arrive with the catch-up.
    const missed = [h.sim.createTicket({ status: 'solved' }), h.sim.createTicket({ status: 'closed' })];
    h.clock.advance(61_000);
    const ok = await h.request({ method: 'POST', url: `${integrationUrl()}/reconnect`, token: h.a.tokens.manage, payload: { credentials: h.sim.apiTokenCredentials(newUser) } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'active', nextRunAt: h.clock.now().toISOString(), credentials: { set: true, updatedAt: h.clock.now().toISOString() } });
    const events = await h.services.db.selectFrom('status_events').selectAll().where('integration_id', '=', h.a.integration.id).orderBy('id').execute();
    expect(events.slice(-2).map((e) => [e.from_status, e.to_status])).toEqual([
      ['active', 'failure'],
      ['failure', 'active'],
    ]);

    const resumed = await runIntegration(h.services, h.a.integration.id, { kind: 'manual' });
    expect(resumed.status).toBe('succeeded');
    expect(resumed.checkpointBefore).toBe(before.checkpoint);
    expect(resumed.counts.imported).toBe(2);
    // The run says it caught up the outage, from when the integration went into failure.
    expect(resumed.catchUp).toEqual({ since: before.statusSince, recovered: 2 });
    const found = await h.request({ method: 'GET', url: `/api/v1/contacts?sourceRef=${missed[0]!.id}`, token: h.a.tokens.view });
    expect(found.json().contacts).toHaveLength(1);
  });
});
