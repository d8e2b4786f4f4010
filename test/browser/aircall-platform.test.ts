import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AircallSimulator } from '../../src/connectors/aircall/aircall.simulator.js';
import type { AircallWireCall } from '../../src/connectors/aircall/aircall-seed.js';
import { ADMIN, eventually as eventuallyWithin, launchBrowser, openPage, redeemLink, screenshot, sessionApi, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

/** Waits are on what the page says; the bound is only how long to keep looking on a busy machine. */
const PATIENCE_MS = 60_000;
const see = (locator: Locator, expected: string | RegExp) => waitForText(locator, expected, PATIENCE_MS);
const eventually = <T>(check: () => Promise<T | undefined | false>, what: string) => eventuallyWithin(check, what, PATIENCE_MS);

interface RunAnswer {
  runs: Array<{ id: string; status: string; checkpointAfter: string | null }>;
}

/**
 * Aircall in the web UI: added from its own form (the look-back window and its cost in the help),
 * run, a call still in progress diagnosed as not eligible yet, then seen ended by the next run's
 * look-back re-scan — whose cost the run's page shows.
 */
describe('the web UI: Aircall', { timeout: 5 * PATIENCE_MS }, () => {
  const sim = new AircallSimulator({ calls: 30, spanDays: 10, rateLimit: null, companyName: 'Acme Calls' });
  let inProgress: AircallWireCall;
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let integrationId: string;

  beforeAll(async () => {
    const host = new URL(await sim.start()).host;
    // A call that started an hour ago and is still going on: not eligible (the default criteria take ended calls).
    inProgress = sim.createCall('answered', Math.floor(Date.now() / 1000) - 3600);
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: host, INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    context.setDefaultTimeout(PATIENCE_MS);
    await redeemLink(page, intake.firstStartLink, ADMIN);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await sim.stop();
  });

  const secret = (label: string) => page.getByTestId('credential-fields').getByLabel(label, { exact: true });
  const runsOf = async () => (await sessionApi<RunAnswer>(page, 'GET', `/integrations/${integrationId}/runs?limit=5`)).runs;
  const verdict = () => page.getByTestId('diagnosis-verdict');

  it('adds Aircall from its form, whose help says what the look-back window costs, and imports', async () => {
    await page.goto('/integrations/new');
    await page.getByRole('radio', { name: 'Aircall', exact: true }).check();
    await page.getByRole('heading', { name: 'Connect to Aircall' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Phone support');
    await page.getByText('Advanced: Look-back window (hours), Company name in Intake, Base URL').click();
    const lookback = page.locator('.field', { has: page.getByLabel('Look-back window (hours)', { exact: true }) });
    expect(await lookback.textContent()).toMatch(/one request per 50 calls in the window, on every run/);
    await page.getByLabel('Look-back window (hours)', { exact: true }).fill('48');
    await page.getByLabel('Base URL', { exact: true }).fill(sim.url);
    const { apiId, apiToken } = sim.credentials();
    await page.getByTestId('credential-fields').getByLabel('API ID', { exact: true }).fill(apiId);
    await secret('API token').fill(apiToken);
    await screenshot(page, 'add-aircall');
    await page.getByRole('form', { name: 'Add integration' }).getByRole('button', { name: 'Test connection and add' }).click();

    await page.getByRole('heading', { name: 'Phone support', level: 1 }).waitFor();
    await page.locator('[data-testid="status-card"] .badge-active').waitFor();
    await see(page.getByTestId('fact-last-data'), /ago|just now/);
    expect(await page.locator('h1 .platform-mark').textContent()).toBe('Ac');
    expect(await page.content()).not.toContain(apiToken);
    integrationId = new URL(page.url()).pathname.split('/')[2]!;
    const integration = await sessionApi<{ sourceAccount: string; connection: Record<string, unknown> }>(page, 'GET', `/integrations/${integrationId}`);
    expect(integration).toMatchObject({ sourceAccount: 'acme-calls', connection: { company: 'acme-calls', lookbackHours: 48 } });
    await screenshot(page, 'aircall-overview');
  });

  it('diagnoses a call still in progress as not eligible yet, naming its status', async () => {
    const ref = String(inProgress.id);
    await page.goto(`/contacts?ref=${encodeURIComponent(ref)}`);
    await page.getByTestId('not-imported').waitFor();
    const text = await see(verdict(), /status/);
    expect(text).toMatch(/answered|pending/);
    expect(await page.getByTestId('diagnosis').textContent()).toContain(`Why call ${ref} is missing`);
    await screenshot(page, 'diagnosis-aircall');
  });

  it("re-reads the look-back window on the next run, seeing the call ended, and shows the re-scan's cost on the run's page", async () => {
    sim.advanceCall(inProgress.id, 'done');
    const before = (await runsOf()).length;
    await page.goto(`/integrations/${integrationId}`);
    await page.getByRole('button', { name: 'Run now: Phone support' }).click();
    const run = await eventually(async () => {
      const runs = await runsOf();
      return runs.length > before && runs[0]!.status === 'succeeded' && runs[0];
    }, 'the second run');
    expect(JSON.parse(run.checkpointAfter!).note).toMatch(/^Look-back re-scan \(48 h\): 1 request, \d+ calls? re-read; new calls: \d+ requests?\.$/);

    await page.goto(`/runs/${run.id}`);
    const fact = page.locator('dl.facts > div', { has: page.getByText('What the platform read', { exact: true }) });
    expect(await see(fact, /Look-back re-scan \(48 h\): 1 request/)).toMatch(/new calls: \d+ requests?\./);
    await screenshot(page, 'aircall-run-lookback');

    await page.goto(`/contacts?ref=${encodeURIComponent(String(inProgress.id))}`);
    const found = page.locator(`[data-testid="found-contact"][aria-label="Call ${inProgress.id}"]`);
    await see(found, `Call ${inProgress.id} · acme-calls`);
    expect(await found.locator('.platform-mark').textContent()).toBe('Ac');
    await found.getByRole('link').first().click();
    await see(page.getByTestId('contact-details'), 'Aircall · acme-calls');
    const details = (await page.getByTestId('contact-details').textContent())!;
    expect(details).toMatch(/done/);
    // No recording or voicemail link reaches the contact.
    expect(await page.content()).not.toMatch(/X-Amz-Signature|recording\.mp3|voicemail\.mp3/);
    await screenshot(page, 'contact-aircall');
  });

  it('keeps the look-back window on Reconnect, where it can be changed with the credentials tested again', async () => {
    await page.goto(`/integrations/${integrationId}/reconnect`);
    // The advanced settings open by themselves: they hold values.
    expect(await page.getByTestId('advanced-connection').getAttribute('open')).not.toBeNull();
    const window = page.getByLabel('Look-back window (hours)', { exact: true });
    expect(await window.inputValue()).toBe('48');
    await window.fill('72');
    await secret('API token').fill(sim.credentials().apiToken);
    await page.getByTestId('credential-fields').getByLabel('API ID', { exact: true }).fill(sim.credentials().apiId);
    await page.getByRole('button', { name: 'Test and reconnect' }).click();
    await see(page.getByTestId('reconnect-success'), 'Aircall accepted the new credentials');
    const integration = await sessionApi<{ connection: Record<string, unknown> }>(page, 'GET', `/integrations/${integrationId}`);
    expect(integration.connection).toEqual({ company: 'acme-calls', lookbackHours: 72, baseUrl: sim.url });
  });
});
