import { afterEach, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import type { ZendeskTicket } from '../../src/connectors/zendesk/zendesk-wire.js';
import { ROLE_PERMISSIONS } from '../../src/core/permissions.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { diagnoseReference } from '../../src/services/diagnose-reference.js';
import { DEFAULT_LIVE_CHECK_POLICY, LiveChecks } from '../../src/services/live-checks.js';
import { QueueDispatcher } from '../../src/services/run-dispatch.js';
import { runIntegration } from '../../src/services/run-integration.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { DIALECTS } from '../support/test-database.js';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** One end-to-end scenario per cause: make it really happen, then ask the API why. */
describe.each(DIALECTS)('diagnosis on %s', (dialect) => {
  /** One integration per workspace here: the answer is that integration's diagnosis. */
  const diagnose = async (sourceRef: string | number, token = h!.a.tokens.all, integrationId?: string) => {
    const response = await h!.request({ method: 'GET', url: `/api/v1/diagnoses?sourceRef=${sourceRef}${integrationId ? `&integrationId=${integrationId}` : ''}`, token });
    return {
      statusCode: response.statusCode,
      json() {
        const body = response.json();
        expect(body.diagnoses, response.body).toHaveLength(1);
        expect(body.summary).toBe(body.diagnoses[0].verdict);
        return body.diagnoses[0];
      },
    };
  };
  const settle = () => h!.clock.advance(61_000);
  const run = () => runIntegration(h!.services, h!.a.integration.id, { kind: 'manual' });
  const step = (body: { steps: Array<{ key: string; verdict: string }> }, key: string) => body.steps.find((s) => s.key === key)!;
  const solved = () => h!.sim.tickets().find((t) => t.status === 'solved')!;
  const patch = (payload: object) => h!.request({ method: 'PATCH', url: `/api/v1/integrations/${h!.a.integration.id}`, token: h!.a.tokens.all, payload });

  it('already imported: links the contact, when and by which run; a reopened ticket keeps it, refreshed', async () => {
    h = await createApiHarness(dialect);
    const ticket = solved();
    h.sim.reopenTicket(ticket.id);
    settle();
    await run();
    const response = await diagnose(ticket.id);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ cause: 'imported', contact: { sourceRef: String(ticket.id), sourceStatus: 'open' }, action: { kind: 'open_contact' } });
    expect(body.verdict).toMatch(/^It is not missing: ticket \d+ was imported on .* by run [0-9a-f-]+; last refreshed/);
    expect(step(body, 'duplicates')).toMatchObject({ verdict: 'ok', evidence: { contactId: body.contact.id } });
    expect(body.decisions.map((d: { outcome: string }) => d.outcome)).toEqual(['updated', 'imported']);
  });

  it('excluded by a filter: which condition, expected and actual, since which change, and whether today\'s settings let it in', async () => {
    h = await createApiHarness(dialect);
    expect((await patch({ settings: { filters: [{ field: 'tag', operator: 'contains', value: 'vip' }] } })).statusCode).toBe(200);
    const ticket = h.sim.createTicket({ status: 'solved', tags: ['billing'] });
    settle();
    await run();
    let body = (await diagnose(ticket.id)).json();
    expect(body.cause).toBe('excluded_by_filter');
    expect(body.verdict).toContain('by the filter `tag contains "vip"` (it had ["billing"]), in place since');
    expect(body.verdict).toContain("It still fails today's settings.");
    expect(step(body, 'eligibility')).toMatchObject({ verdict: 'problem', evidence: { reason: 'filter', expected: 'tag contains "vip"', actual: ['billing'], passesTodaysSettings: false } });

    // A viewer sees the cause but not the settings.
    const viewer = (await diagnose(ticket.id, h.a.tokens.view)).json();
    expect(viewer.cause).toBe('excluded_by_filter');
    expect(viewer.verdict).toContain('someone with Manage Integrations can see which');
    expect(JSON.stringify(viewer)).not.toContain('vip');
    const decisionsAs = async (token: string) => (await h!.request({ method: 'GET', url: `/api/v1/decisions?sourceRef=${ticket.id}`, token })).json();
    expect((await decisionsAs(h.a.tokens.all)).decisions[0].evidence).toMatchObject({ expected: 'tag contains "vip"' });
    expect(JSON.stringify(await decisionsAs(h.a.tokens.view))).not.toContain('vip');

    const changed = await patch({ settings: { filters: [{ field: 'tag', operator: 'is_one_of', value: ['vip', 'billing'] }] } });
    expect(changed.json().backfillHint).toMatchObject({ count: 1, reasons: { filter: 1 }, message: expect.stringMatching(/^1 contact seen since .* was excluded by the old tag filter and would be imported now/) });
    body = (await diagnose(ticket.id)).json();
    expect(body.verdict).toContain("Today's settings would import it");
    expect(body.action).toMatchObject({ kind: 'manual_import' });

    // A manual import records which rule the schedule would have failed — for those who may see rules.
    await patch({ settings: { filters: [{ field: 'tag', operator: 'contains', value: 'vip' }] } });
    const imported = await h.request({ method: 'POST', url: `/api/v1/integrations/${h.a.integration.id}/imports`, token: h.a.tokens.all, payload: { sourceRef: String(ticket.id) } });
    expect(imported.json().decision.evidence).toMatchObject({ manual: true, scheduleWouldExclude: { reason: 'filter', expected: 'tag contains "vip"' } });
    const viewerDecisions = await decisionsAs(h.a.tokens.view);
    expect(viewerDecisions.decisions[0].evidence).toMatchObject({ manual: true, scheduleWouldExclude: { reason: 'filter', actual: ['billing'] } });
    expect(JSON.stringify(viewerDecisions)).not.toContain('vip');
    expect(JSON.stringify((await diagnose(ticket.id, h.a.tokens.view)).json())).not.toContain('vip');
  });

  it('created before the start date', async () => {
    h = await createApiHarness(dialect);
    await patch({ settings: { startDate: '2025-03-05' } });
    const ticket = h.sim.createTicket({ status: 'solved', created_at: '2025-02-20T10:00:00Z' });
    settle();
    await run();
    const body = (await diagnose(ticket.id)).json();
    expect(body).toMatchObject({ cause: 'before_start_date', action: { kind: 'edit_settings', label: 'Review the start date' } });
    expect(body.verdict).toMatch(/^Ticket \d+ was created on 2025-02-20 before the integration's start date \(2025-03-05\)/);
  });

  it('not in an eligible status yet: will import when solved or closed', async () => {
    h = await createApiHarness(dialect);
    const ticket = h.sim.createTicket({ status: 'open' });
    settle();
    await run();
    const body = (await diagnose(ticket.id)).json();
    expect(body).toMatchObject({ cause: 'status_not_eligible', action: { kind: 'wait' } });
    expect(body.verdict).toMatch(/it was open\. It will import when it is solved or closed\./);
  });

  it('deleted at the source', async () => {
    h = await createApiHarness(dialect);
    const ticket = h.sim.createTicket({ status: 'open' });
    h.sim.deleteTicket(ticket.id);
    settle();
    await run();
    expect((await diagnose(ticket.id)).json()).toMatchObject({ cause: 'deleted_at_source', verdict: expect.stringContaining('was deleted in Zendesk before Intake imported it') });
  });

  it('not seen yet: the checkpoint has not reached its change; when it is expected', async () => {
    h = await createApiHarness(dialect);
    settle();
    await run();
    const ticket = h.sim.createTicket({ status: 'solved' });
    settle();
    const body = (await diagnose(ticket.id)).json();
    expect(body).toMatchObject({ cause: 'not_seen_yet', liveCheck: { found: true, wouldBe: 'imported' } });
    expect(body.verdict).toMatch(/after the point "Acme Support" has read up to .*: it is not late, just not seen yet\. The next run, at .*, will see it\./);
    expect(step(body, 'rate_limits_and_pauses').verdict).toBe('problem');
  });

  it('integration paused, in failure, or rate limited: with since when', async () => {
    h = await createApiHarness(dialect);
    const ticket = h.sim.createTicket({ status: 'solved' });
    settle();
    await h.request({ method: 'POST', url: `/api/v1/integrations/${h.a.integration.id}/pause`, token: h.a.tokens.all, payload: { note: 'migration' } });
    let body = (await diagnose(ticket.id)).json();
    expect(body).toMatchObject({ cause: 'integration_paused', action: { kind: 'resume' } });
    expect(body.verdict).toMatch(/because "Acme Support" is paused since .* \(by API token/);
    expect(step(body, 'integration_status')).toMatchObject({ verdict: 'problem', summary: expect.stringContaining('("migration")') });
    await h.request({ method: 'POST', url: `/api/v1/integrations/${h.a.integration.id}/resume`, token: h.a.tokens.all });

    h.sim.revokeAll();
    await run();
    body = (await diagnose(ticket.id)).json();
    expect(body).toMatchObject({ cause: 'integration_failing', action: { kind: 'reconnect' } });
    expect(body.verdict).toContain('Zendesk rejected the API token (401)');

    for (const user of h.sim.users) user.revoked = false;
    h.sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 1800, count: 1 });
    await run();
    body = (await diagnose(ticket.id)).json();
    expect(body).toMatchObject({ cause: 'rate_limited', action: { kind: 'wait' } });
    expect(body.verdict).toMatch(/Zendesk rate-limited the import, which resumes at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it('never seen and unknown to the source: a wrong reference', async () => {
    h = await createApiHarness(dialect);
    const body = (await diagnose(987654)).json();
    expect(body).toMatchObject({ cause: 'unknown_reference', liveCheck: { found: false } });
    expect(body.verdict).toContain('Zendesk has no ticket 987654 in the account "acme"');
  });

  it('a reference two accounts share is a different conversation in each: every answer is about its own account', async () => {
    h = await createApiHarness(dialect);
    // Acme Support (subdomain acme) imports its ticket 777001; Initech's 777001 is excluded by Initech's filter.
    const other = new ZendeskSimulator({ subdomain: 'initech', clock: h.clock, tickets: 0, rateLimit: null });
    const url = await other.start();
    try {
      const beta = await addIntegration(
        h.services,
        h.a.workspace.id,
        { platform: 'zendesk', name: 'Initech', connection: { subdomain: 'initech', baseUrl: url }, credentials: other.apiTokenCredentials(), settings: { startDate: '2025-01-01', filters: [{ field: 'tag', operator: 'contains', value: 'vip' }] } },
        'test',
      );
      h.sim.createTicket({ id: 777001, status: 'solved', tags: ['vip'] } as Partial<ZendeskTicket>);
      other.createTicket({ id: 777001, status: 'solved', tags: ['billing'] } as Partial<ZendeskTicket>);
      settle();
      await run();
      await runIntegration(h.services, beta.id, { kind: 'manual' });

      // Asked about Initech, the answer is Initech's exclusion — never Acme's contact.
      const underBeta = (await diagnose(777001, h.a.tokens.all, beta.id)).json();
      expect(underBeta).toMatchObject({ cause: 'excluded_by_filter', integration: { name: 'Initech', sourceAccount: 'initech' }, contact: null });
      expect(underBeta.verdict).toContain('by the filter `tag contains "vip"` (it had ["billing"])');
      expect(underBeta.action?.kind).not.toBe('open_contact');
      expect(JSON.stringify(underBeta)).not.toContain(h.a.integration.id);

      // Without an integration: one answer per integration that holds the reference.
      const all = (await h.request({ method: 'GET', url: '/api/v1/diagnoses?sourceRef=777001', token: h.a.tokens.all })).json();
      const byName = Object.fromEntries(all.diagnoses.map((d: { integration: { name: string } }) => [d.integration.name, d]));
      expect(Object.keys(byName).sort()).toEqual(['Acme Support', 'Initech']);
      expect(byName['Acme Support']).toMatchObject({ cause: 'imported', contact: { sourceAccount: 'acme', tags: ['vip'] } });
      expect(byName.Initech).toMatchObject({ cause: 'excluded_by_filter', contact: null });
      expect(byName.Initech.decisions.every((d: { integrationId: string }) => d.integrationId === beta.id)).toBe(true);
      expect(all.summary).toMatch(/777001 names a different conversation in each of 2 integrations — under "Acme Support" \(Zendesk, acme\): imported; under "Initech" \(Zendesk, initech\): excluded by a filter/);

      // A Contact viewer lists the integrations, with platform and account, and narrows to one.
      const sources = (await h.request({ method: 'GET', url: '/api/v1/contact-sources', token: h.a.tokens.view })).json().integrations;
      expect(sources).toEqual(expect.arrayContaining([expect.objectContaining({ id: beta.id, name: 'Initech', platformName: 'Zendesk', sourceAccount: 'initech' })]));
      const narrowed = (await h.request({ method: 'GET', url: `/api/v1/contacts?sourceRef=777001&integrationId=${beta.id}`, token: h.a.tokens.view })).json();
      expect(narrowed).toMatchObject({ contacts: [], total: 0 });
      const decisions = (await h.request({ method: 'GET', url: `/api/v1/decisions?sourceRef=777001&integrationId=${beta.id}`, token: h.a.tokens.view })).json().decisions;
      expect(decisions.map((d: { outcome: string }) => d.outcome)).toEqual(['excluded']);
    } finally {
      await other.stop();
    }
  });

  it('imported under another integration on the same account: says where to look', async () => {
    h = await createApiHarness(dialect);
    const ticket = solved();
    const second = await addIntegration(
      h.services,
      h.a.workspace.id,
      { platform: 'zendesk', name: 'Acme Support again', connection: { subdomain: h.sim.subdomain, baseUrl: h.simUrl }, credentials: h.sim.apiTokenCredentials(), settings: { startDate: '2025-01-01' } },
      'test',
    );
    await runIntegration(h.services, second.id, { kind: 'manual' });
    const body = (await diagnose(ticket.id, h.a.tokens.all, second.id)).json();
    expect(body).toMatchObject({ cause: 'imported_elsewhere', contact: { sourceAccount: h.sim.subdomain, integrationId: h.a.integration.id }, action: { kind: 'open_contact' } });
    expect(body.verdict).toContain(`was imported under the integration "Acme Support", which reads the same Zendesk account "${h.sim.subdomain}" as "Acme Support again"`);
  });

  it('asks the source for a reader at most so often: answers are reused, and each caller has a limit per minute', async () => {
    h = await createApiHarness(dialect);
    const limit = h.services.liveChecks.policy.perCallerPerMinute;
    const before = h.sim.stats.requests;
    // The same unknown reference again and again: the source is asked once (a 404 and the account check).
    for (let i = 0; i < 5; i += 1) expect((await diagnose(880001, h.a.tokens.view)).json().cause).toBe('unknown_reference');
    expect(h.sim.stats.requests - before).toBe(2);
    // Many different references at once: no more lookups than the caller's limit, the rest answered from the ledger.
    const burst = await Promise.all(Array.from({ length: limit + 10 }, (_, i) => diagnose(880100 + i, h!.a.tokens.view)));
    const bodies = burst.map((r) => r.json());
    expect(h.sim.stats.requests - before).toBeLessThanOrEqual(2 * limit);
    const skipped = bodies.filter((b) => b.cause === 'undetermined');
    expect(skipped.length).toBeGreaterThanOrEqual(10);
    expect(skipped[0].verdict).toMatch(/was not asked: you have asked the sources about \d+ references in the last minute, the most allowed; ask again after \d\d:\d\d:\d\d UTC/);
    // Another caller is not held back by the first.
    expect((await diagnose(880999, h.a.tokens.all)).json().cause).toBe('unknown_reference');
  });

  it('seen, and a record-level failure: the field at fault', async () => {
    h = await createApiHarness(dialect);
    const ticket = h.sim.createTicket({ status: 'solved' });
    h.sim.store.put({ ...ticket, via: { channel: null } } as never);
    settle();
    await run();
    const body = (await diagnose(ticket.id)).json();
    expect(body).toMatchObject({ cause: 'record_failed', action: { kind: 'support_report' } });
    expect(body.verdict).toContain('could not read its field `via.channel`');
  });

  it('asks the source when the ledger has nothing and the integration is healthy, as a dry run', async () => {
    h = await createApiHarness(dialect);
    settle();
    await run();
    const before = await h.services.db.selectFrom('decisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ticket = h.sim.createTicket({ status: 'open' });
    settle();
    const body = (await diagnose(ticket.id)).json();
    expect(body).toMatchObject({ cause: 'status_not_eligible', liveCheck: { found: true, wouldBe: 'excluded', reason: 'status_not_eligible' } });
    expect(body.verdict).toContain("today's settings would exclude it");
    const after = await h.services.db.selectFrom('decisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // The asking was a run (a dry single run, its answer kept on it) that no run list shows.
    const checks = await h.services.db.selectFrom('runs').selectAll().where('kind', '=', 'single').where('dry_run', '=', 1).execute();
    expect(checks.map((c) => [c.status, c.source_ref, JSON.parse(c.output!).kind])).toEqual([['succeeded', String(ticket.id), 'found']]);
    const listed = (await h.request({ method: 'GET', url: `/api/v1/integrations/${h.a.integration.id}/runs`, token: h.a.tokens.all })).json();
    expect(listed.runs.map((r: { id: string }) => r.id)).not.toContain(checks[0]!.id);
    expect(listed.runs.length).toBeGreaterThan(0);
  });

  it('a live check no process takes in time is withdrawn, and the diagnosis answers from the ledger without it', async () => {
    h = await createApiHarness(dialect);
    settle();
    await run();
    const ticket = h.sim.createTicket({ status: 'solved' });
    settle();
    h.services.liveChecks = new LiveChecks({ ...DEFAULT_LIVE_CHECK_POLICY, waitSeconds: 0.3 });
    // Queue only, and no worker: nobody claims the run.
    const caller = { kind: 'user' as const, workspaceId: h.a.workspace.id, permissions: ROLE_PERMISSIONS.admin, userId: null, tokenId: null, label: 'test' };
    const answer = await diagnoseReference(h.services, caller, { sourceRef: String(ticket.id), integrationId: h.a.integration.id }, new QueueDispatcher(h.services));
    const body = answer.diagnoses[0]!;
    expect(body.liveCheck).toBeNull();
    expect(body.cause).toBe('undetermined');
    const check = await h.services.db.selectFrom('runs').selectAll().where('kind', '=', 'single').where('dry_run', '=', 1).executeTakeFirstOrThrow();
    expect([check.status, check.stopped_by, check.output]).toEqual(['cancelled', 'not_taken_in_time', null]);
    expect(body.verdict).toContain(`was not asked: no process took the live check within 0.3 s (run ${check.id}); check that a worker is running`);
    // Not remembered: the next diagnosis asks again (in process this time) and gets the source's answer.
    const again = await diagnoseReference(h.services, caller, { sourceRef: String(ticket.id), integrationId: h.a.integration.id });
    expect(again.diagnoses[0]!.liveCheck).toMatchObject({ found: true, wouldBe: 'imported' });
  });
});
