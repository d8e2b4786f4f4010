import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { ADMIN, eventually, launchBrowser, openPage, redeemLink, screenshot, sessionApi, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

/**
 * A QA admin's day in the web UI, against the real `intake start` and a Zendesk simulator:
 * first sign-in, adding Zendesk, filters, pause and resume, a revoked token and its reconnect,
 * and finding a contact that was imported and one that was not.
 */
describe('the web UI: an admin with Zendesk', () => {
  let sim: ZendeskSimulator;
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const name = 'Acme support';

  beforeAll(async () => {
    sim = new ZendeskSimulator({ tickets: 60, rateLimit: null });
    const simUrl = await sim.start();
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: new URL(simUrl).host }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await sim?.stop();
  });

  const row = () => page.locator(`[data-testid="integration-row"][data-name="${name}"]`);
  const badge = () => row().getByTestId('status-badge');
  const nav = (link: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true });

  it('sets up the first admin from the first-start link, signs out, and signs in with the password', async () => {
    await page.goto(intake.firstStartLink);
    await page.getByRole('heading', { name: 'Set up your account' }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByLabel('Confirm password').fill('too short');
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    await waitForText(page.getByTestId('field-error'), 'Must be at least 12 characters');
    await screenshot(page, 'sign-in-set-up-account');

    await redeemLink(page, intake.firstStartLink, { email: ADMIN.email, name: ADMIN.name, password: ADMIN.password });
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toBe(ADMIN.name);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForText(page.getByTestId('form-error'), 'Email or password is not right');
    await screenshot(page, 'sign-in-wrong-password');
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
  });

  it('adds a Zendesk integration against the simulator and watches it import', async () => {
    await page.getByRole('link', { name: 'Add integration' }).click();
    await page.getByRole('heading', { name: 'Add integration' }).waitFor();
    await page.getByRole('button', { name: 'Test connection and add' }).click();
    // Every problem is shown beside its control.
    await page.getByLabel('Subdomain').and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'add-integration-errors');

    const credentials = sim.apiTokenCredentials();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Subdomain').fill(sim.subdomain);
    await page.getByLabel('Base URL (optional)').fill(sim.url);
    await page.getByLabel('Admin email', { exact: true }).fill(credentials.email);
    await page.getByLabel('API token', { exact: true }).fill('not-the-token');
    await page.getByRole('button', { name: 'Test connection and add' }).click();
    await waitForText(page.getByTestId('form-error'), 'The platform rejected these credentials');

    // Small, slow pages, so the first import runs long enough to watch its progress.
    sim.maxPageSize = 10;
    sim.beforeExport = () => new Promise((resolve) => setTimeout(resolve, 700));
    await page.getByLabel('API token', { exact: true }).fill(credentials.token);
    await page.getByRole('button', { name: 'Test connection and add' }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await nav('Integrations').click();
    await waitForText(row().getByTestId('run-progress'), /Importing · [1-9]\d* records · [1-9]\d* pages?/);
    await screenshot(page, 'platforms-running');
    sim.beforeExport = null;
    await row().getByRole('link', { name, exact: true }).click();
    await page.locator('[data-testid="status-card"] .badge-active').waitFor();
    await waitForText(page.getByTestId('fact-last-data'), /ago|just now/);
    await page.getByTestId('runs-table').getByRole('link', { name: 'Scheduled' }).first().waitFor();
    await screenshot(page, 'integration-overview');

    await nav('Imported contacts & filters').click();
    await page.getByRole('heading', { name: 'Imported contacts & filters' }).waitFor();
    await page.getByLabel('Integration', { exact: true }).selectOption({ label: `${name} — Zendesk ${sim.subdomain}` });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.locator('[data-testid="contact-row"]').first().waitFor();
    expect(await page.locator('[data-testid="contact-row"]').count()).toBeGreaterThan(0);
  });

  it('opens the first run and pages through its decisions, filtered by outcome', async () => {
    await nav('Integrations').click();
    await row().getByRole('link', { name, exact: true }).click();
    await page.getByRole('link', { name: 'Run history' }).click();
    await page.getByTestId('runs-table').getByRole('link', { name: 'Scheduled' }).first().waitFor();
    await screenshot(page, 'integration-runs');
    await page.getByTestId('runs-table').getByRole('link', { name: 'Scheduled' }).first().click();
    await page.getByRole('heading', { name: 'Scheduled run' }).waitFor();
    const rows = page.getByTestId('decision-row');
    await rows.nth(49).waitFor();
    expect(await rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await rows.nth(59).waitFor();
    await page.getByLabel('Outcome').selectOption('excluded');
    await waitForText(page.locator('[data-testid="decision-row"]').first(), 'Excluded');
    const outcomes = await page.locator('[data-testid="decision-row"] [data-outcome]').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
    expect(new Set(outcomes)).toEqual(new Set(['excluded']));
    await screenshot(page, 'run-page');
  });

  it('changes a filter in Settings and shows what changed', async () => {
    await nav('Integrations').click();
    await row().getByRole('link', { name, exact: true }).click();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();

    // Wider status criteria would now take contacts excluded before: a backfill is offered.
    await page.getByRole('checkbox', { name: 'Open' }).check();
    await page.getByRole('checkbox', { name: 'Pending' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await waitForText(page.getByTestId('settings-changes'), 'Status criteria: solved, closed');
    const hint = await waitForText(page.getByTestId('backfill-hint'), /were excluded by the old status criteria/);
    expect(hint).toMatch(/\d+ contacts seen since/);
    await screenshot(page, 'settings-backfill-hint');
    await page.getByTestId('backfill-hint').getByRole('button', { name: 'Preview backfill' }).click();
    await page.waitForURL(/\/backfill\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    await page.goBack();

    await page.getByRole('button', { name: 'Add condition' }).click();
    const first = page.getByTestId('filter-row').nth(0);
    await first.getByLabel('Field').selectOption('tag');
    await first.getByLabel('Operator').selectOption('contains');
    await first.getByLabel('Value').fill('vip');
    // A list operator without values: the API's message shows beside that row's value.
    await page.getByRole('button', { name: 'Add condition' }).click();
    const second = page.getByTestId('filter-row').nth(1);
    await second.getByLabel('Field').selectOption('channel');
    await second.getByLabel('Operator').selectOption('is_one_of');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await waitForText(second.getByTestId('field-error'), /value/i);
    await screenshot(page, 'settings-field-error');

    await second.getByLabel('Values').fill('email');
    await second.getByLabel('Values').press('Enter');
    await second.getByLabel('Values').fill('web');
    await second.getByLabel('Values').press('Enter');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const changes = await waitForText(page.getByTestId('settings-changes'), 'What changed');
    expect(changes).toContain('Filters:');
    expect(changes).not.toContain('Status criteria');
    expect(changes).toContain('none');
    expect(changes).toContain('Tag contains “vip”');
    expect(changes).toContain('Channel is one of “email”, “web”');
    await screenshot(page, 'settings-what-changed');
  });

  it('sorts and searches the Platforms table, and pauses and resumes from it', async () => {
    await nav('Integrations').click();
    await row().waitFor();
    const names = () => page.getByTestId('integration-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    expect(await names()).toEqual([name, 'Sandbox help desk']);
    await page.getByRole('button', { name: 'Integration', exact: true }).click();
    expect(await names()).toEqual(['Sandbox help desk', name]);
    await page.getByLabel('Search integrations').fill('zendesk');
    expect(await names()).toEqual([name]);
    await page.getByLabel('Search integrations').fill('');

    await row().getByRole('button', { name: `Pause: ${name}` }).click();
    await page.locator(`[data-testid="integration-row"][data-name="${name}"] [data-status="paused"]`).waitFor();
    await waitForText(page.getByTestId('notice'), 'Paused');
    await row().getByRole('button', { name: `Resume: ${name}` }).click();
    await page.locator(`[data-testid="integration-row"][data-name="${name}"] [data-status="active"]`).waitFor();
  });

  it('shows a rate-limited integration waiting, with a countdown to when it resumes', async () => {
    // Resuming started a run: let it end first, or "Run now" meets it (already running) and the fault waits.
    await eventually(async () => {
      const { integrations } = await sessionApi<{ integrations: Array<{ name: string; running: boolean }> }>(page, 'GET', '/integrations');
      return integrations.some((i) => i.name === name && !i.running);
    }, 'the run started by Resume to end');
    sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 600, count: 1 });
    await row().getByRole('button', { name: `Run now: ${name}` }).click();
    await page.locator(`[data-testid="integration-row"][data-name="${name}"] [data-status="warning"]`).waitFor({ timeout: 20_000 });
    const wait = await waitForText(row().getByTestId('rate-limit-wait'), /resumes in (09|10):\d\d/);
    expect(wait).toContain('Rate limited');
    await screenshot(page, 'platforms-rate-limited');
    await badge().hover();
    await waitForText(page.getByRole('tooltip').filter({ hasText: 'Rate limited' }), /Zendesk/);
    await page.mouse.move(0, 0);
  });

  it('shows a revoked token as a failure with its message, and recovers after Reconnect', async () => {
    sim.revokeAll();
    await row().getByRole('button', { name: `Run now: ${name}` }).click();
    await page.locator(`[data-testid="integration-row"][data-name="${name}"] [data-status="failure"]`).waitFor({ timeout: 20_000 });
    await badge().hover();
    const tooltip = await waitForText(page.getByRole('tooltip').filter({ hasText: 'Zendesk' }), /rejected|revoked/i);
    expect(tooltip).toMatch(/Credentials revoked|Credentials expired/);
    // The schedule no longer hammers it: the next run is only a check.
    await waitForText(row(), /Checks again in \d+ min/);
    await screenshot(page, 'platforms-failure-tooltip');
    // Keyboard users get the same: focus shows it too.
    await page.mouse.move(0, 0);
    await badge().focus();
    await page.getByRole('tooltip').filter({ hasText: 'Zendesk' }).waitFor();

    await row().getByRole('link', { name, exact: true }).click();
    await waitForText(page.getByTestId('last-error-message'), /Zendesk/);
    await screenshot(page, 'integration-failure');
    await page.getByTestId('last-error').getByRole('button', { name: 'Reconnect' }).click();

    const fresh = sim.addUser({ email: 'new-admin@acme.example', role: 'admin', token: randomBytes(12).toString('hex') });
    await page.getByLabel('Admin email', { exact: true }).fill(fresh.email);
    await page.getByLabel('API token', { exact: true }).fill('wrong-token');
    await page.getByRole('button', { name: 'Test and reconnect' }).click();
    await waitForText(page.getByTestId('reconnect-error'), 'The platform rejected these credentials');
    await screenshot(page, 'reconnect-rejected');

    await page.getByLabel('API token', { exact: true }).fill(fresh.token!);
    await page.getByRole('button', { name: 'Test and reconnect' }).click();
    await waitForText(page.getByTestId('reconnect-success'), 'The failure is cleared');
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.locator('[data-testid="status-card"] .badge-active').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('last-error').count()).toBe(0);
  });

  it('finds an imported contact by reference, and explains one that was not imported', async () => {
    await nav('Imported contacts & filters').click();
    const present = (await page.locator('[data-testid="contact-row"] a.mono').first().textContent())!;
    await page.getByLabel('Find a contact by its source reference').fill(present);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('found-contact').first().waitFor();
    await screenshot(page, 'contacts-found');
    await page.getByTestId('found-contact').first().getByRole('link').first().click();
    await page.getByTestId('contact-details').waitFor();
    await page.getByTestId('decision-row').first().waitFor();
    await screenshot(page, 'contact-page');

    // A ticket the status criteria excluded: not imported, and the ledger says why.
    const excluded = sim.tickets().find((t) => t.status === 'open' || t.status === 'pending')!;
    await page.goto(`/contacts?ref=${excluded.id}`);
    await page.getByTestId('missing-contact').waitFor();
    await waitForText(page.getByTestId('missing-contact').getByTestId('decision-row'), 'Status not eligible');
    await screenshot(page, 'contacts-not-imported');

    await page.getByLabel('Find a contact by its source reference').fill('99999999');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('never-seen').waitFor();
  });
});
