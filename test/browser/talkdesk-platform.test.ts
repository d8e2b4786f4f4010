import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalkdeskSimulator } from '../../src/connectors/talkdesk/talkdesk.simulator.js';
import { ADMIN, eventually as eventuallyWithin, launchBrowser, openPage, redeemLink, screenshot, sessionApi, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

/** Waits are on what the page says; the bound is only how long to keep looking on a busy machine. */
const PATIENCE_MS = 90_000;
const see = (locator: Locator, expected: string | RegExp) => waitForText(locator, expected, PATIENCE_MS);
const eventually = <T>(check: () => Promise<T | undefined | false>, what: string) => eventuallyWithin(check, what, PATIENCE_MS);

/**
 * Talkdesk from the web UI, against its simulator: added with an OAuth client, the first run shown
 * waiting while Talkdesk prepares the report, then the calls imported; a call no run has read yet
 * is diagnosed without offering a manual import (the calls report cannot fetch one call).
 */
describe('the web UI: Talkdesk', { timeout: 5 * PATIENCE_MS }, () => {
  // Each report takes a few seconds to prepare, so the run is seen waiting for it.
  const talkdesk = new TalkdeskSimulator({ calls: 20, spanDays: 2, rateLimit: null, processingMs: 15_000 });
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let integrationId = '';

  beforeAll(async () => {
    const host = new URL(await talkdesk.start()).host;
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: host, INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    context.setDefaultTimeout(PATIENCE_MS);
    await redeemLink(page, intake.firstStartLink, ADMIN);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await talkdesk.stop();
  });

  const secret = (label: string) => page.getByTestId('credential-fields').getByLabel(label, { exact: true });

  it('adds Talkdesk with an OAuth client, shows the run waiting for the report, then imports the calls', async () => {
    await page.goto('/integrations/new');
    await page.getByRole('radio', { name: 'Talkdesk', exact: true }).check();
    await page.getByRole('heading', { name: 'Connect to Talkdesk' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Talkdesk calls');
    await page.getByLabel('Talkdesk account', { exact: true }).fill(talkdesk.account);
    await page.getByText('Advanced: Base URL').click();
    await page.getByLabel('Base URL', { exact: true }).fill(talkdesk.url);
    await page.getByTestId('credential-fields').getByLabel('Client id', { exact: true }).fill(talkdesk.client.clientId);
    await secret('Client secret').fill(talkdesk.client.clientSecret);
    await screenshot(page, 'add-talkdesk');
    await page.getByRole('form', { name: 'Add integration' }).getByRole('button', { name: 'Test connection and add' }).click();

    await page.getByRole('heading', { name: 'Talkdesk calls', level: 1 }).waitFor();
    integrationId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(await page.locator('h1 .platform-mark').textContent()).toBe('Td');
    // The first run waits while Talkdesk prepares the report, and says so.
    const wait = page.getByTestId('running-now').locator('[data-testid="run-wait"][data-kind="report"]');
    await see(wait, /Waiting for Talkdesk to prepare the report \(calls that ended .* UTC\), under a minute so far/);
    await screenshot(page, 'talkdesk-waiting-for-report');
    // The Platforms row says it too.
    await page.goto('/integrations');
    const row = page.locator('[data-testid="integration-row"][data-name="Talkdesk calls"]');
    await see(row.locator('[data-testid="run-wait"][data-kind="report"]'), /Waiting for Talkdesk to prepare the report/);
    await screenshot(page, 'talkdesk-platforms-row-waiting');
    await page.goto(`/integrations/${integrationId}`);

    await page.locator('[data-testid="status-card"] .badge-active').waitFor({ timeout: PATIENCE_MS });
    await see(page.getByTestId('fact-last-data'), /ago|just now/);
    const contacts = await eventually(async () => {
      const answer = await sessionApi<{ contacts: Array<{ sourceRef: string; channel: string }> }>(page, 'GET', `/contacts?integrationId=${encodeURIComponent(integrationId)}`);
      return answer.contacts.length > 0 && answer.contacts;
    }, 'the imported calls');
    expect(contacts.every((c) => c.channel === 'voice')).toBe(true);
    expect(new Set(contacts.map((c) => c.sourceRef)).size).toBe(contacts.length);
  });

  it('diagnoses a call no run has read yet without offering a manual import', async () => {
    const call = talkdesk.endCall();
    await page.goto(`/contacts?ref=${encodeURIComponent(call.call_id)}`);
    await page.getByTestId('not-imported').waitFor();
    const verdict = await see(page.getByTestId('diagnosis-verdict'), 'no manual import');
    expect(verdict).toContain('Talkdesk cannot fetch one call by reference');
    expect(await page.getByTestId('diagnosis').textContent()).toContain(`Why call ${call.call_id} is missing`);
    expect(await page.getByRole('button', { name: /Import (this conversation|it) now/ }).count()).toBe(0);
    await screenshot(page, 'diagnosis-talkdesk');
  });
});
