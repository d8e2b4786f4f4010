import { afterEach, describe, expect, it, vi } from 'vitest';
import { presentIntegration, presentRun } from '../../src/api/present.js';
import { describeActiveRun } from '../../src/cli/describe-run.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import type { Run } from '../../src/core/run.js';
import { getIntegration } from '../../src/services/manage-integrations.js';
import { findRun, listRuns } from '../../src/storage/run.repository.js';
import { DIALECTS } from '../support/test-database.js';
import { createZendeskHarness, type ZendeskHarness } from '../support/zendesk-harness.js';

/**
 * A clock whose long sleeps (a rate limit's wait) hold until the test lets them go, so the test can
 * look at what every screen would show while a run waits — without waiting itself.
 */
class HeldClock extends ManualClock {
  #held: Array<{ ms: number; release: () => void }> = [];
  #holding = true;

  override async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms < 1000 || !this.#holding) return super.sleep(ms, signal);
    await new Promise<void>((resolve) => this.#held.push({ ms, release: resolve }));
    return super.sleep(ms, signal);
  }

  /** Lets every held sleep go (the clock moves on by their length). */
  releaseAll(): void {
    for (const held of this.#held.splice(0)) held.release();
  }

  /** Holds no more: later sleeps pass at once. */
  stopHolding(): void {
    this.#holding = false;
    this.releaseAll();
  }
}

let harness: ZendeskHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function runningRun(h: ZendeskHarness): Promise<Run> {
  const [run] = await listRuns(h.services.db, h.integration.id, { limit: 1 });
  return run!;
}

describe.each(DIALECTS)('waits inside a run, on %s', (dialect) => {
  it('shows a Retry-After wait live — what, until when and why — with the requests and 429s so far, then clears it', async () => {
    const clock = new HeldClock('2025-03-10T08:00:00Z');
    harness = await createZendeskHarness(dialect, { clock, sim: { tickets: 60, maxPageSize: 20 } });
    const h = harness;
    h.sim.beforeExport = (n) => {
      if (n === 2) h.sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 40, count: 1 });
    };
    const finished = h.run();

    // The 429 meets the second page's request, fetched while the first page is written.
    const waiting = await vi.waitFor(
      async () => {
        const run = await runningRun(h);
        if (!run.wait || run.pages < 1) throw new Error('not waiting after the first page yet');
        return run;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(waiting.status).toBe('running');
    expect(waiting.wait).toMatchObject({ kind: 'retry_after', until: '2025-03-10T08:00:40.000Z' });
    // The limit is Zendesk's own header on the answers before (the simulator sends the general API limit).
    expect(waiting.wait!.reason).toBe('Zendesk answered 429 Too Many Requests (it allows 700 requests a minute) and asked Intake to wait 40 s — next request at 08:00:40 UTC');
    // The run's cost at the source is live: never 0 / 0 while it waits.
    expect(waiting.source).toMatchObject({ requests: 2, throttled: 1 });

    // The API's run view and integration view carry it.
    const runView = presentRun(waiting, clock.now());
    expect(runView.wait).toEqual(waiting.wait);
    const integration = await getIntegration(h.services, h.workspace.id, h.integration.id);
    const view = presentIntegration(integration, h.services.platforms);
    expect(view.running).toBe(true);
    expect(view.activeRun).toMatchObject({ id: waiting.id, wait: waiting.wait, source: { requests: 2, throttled: 1 } });
    // And `intake integrations show` prints it.
    expect(describeActiveRun(integration.activeRun!, clock.now())).toEqual([
      `running:            since 2025-03-10 08:00:00Z (manual run ${waiting.id}) — 20 record(s) in 1 page(s) so far; 2 request(s), 1 answered 429`,
      `waiting:            ${waiting.wait!.reason} (in 40 s)`,
    ]);

    clock.stopHolding();
    const run = await finished;
    expect(run.status).toBe('succeeded');
    expect(run.wait).toBeNull();
    expect(run.source).toMatchObject({ requests: 4, throttled: 1, rateLimitedMs: 40_000 });
    expect((await findRun(h.services.db, run.id))!.wait).toBeNull();
    expect((await getIntegration(h.services, h.workspace.id, h.integration.id)).activeRun).toBeNull();
  });

  it("names the platform's limit when a run waits for the rate budget", async () => {
    const clock = new HeldClock('2025-03-10T08:14:00Z');
    harness = await createZendeskHarness(dialect, { clock, sim: { tickets: 60, maxPageSize: 20, rateLimit: { requests: 2, windowSeconds: 60 } } });
    const h = harness;
    const finished = h.run();

    const waiting = await vi.waitFor(
      async () => {
        const run = await runningRun(h);
        if (!run.wait) throw new Error('not waiting yet');
        return run;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(waiting.wait).toMatchObject({ kind: 'budget', until: '2025-03-10T08:15:00.000Z' });
    expect(waiting.wait!.reason).toBe('Zendesk allows 2 requests a minute — next request at 08:15:00 UTC');
    expect(waiting.source).toMatchObject({ requests: 2, throttled: 0 });
    // Pages read before the wait are on the run while it waits.
    await vi.waitFor(async () => expect((await runningRun(h)).pages).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });

    clock.stopHolding();
    const run = await finished;
    expect(run.status).toBe('succeeded');
    expect(run.wait).toBeNull();
    expect(run.source.throttled).toBe(0);
  });
});

describe.each(DIALECTS)('catch-up after an outage, on %s', (dialect) => {
  it('calls a first import that met an outage a first import, not a catch-up', async () => {
    harness = await createZendeskHarness(dialect, { sim: { tickets: 30 } });
    const h = harness;
    h.sim.injectFault({ kind: 'server_error', status: 503 });
    expect((await h.run()).status).toBe('partial');
    h.sim.clearFaults();
    h.clock.advance(60_000);

    const first = await h.run();
    expect(first.status).toBe('succeeded');
    expect(first.checkpointBefore).toBeNull();
    expect(first.counts.imported).toBeGreaterThan(0);
    expect(first.catchUp).toBeNull();
    const line = h.services.logLines.find((l) => l.runId === first.id)!;
    expect(line.msg).toMatch(/^run succeeded: "Support" seen \d+, imported \d+/);
    expect(line.msg).not.toContain('caught up');

    // Once it has read to the end, a later outage is caught up and says so.
    h.sim.injectFault({ kind: 'server_error', status: 503 });
    expect((await h.run()).status).toBe('partial');
    h.sim.clearFaults();
    h.sim.createTicket({ status: 'solved' });
    // Zendesk's export leaves out the last minute's changes.
    h.clock.advance(61_000);
    const after = await h.run();
    expect(after.catchUp).toMatchObject({ since: expect.any(String), recovered: 1 });
    expect(h.services.logLines.find((l) => l.runId === after.id)!.msg).toContain('caught up 1 contact(s) missed since');
  });
});
