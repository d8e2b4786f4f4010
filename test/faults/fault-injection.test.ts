import { afterEach, describe, expect, it } from 'vitest';
import type { ZendeskFault } from '../../src/connectors/zendesk/zendesk-simulator-faults.js';
import { reconnectIntegration } from '../../src/services/update-integration.js';
import { addIntegration } from '../../src/services/add-integration.js';
import { runIntegration } from '../../src/services/run-integration.js';
import { cleanImport, contactProjection } from '../support/clean-import.js';
import { DIALECTS } from '../support/test-database.js';
import { createZendeskHarness, type ZendeskHarness } from '../support/zendesk-harness.js';

interface Scenario {
  name: string;
  fault: ZendeskFault;
  /** What the run that meets the fault must end as. */
  outcome: 'partial' | 'failed';
  category: string;
  message: RegExp;
  status: 'warning' | 'failure';
  /** Makes the source healthy again (the fault itself is cleared for every scenario). */
  recover?: (h: ZendeskHarness) => Promise<void>;
}

const SCENARIOS: Scenario[] = [
  { name: 'a 429 storm', fault: { kind: 'rate_limited', retryAfterSeconds: 2, count: 50 }, outcome: 'partial', category: 'rate_limited', message: /^Rate limited by Zendesk — resumes at \d\d:\d\d UTC\. Nothing is lost/, status: 'warning' },
  { name: 'a long Retry-After', fault: { kind: 'rate_limited', retryAfterSeconds: 3600, count: 1 }, outcome: 'partial', category: 'rate_limited', message: /^Rate limited by Zendesk — resumes at \d\d:\d\d UTC/, status: 'warning' },
  { name: 'a 5xx burst', fault: { kind: 'server_error', status: 503, count: 20 }, outcome: 'partial', category: 'source_error', message: /Zendesk had a server error \(503\)\. Intake retried 4 time\(s\)/, status: 'warning' },
  { name: 'responses slower than the timeout', fault: { kind: 'slow', delayMs: 400, count: 20 }, outcome: 'partial', category: 'unreachable', message: /Zendesk did not answer within 100 ms\. Intake will retry/, status: 'warning' },
  { name: 'connections reset mid-body', fault: { kind: 'reset_mid_body', count: 20 }, outcome: 'partial', category: 'unreachable', message: /Zendesk could not be reached \(connection reset\)/, status: 'warning' },
  { name: 'malformed JSON', fault: { kind: 'malformed_json', count: 1 }, outcome: 'failed', category: 'api_changed', message: /not valid JSON .* No record from it was written/, status: 'failure' },
  { name: 'truncated JSON', fault: { kind: 'truncated_json', count: 1 }, outcome: 'failed', category: 'api_changed', message: /not valid JSON \(status 200, \d+ bytes, cut off or malformed\)/, status: 'failure' },
  { name: 'an HTML error page', fault: { kind: 'html_page', count: 1 }, outcome: 'failed', category: 'api_changed', message: /answered with an HTML page instead of JSON/, status: 'failure' },
  {
    name: 'a token revoked mid-run',
    fault: { kind: 'revoke_after', requests: 0 },
    outcome: 'failed',
    category: 'auth_revoked',
    message: /^Zendesk rejected the API token \(401\): it was revoked or expired.* Reconnect the integration with a new token\.$/,
    status: 'failure',
    recover: async (h) => {
      const admin = h.sim.addUser({ email: 'second-admin@acme.example', role: 'admin', token: 'replacement-token' });
      await reconnectIntegration(h.services, h.workspace.id, h.integration.id, { credentials: h.sim.apiTokenCredentials(admin) }, 'test');
    },
  },
  { name: 'a renamed field (API change)', fault: { kind: 'rename_field', from: 'via', to: 'via_info' }, outcome: 'failed', category: 'api_changed', message: /none of the 20 tickets on a page had a valid `via`.* no ticket from that page was written/, status: 'failure' },
  { name: 'a subdomain that does not exist', fault: { kind: 'unknown_account' }, outcome: 'failed', category: 'not_found', message: /Zendesk account "acme" was not found \(404\): check the subdomain/, status: 'failure' },
];

let harness: ZendeskHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe.each(DIALECTS)('fault injection on %s', (dialect) => {
  it.each(SCENARIOS)('$name: classified, shown plainly, then recovered with nothing lost or duplicated', async (scenario) => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 120, maxPageSize: 20 }, http: { timeoutMs: 100 } });
    const h = harness;
    // The fault strikes on the third request, after two pages were applied.
    h.sim.beforeExport = (n) => {
      if (n === 3) h.sim.injectFault(scenario.fault);
    };
    const faulted = await h.run();
    h.sim.beforeExport = null;
    expect(faulted.status).toBe(scenario.outcome);
    expect(faulted.error?.category).toBe(scenario.category);
    expect(faulted.error?.message).toMatch(scenario.message);
    expect(faulted.pages).toBe(2);
    const decisions = await h.services.db.selectFrom('decisions').select((eb) => eb.fn.countAll<number>().as('n')).where('run_id', '=', faulted.id).executeTakeFirstOrThrow();
    expect(Number(decisions.n)).toBe(40);
    const integration = await h.refresh();
    expect(integration.status).toBe(scenario.status);
    expect(integration.lastError).toMatchObject({ category: scenario.category, runId: faulted.id });
    expect(integration.checkpoint).toBe(faulted.checkpointAfter);
    if (scenario.category === 'rate_limited') expect(integration.nextRunAt).toBe(faulted.error!.resumeAt);
    if (scenario.status === 'failure') expect(Date.parse(integration.nextRunAt!) - h.clock.now().getTime()).toBe(3_600_000);

    // Meanwhile the help desk keeps working.
    h.sim.mutate({ updates: 4, creates: 3 });
    h.clock.advance(61_000);
    h.sim.clearFaults();
    await scenario.recover?.(h);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      h.clock.advance(3_601_000);
      const run = await h.run();
      if (run.status === 'succeeded') break;
    }
    const recovered = await h.refresh();
    expect(recovered.status).toBe('active');
    expect(await contactProjection(h.services.db)).toEqual(await cleanImport(h.sim, h.sim.url, h.clock));
  });

  it('turns a bad record into a failed decision naming the field; the rest of the page imports', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 30 } });
    const h = harness;
    const broken = h.sim.tickets().find((t) => t.status === 'solved')!;
    h.sim.store.put({ ...broken, created_at: 'yesterday' } as never);
    const run = await h.run();
    expect(run).toMatchObject({ status: 'partial', counts: { seen: 30, failed: 1, reasons: { invalid_record: 1 } } });
    expect(run.counts.imported).toBe(h.sim.tickets().filter((t) => t.status === 'solved' || t.status === 'closed').length - 1);
    const failed = await h.services.db.selectFrom('decisions').selectAll().where('outcome', '=', 'failed').executeTakeFirstOrThrow();
    expect(failed.source_ref).toBe(String(broken.id));
    expect(JSON.parse(failed.evidence)).toMatchObject({ field: 'created_at', message: 'must be an ISO-8601 timestamp', rawValue: 'yesterday' });
    expect((await h.refresh()).status).toBe('warning');
  });

  it('two integrations on one subdomain share its rate budget instead of fighting over it', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 60, maxPageSize: 5, rateLimit: { requests: 3, windowSeconds: 60 } } });
    const h = harness;
    const second = await addIntegration(
      h.services,
      h.workspace.id,
      { platform: 'zendesk', name: 'Second view of acme', connection: { subdomain: h.sim.subdomain, baseUrl: h.sim.url }, credentials: h.sim.apiTokenCredentials(), settings: { startDate: '2025-01-01' } },
      'test',
    );
    const [a, b] = await Promise.all([h.run(), runIntegration(h.services, second.id, { kind: 'manual' })]);
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    expect(a.counts.seen + b.counts.seen).toBe(120);
    expect(h.sim.stats.throttled).toBe(0);
    expect(a.source.rateLimitedMs + b.source.rateLimitedMs).toBeGreaterThan(0);
  });

  it('an outage turns into failure only after it lasted three runs and an hour', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 10 } });
    const h = harness;
    // The first import completes; what arrives during the outage is what the catch-up recovers.
    expect((await h.run()).status).toBe('succeeded');
    h.sim.injectFault({ kind: 'server_error', status: 502 });
    const statuses: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await h.run();
      statuses.push((await h.refresh()).status);
      h.clock.advance(25 * 60_000);
    }
    expect(statuses).toEqual(['warning', 'warning', 'warning', 'failure']);
    h.sim.clearFaults();
    h.sim.createTicket({ status: 'solved' });
    // Zendesk's export leaves out the last minute's changes.
    h.clock.advance(61_000);
    const caughtUp = await h.run();
    expect(caughtUp.status).toBe('succeeded');
    expect(caughtUp.catchUp).toMatchObject({ since: expect.any(String), recovered: 1 });
    expect((await h.refresh()).status).toBe('active');
    const history = await h.services.db.selectFrom('status_events').select(['from_status', 'to_status']).orderBy('id').execute();
    expect(history.map((e) => `${e.from_status}→${e.to_status}`)).toEqual(['active→active', 'active→warning', 'warning→failure', 'failure→active']);
  });
});
