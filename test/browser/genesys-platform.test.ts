import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenesysSimulator } from '../../src/connectors/genesys/genesys.simulator.js';
import { ADMIN, eventually as eventuallyWithin, launchBrowser, openPage, redeemLink, screenshot, sessionApi, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

/** Waits are on what the page says; the bound is only how long to keep looking on a busy machine. */
const PATIENCE_MS = 60_000;
const see = (locator: Locator, expected: string | RegExp) => waitForText(locator, expected, PATIENCE_MS);
const eventually = <T>(check: () => Promise<T | undefined | false>, what: string) => eventuallyWithin(check, what, PATIENCE_MS);

/**
 * Genesys Cloud from the web UI, against its simulator: added from its own form (region by name,
 * an OAuth client), it imports the ended conversations; a call still in progress is missing, and
 * the diagnosis says why — it has not ended yet.
 */
describe('the web UI: Genesys Cloud', { timeout: 4 * PATIENCE_MS }, () => {
  let genesys: GenesysSimulator;
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let activeCall: string;

  beforeAll(async () => {
    genesys = new GenesysSimulator({ conversations: 30, spanDays: 10, rateLimit: null, organizationId: 'org-acme-1' });
    const host = new URL(await genesys.start()).host;
    activeCall = genesys.createConversation().conversationId;
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: host, INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    context.setDefaultTimeout(PATIENCE_MS);
    await redeemLink(page, intake.firstStartLink, ADMIN);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await genesys?.stop();
  });

  const form = () => page.getByRole('form', { name: 'Add integration' });
  const secret = (label: string) => page.getByTestId('credential-fields').getByLabel(label, { exact: true });
  const fieldOf = (label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });

  it('adds Genesys Cloud from its form: a region by name and an OAuth client, then imports', async () => {
    await page.goto('/integrations/new');
    await page.getByRole('radio', { name: 'Genesys Cloud', exact: true }).check();
    await page.getByRole('heading', { name: 'Connect to Genesys Cloud' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Contact centre');
    // The region is chosen from Genesys's own list, each with its domain.
    expect(await page.getByLabel('Region', { exact: true }).locator('option', { hasText: 'eu-west-1 (mypurecloud.ie)' }).count()).toBe(1);
    await page.getByText(/^Advanced:/).click();
    await page.getByLabel('API base URL', { exact: true }).fill(genesys.url);
    await page.getByLabel('Client id', { exact: true }).fill(genesys.credentials.clientId);
    await secret('Client secret').fill(genesys.credentials.clientSecret);
    await form().getByRole('button', { name: 'Test connection and add' }).click();
    // No region chosen: said beside the field, with the list.
    await see(fieldOf('Region').getByTestId('field-error'), /eu-west-1/);
    await screenshot(page, 'add-genesys-region-error');

    await page.getByLabel('Region', { exact: true }).selectOption('eu-west-1');
    await form().getByRole('button', { name: 'Test connection and add' }).click();
    await page.getByRole('heading', { name: 'Contact centre', level: 1 }).waitFor();
    await page.locator('[data-testid="status-card"] .badge-active').waitFor();
    await see(page.getByTestId('fact-last-data'), /ago|just now/);
    // The OAuth client decided the organization.
    await see(page.locator('.page-header .lede'), 'Genesys Cloud · org-acme-1');
    expect(await page.locator('h1 .platform-mark').textContent()).toBe('GC');
    expect(await page.content()).not.toContain(genesys.credentials.clientSecret);
    await screenshot(page, 'genesys-added');
  });

  it('diagnoses a missing call: still active at Genesys (no conversationEnd), so not eligible yet', async () => {
    const integrations = (await sessionApi<{ integrations: Array<{ id: string; name: string }> }>(page, 'GET', '/integrations')).integrations;
    const id = integrations.find((i) => i.name === 'Contact centre')!.id;
    await eventually(async () => {
      const runs = (await sessionApi<{ runs: Array<{ status: string }> }>(page, 'GET', `/integrations/${id}/runs?limit=1`)).runs;
      return runs[0] && !['queued', 'running'].includes(runs[0].status);
    }, 'the first Genesys run');

    await page.goto(`/contacts?ref=${encodeURIComponent(activeCall)}`);
    await page.getByTestId('not-imported').waitFor();
    const verdict = await see(page.getByTestId('diagnosis-verdict'), 'not in an eligible status');
    expect(verdict).toContain('open (active)');
    expect(await page.getByTestId('diagnosis').textContent()).toContain(`Why conversation ${activeCall} is missing`);
    await screenshot(page, 'diagnosis-genesys-active-call');
  });

  it("a backfill waits for Genesys to prepare its report, and the run's page and the integration's runs say so", async () => {
    const integrations = (await sessionApi<{ integrations: Array<{ id: string; name: string }> }>(page, 'GET', '/integrations')).integrations;
    const id = integrations.find((i) => i.name === 'Contact centre')!.id;
    // The simulated data lake takes a while to prepare the job: long enough to be seen waiting.
    genesys.jobTiming.prepareMs = 40_000;
    const run = await sessionApi<{ id: string }>(page, 'POST', `/integrations/${id}/backfills`, { from: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10) });
    const reason = /Genesys Cloud is preparing the report, .* so far \(job (QUEUED|PENDING)\) — next check at \d\d:\d\d:\d\d UTC/;
    await page.goto(`/runs/${run.id}`);
    await see(page.getByTestId('run-wait-callout'), reason);
    await screenshot(page, 'run-page-genesys-waiting-for-report');
    await page.goto(`/integrations/${id}/runs`);
    const waiting = await see(page.getByTestId('run-wait').first(), reason);
    expect(waiting.trim()).toMatch(/^Waiting for a report · /);
    await screenshot(page, 'runs-genesys-waiting-for-report');
  });
});
