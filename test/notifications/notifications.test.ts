import { afterEach, describe, expect, it } from 'vitest';
import { addIntegration } from '../../src/services/add-integration.js';
import { notificationSender, setSmtp } from '../../src/services/manage-notifications.js';
import { runIntegration } from '../../src/services/run-integration.js';
import { evaluateAlerts } from '../../src/services/evaluate-alerts.js';
import { getIntegration } from '../../src/services/manage-integrations.js';
import { reconnectIntegration } from '../../src/services/update-integration.js';
import { insertRun, saveRunLive } from '../../src/storage/run.repository.js';
import { recordListeningAddress } from '../../src/services/service-address.js';
import { verifySignature } from '../../src/notifications/webhook-signature.js';
import type { NotificationSender } from '../../src/notifications/notification-sender.js';
import { addMember, createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { startMailServer, startWebhookReceiver, type MailServer, type WebhookReceiver } from '../support/notification-receivers.js';
import { DIALECTS } from '../support/test-database.js';

let h: ApiHarness | null = null;
let mail: MailServer | null = null;
let hook: WebhookReceiver | null = null;
afterEach(async () => {
  await h?.close();
  await mail?.close();
  await hook?.close();
  h = mail = hook = null;
});

const MINUTE = 60_000;

describe.each(DIALECTS)('notifications on %s', (dialect) => {
  async function setUp(): Promise<{ h: ApiHarness; mail: MailServer; hook: WebhookReceiver; sender: NotificationSender }> {
    h = await createApiHarness(dialect);
    mail = await startMailServer();
    hook = await startWebhookReceiver();
    await setSmtp(h.services, { host: '127.0.0.1', port: mail.port, from: 'Intake <alerts@intake.example>', user: mail.user, password: mail.password }, 'test');
    // Links in messages name where the service says it listens.
    await recordListeningAddress(h.services, 'http://intake.test');
    // Sent at once (no gathering window) unless a test says otherwise.
    return { h, mail, hook, sender: notificationSender(h.services, { digestThreshold: 3, gatherMs: 0 }) };
  }

  async function subscribe(payload: Record<string, unknown>): Promise<{ id: string; secret: string | null }> {
    const response = await h!.request({ method: 'POST', url: '/api/v1/notifications/subscriptions', token: h!.a.tokens.manage, payload });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as { subscription: { id: string }; signingSecret: string | null };
    return { id: body.subscription.id, secret: body.signingSecret };
  }

  const run = () => runIntegration(h!.services, h!.a.integration.id, { kind: 'scheduled' });

  it('a failing integration sends one signed webhook and one email per incident; recovery resolves the same thread', async () => {
    const { h, mail, hook, sender } = await setUp();
    const webhook = await subscribe({ channel: 'webhook', target: hook.url, name: 'On-call' });
    expect(webhook.secret).toMatch(/^whsec_/);
    await subscribe({ channel: 'email', target: 'qa-admin@acme.example' });

    h.sim.injectFault({ kind: 'server_error', status: 503 }, 'all');
    await run();
    h.clock.advance(10 * MINUTE);
    await run();
    await run();
    await sender.runOnce();

    // Three failing runs, one change of status: one message per channel.
    expect(hook.received).toHaveLength(1);
    const first = hook.received[0]!;
    expect(verifySignature(webhook.secret!, String(first.headers['intake-signature']), first.body, Math.floor(h.clock.now().getTime() / 1000))).toBe(true);
    expect(first.headers['intake-event-id']).toBe(first.json.id);
    expect(first.json).toMatchObject({
      type: 'integration.warning',
      integration: { id: h.a.integration.id, name: 'Acme Support', platform: 'zendesk' },
      incident: { state: 'open' },
      category: expect.any(String),
      fix: expect.any(String),
      links: { integration: `http://intake.test/integrations/${h.a.integration.id}` },
    });
    expect(mail.messages).toHaveLength(1);
    const opened = mail.messages[0]!;
    expect(opened.to).toEqual(['qa-admin@acme.example']);
    expect(opened.headers.subject).toBe('[Intake] Acme Support has a problem');

    h.sim.clearFaults();
    await run();
    await sender.runOnce();
    expect(hook.received).toHaveLength(2);
    const resolved = hook.received[1]!.json;
    expect(resolved).toMatchObject({ type: 'integration.recovered', incident: { id: (first.json.incident as { id: string }).id, state: 'resolved' } });
    expect(mail.messages).toHaveLength(2);
    const closing = mail.messages[1]!;
    expect(closing.headers.subject).toBe('Re: [Intake] Acme Support has a problem');
    expect(closing.headers['in-reply-to']).toBe(opened.headers['message-id']);
    expect(closing.headers.references).toBe(opened.headers['message-id']);

    // Nothing new: nothing more is sent.
    await run();
    await sender.runOnce();
    expect(hook.received).toHaveLength(2);

    const attemptsOf = async () => (await h.request({ method: 'GET', url: `/api/v1/notifications/subscriptions/${webhook.id}/attempts`, token: h.a.tokens.manage })).json().attempts;
    expect((await attemptsOf()).map((a: { ok: boolean; statusCode: number }) => [a.ok, a.statusCode])).toEqual([
      [true, 200],
      [true, 200],
    ]);

    // The history is kept 90 days, then forgotten; the subscription stays.
    h.clock.advance(91 * 24 * 60 * MINUTE);
    await sender.runOnce();
    expect(await attemptsOf()).toEqual([]);
    const view = (await h.request({ method: 'GET', url: `/api/v1/notifications/subscriptions/${webhook.id}`, token: h.a.tokens.manage })).json();
    expect(view).toMatchObject({ enabled: true, deliveries: { sent: 0, pending: 0 } });
  });

  it('retries a webhook after the receiver fails, with backoff, recording every attempt', async () => {
    const { h, hook, sender } = await setUp();
    const webhook = await subscribe({ channel: 'webhook', target: hook.url });
    hook.answer = ({ index }) => (index < 2 ? 500 : 200);
    h.sim.revokeAll();
    await run();
    await sender.runOnce();
    expect(hook.received.map((r) => r.status)).toEqual([500]);
    await sender.runOnce();
    expect(hook.received).toHaveLength(1);
    h.clock.advance(30_000);
    await sender.runOnce();
    h.clock.advance(2 * MINUTE);
    await sender.runOnce();
    expect(hook.received.map((r) => r.status)).toEqual([500, 500, 200]);
    const ids = new Set(hook.received.map((r) => r.headers['intake-event-id']));
    expect(ids.size).toBe(1);
    expect(hook.received[2]!.json).toMatchObject({ type: 'credentials.rejected', fix: expect.stringContaining('Reconnect') });
    for (const r of hook.received) expect(verifySignature(webhook.secret!, String(r.headers['intake-signature']), r.body, Math.floor(h.clock.now().getTime() / 1000))).toBe(true);
    const attempts = (await h.request({ method: 'GET', url: `/api/v1/notifications/subscriptions/${webhook.id}/attempts`, token: h.a.tokens.manage })).json().attempts;
    expect(attempts).toHaveLength(3);
    expect(attempts[2]).toMatchObject({ ok: false, statusCode: 500, error: expect.stringContaining('HTTP 500') });

    // New credentials resolve the incident at once, in the same incident.
    const admin = h.sim.addUser({ email: 'second-admin@acme.example', role: 'admin', token: 'replacement-token' });
    await reconnectIntegration(h.services, h.a.workspace.id, h.a.integration.id, { credentials: h.sim.apiTokenCredentials(admin) }, 'qa-admin@acme.example');
    await sender.runOnce();
    expect(hook.received.at(-1)!.json).toMatchObject({
      type: 'integration.recovered',
      incident: { id: (hook.received[2]!.json.incident as { id: string }).id, state: 'resolved' },
      message: expect.stringContaining('New credentials were saved by qa-admin@acme.example'),
    });
  });

  it('a webhook that fails for a day is disabled and says so', async () => {
    const { h, hook, sender } = await setUp();
    const webhook = await subscribe({ channel: 'webhook', target: hook.url });
    hook.answer = () => 503;
    h.sim.revokeAll();
    await run();
    for (let i = 0; i < 40; i += 1) {
      await sender.runOnce();
      h.clock.advance(60 * MINUTE);
    }
    const view = (await h.request({ method: 'GET', url: `/api/v1/notifications/subscriptions/${webhook.id}`, token: h.a.tokens.manage })).json();
    expect(view).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/^Disabled on .*failing for a day.*HTTP 503/), deliveries: { failed: 1, pending: 0 } });
    const tries = hook.received.length;
    expect(tries).toBeGreaterThan(5);
    // Turned back on once the receiver is fixed, it works again.
    hook.answer = () => 200;
    const on = await h.request({ method: 'PATCH', url: `/api/v1/notifications/subscriptions/${webhook.id}`, token: h.a.tokens.manage, payload: { enabled: true } });
    expect(on.json()).toMatchObject({ enabled: true, disabledReason: null });
    expect((await h.request({ method: 'POST', url: `/api/v1/notifications/subscriptions/${webhook.id}/test`, token: h.a.tokens.manage })).json()).toMatchObject({ ok: true, statusCode: 200 });
    expect(hook.received).toHaveLength(tries + 1);
  });

  it('sends one digest when many integrations change at once', async () => {
    const { h, hook, mail, sender } = await setUp();
    await subscribe({ channel: 'webhook', target: hook.url });
    await subscribe({ channel: 'email', target: 'qa-admin@acme.example' });
    const more = [];
    for (const name of ['Acme EU', 'Acme US']) {
      more.push(
        await addIntegration(
          h.services,
          h.a.workspace.id,
          { platform: 'zendesk', name, connection: { subdomain: h.sim.subdomain, baseUrl: h.simUrl }, credentials: h.sim.apiTokenCredentials(), settings: { startDate: '2025-01-01' } },
          h.a.adminEmail,
        ),
      );
    }
    for (const i of more) await runIntegration(h.services, i.id, { kind: 'manual' });
    await sender.runOnce();
    const before = hook.received.length;
    h.sim.revokeAll();
    for (const id of [h.a.integration.id, ...more.map((i) => i.id)]) await runIntegration(h.services, id, { kind: 'scheduled' });
    await sender.runOnce();
    const digests = hook.received.slice(before);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.json).toMatchObject({ type: 'digest', title: '3 changes across 3 integrations' });
    expect((digests[0]!.json.events as Array<{ type: string }>).map((e) => e.type)).toEqual(['credentials.rejected', 'credentials.rejected', 'credentials.rejected']);
    expect(mail.messages.at(-1)!.headers.subject).toBe('[Intake] 3 changes across 3 integrations');

    // Integrations that recover seconds apart still make one digest: a new event waits 20 s for others.
    const gathering = notificationSender(h.services, { digestThreshold: 3 });
    const replacement = h.sim.addUser({ email: 'second-admin@acme.example', role: 'admin', token: 'replacement-token' });
    const sent = hook.received.length;
    for (const id of [h.a.integration.id, ...more.map((i) => i.id)]) {
      await reconnectIntegration(h.services, h.a.workspace.id, id, { credentials: h.sim.apiTokenCredentials(replacement) }, 'test');
      await gathering.runOnce();
      h.clock.advance(8_000);
    }
    expect(hook.received).toHaveLength(sent);
    h.clock.advance(8_000);
    await gathering.runOnce();
    expect(hook.received.slice(sent).map((r) => [r.json.type, (r.json.events as unknown[] | undefined)?.length ?? r.json.title])).toEqual([['digest', 3]]);
  });

  it('holds messages through quiet hours, then sends them', async () => {
    const { h, hook, sender } = await setUp();
    // The harness clock reads 12:00 UTC.
    await subscribe({ channel: 'webhook', target: hook.url, quietHours: { start: '11:00', end: '13:30', timeZone: 'UTC' } });
    h.sim.revokeAll();
    await run();
    await sender.runOnce();
    h.clock.advance(60 * MINUTE);
    await sender.runOnce();
    expect(hook.received).toHaveLength(0);
    h.clock.advance(31 * MINUTE);
    await sender.runOnce();
    expect(hook.received.map((r) => r.json.type)).toEqual(['credentials.rejected']);
  });

  it('only the events and integrations a subscription chose reach it', async () => {
    const { h, hook, sender } = await setUp();
    await subscribe({ channel: 'webhook', target: hook.url, events: ['integration.recovered'] });
    await subscribe({ channel: 'webhook', target: `${hook.url}?other`, integrationIds: [h.a.integration.id], events: ['credentials.rejected'] });
    h.sim.revokeAll();
    await runIntegration(h.services, h.b.integration.id, { kind: 'scheduled' });
    await run();
    await sender.runOnce();
    expect(hook.received.map((r) => [r.json.type, (r.json.integration as { id: string }).id])).toEqual([['credentials.rejected', h.a.integration.id]]);
  });

  it('a test message reaches both channels; a wrong SMTP password is reported, never echoed', async () => {
    const { h, hook, mail } = await setUp();
    const email = await subscribe({ channel: 'email', target: 'qa-admin@acme.example' });
    const webhook = await subscribe({ channel: 'webhook', target: hook.url });
    for (const id of [email.id, webhook.id]) {
      const response = await h.request({ method: 'POST', url: `/api/v1/notifications/subscriptions/${id}/test`, token: h.a.tokens.manage });
      expect(response.json()).toMatchObject({ ok: true });
    }
    expect(hook.received[0]!.json).toMatchObject({ type: 'test', title: 'Test message from Intake' });
    expect(mail.messages[0]!.headers.subject).toBe('[Intake] Test message from Intake');

    await setSmtp(h.services, { host: '127.0.0.1', port: mail.port, from: 'intake@intake.example', user: mail.user, password: 'not-the-password' }, 'test');
    const failed = (await h.request({ method: 'POST', url: `/api/v1/notifications/subscriptions/${email.id}/test`, token: h.a.tokens.manage })).json();
    expect(failed).toMatchObject({ ok: false, error: expect.stringContaining('SMTP') });
    expect(JSON.stringify(failed)).not.toContain('not-the-password');
    expect(h.services.logText()).not.toContain('not-the-password');
    expect(h.services.logText()).not.toContain(webhook.secret!);
  });

  it('backfills, no-import alerts and rate-limit delays are news too; a preview is not', async () => {
    const { h, hook, sender } = await setUp();
    await subscribe({ channel: 'webhook', target: hook.url, events: ['backfill.finished', 'no_imports.opened', 'no_imports.closed', 'rate_limit.delay'] });
    const integration = `/api/v1/integrations/${h.a.integration.id}`;
    const preview = await h.request({ method: 'POST', url: `${integration}/backfills`, token: h.a.tokens.all, payload: { from: '2025-02-01', to: '2025-03-11', preview: true } });
    expect(preview.statusCode).toBe(202);
    await h.scheduler.drain();
    await h.request({ method: 'POST', url: `${integration}/backfills`, token: h.a.tokens.all, payload: { from: '2025-02-01', to: '2025-03-11' } });
    await h.scheduler.drain();
    await sender.runOnce();
    expect(hook.received.map((r) => r.json.type)).toEqual(['backfill.finished']);
    expect(hook.received[0]!.json.message).toMatch(/^The backfill of Acme Support for 2025-02-01 to 2025-03-1\d finished: \d+ imported, \d+ updated, \d+ excluded, 0 failed\.$/);

    await h.request({ method: 'PATCH', url: integration, token: h.a.tokens.all, payload: { settings: { noImportAlertHours: 2 } } });
    const evaluate = async () => evaluateAlerts(h.services, await getIntegration(h.services, h.a.workspace.id, h.a.integration.id));
    h.clock.advance(3 * 60 * MINUTE);
    await run();
    await evaluate();
    await evaluate();
    h.sim.createTicket({ status: 'solved' });
    h.clock.advance(MINUTE);
    await run();
    await evaluate();
    await sender.runOnce();
    const alerts = hook.received.slice(1).map((r) => r.json);
    expect(alerts.map((a) => a.type)).toEqual(['no_imports.opened', 'no_imports.closed']);
    expect((alerts[1]!.incident as { id: string }).id).toBe((alerts[0]!.incident as { id: string }).id);
    expect(alerts[0]!.message).toMatch(/^Nothing has been imported for 3 hours/);

    // A run that waits on the rate limit past its next scheduled run (every 15 minutes) says so once.
    const started = await insertRun(h.services.db, { workspaceId: h.a.workspace.id, integrationId: h.a.integration.id, kind: 'scheduled', checkpointBefore: null, now: h.clock.now() });
    const since = h.clock.now().toISOString();
    const usage = { requests: 1, throttled: 1, rateLimitedMs: 0 };
    await saveRunLive(h.services.db, started.id, { source: usage, wait: { kind: 'budget', since, until: new Date(h.clock.now().getTime() + 5 * MINUTE).toISOString(), reason: 'Zendesk allows 10 requests a minute' } });
    for (let i = 0; i < 2; i += 1) {
      await saveRunLive(h.services.db, started.id, { source: usage, wait: { kind: 'retry_after', since, until: new Date(h.clock.now().getTime() + 90 * MINUTE).toISOString(), reason: 'Zendesk asked to wait 90 minutes' } });
    }
    await sender.runOnce();
    expect(hook.received.slice(3).map((r) => [r.json.type, r.json.category])).toEqual([['rate_limit.delay', 'rate_limited']]);
  });

  it('a user without Manage Integrations subscribes only their own address', async () => {
    const { h } = await setUp();
    await addMember(h, h.a.workspace.id, 'viewer@acme.example', 'contact_viewer');
    const session = await h.signIn('viewer@acme.example');
    const asViewer = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      h.request({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    const mine = await asViewer('POST', '/api/v1/notifications/subscriptions', { channel: 'email', events: ['integration.failure'] });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().subscription).toMatchObject({ target: 'viewer@acme.example', ownerUserId: expect.any(String) });
    const other = await asViewer('POST', '/api/v1/notifications/subscriptions', { channel: 'email', target: 'boss@acme.example' });
    expect(other.json().error.details[0]).toMatchObject({ path: 'target' });
    await subscribe({ channel: 'email', target: 'team@acme.example' });
    expect((await asViewer('GET', '/api/v1/notifications/subscriptions')).json().subscriptions.map((s: { target: string }) => s.target)).toEqual(['viewer@acme.example']);
    const all = (await h.request({ method: 'GET', url: '/api/v1/notifications/subscriptions', token: h.a.tokens.manage })).json().subscriptions;
    expect(all.map((s: { target: string }) => s.target).sort()).toEqual(['team@acme.example', 'viewer@acme.example']);
    const otherTenant = (await h.request({ method: 'GET', url: '/api/v1/notifications/subscriptions', token: h.b.tokens.manage })).json().subscriptions;
    expect(otherTenant).toEqual([]);

    const view = h.a.tokens.view;
    const webhook = await h.request({ method: 'POST', url: '/api/v1/notifications/subscriptions', token: view, payload: { channel: 'webhook', target: 'https://example.com/x' } });
    expect(webhook.statusCode).toBe(400);
    expect(webhook.json().error.details[0]).toMatchObject({ path: 'channel' });
    const bad = await h.request({ method: 'POST', url: '/api/v1/notifications/subscriptions', token: h.a.tokens.manage, payload: { channel: 'webhook', target: 'http://internal.example/hook' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'target', message: expect.stringContaining('intake source-hosts allow internal.example') });
    const signed = await subscribe({ channel: 'webhook', target: 'https://hooks.example.com/intake' });
    const toSlack = await h.request({ method: 'PATCH', url: `/api/v1/notifications/subscriptions/${signed.id}`, token: h.a.tokens.manage, payload: { target: 'https://hooks.slack.com/services/T0/B0/X' } });
    expect(toSlack.json().error.details[0]).toMatchObject({ path: 'target', message: expect.stringContaining('cannot become a Slack one') });
    const slack = await h.request({ method: 'POST', url: '/api/v1/notifications/subscriptions', token: h.a.tokens.manage, payload: { channel: 'webhook', target: 'https://hooks.slack.com/services/T0/B0/X' } });
    expect(slack.json()).toMatchObject({ subscription: { format: 'slack', name: 'Slack to hooks.slack.com' }, signingSecret: null });
    const quiet = await h.request({ method: 'POST', url: '/api/v1/notifications/subscriptions', token: h.a.tokens.manage, payload: { channel: 'email', target: 'a@b.example', quietHours: { start: '25:00', end: '07:00', timeZone: 'Mars/Olympus' } } });
    expect(quiet.statusCode).toBe(400);
    expect(quiet.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['quietHours.start', 'quietHours.timeZone']);
  });
});
