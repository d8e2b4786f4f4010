import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import type { Locator } from 'playwright-core';
import { ADMIN, eventually as eventuallyWithin, launchBrowser, openPage, redeemLink, screenshot, sessionApi, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

/**
 * Every wait below is on what the page or the service says. The bounds are only how long to keep
 * looking before calling it a failure: generous, so a busy machine (CI on a developer's laptop,
 * both cores loaded) is slow but never red.
 */
const PATIENCE_MS = 60_000;
const see = (locator: Locator, expected: string | RegExp) => waitForText(locator, expected, PATIENCE_MS);
const eventually = <T>(check: () => Promise<T | undefined | false>, what: string) => eventuallyWithin(check, what, PATIENCE_MS);

/** Holds a simulator's export requests from the nth on until released: the run stays where the test looks at it. */
function holdExports(sim: ZendeskSimulator, from: number): () => void {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  sim.beforeExport = (n) => (n >= from ? released : undefined);
  return () => {
    sim.beforeExport = null;
    release();
  };
}

/**
 * A QA admin's day in the web UI, against the real `intake start` and a Zendesk simulator:
 * first sign-in, adding Zendesk, filters, pause and resume, a revoked token and its reconnect,
 * and finding a contact that was imported and one that was not.
 */
describe('the web UI: an admin with Zendesk', { timeout: 3 * PATIENCE_MS }, () => {
  let sim: ZendeskSimulator;
  /** Allows 2 export requests a minute: a run of 11 pages spends minutes waiting on the budget. */
  let tight: ZendeskSimulator;
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const name = 'Acme support';

  beforeAll(async () => {
    sim = new ZendeskSimulator({ tickets: 60, rateLimit: null });
    tight = new ZendeskSimulator({ tickets: 100, rateLimit: { requests: 2, windowSeconds: 60 }, maxPageSize: 10, subdomain: 'tight' });
    const hosts = [await sim.start(), await tight.start()].map((url) => new URL(url).host).join(',');
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: hosts }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    context.setDefaultTimeout(PATIENCE_MS);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await sim?.stop();
    await tight?.stop();
  });

  const row = () => page.locator(`[data-testid="integration-row"][data-name="${name}"]`);
  const badge = () => row().getByTestId('status-badge');
  const nav = (link: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true });

  /**
   * Hovers until the tooltip reads as expected. The row can move under a still mouse while the
   * table refreshes (a line appears or goes), which closes a tooltip: hovering again is what a
   * user does.
   */
  const hoverForTooltip = (trigger: Locator, hasText: string, expected: RegExp) =>
    eventually(async () => {
      await page.mouse.move(0, 0);
      await trigger.hover();
      const text = await page.getByRole('tooltip').filter({ hasText }).first().textContent({ timeout: 2_000 }).catch(() => null);
      return text !== null && expected.test(text) ? text : undefined;
    }, `the tooltip to read ${String(expected)}`);

  it('sets up the first admin from the first-start link, signs out, and signs in with the password', async () => {
    await page.goto(intake.firstStartLink);
    await page.getByRole('heading', { name: 'Set up your account' }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByLabel('Confirm password').fill('too short');
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    await see(page.getByTestId('field-error'), 'Must be at least 12 characters');
    await screenshot(page, 'sign-in-set-up-account');

    await redeemLink(page, intake.firstStartLink, { email: ADMIN.email, name: ADMIN.name, password: ADMIN.password });
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toBe(ADMIN.name);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see(page.getByTestId('form-error'), 'Email or password is not right');
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
    await page.getByText('Advanced: Base URL').click();
    await page.getByLabel('Base URL', { exact: true }).fill(sim.url);
    await page.getByLabel('Admin email', { exact: true }).fill(credentials.email);
    await page.getByTestId('credential-fields').getByLabel('API token', { exact: true }).fill('not-the-token');
    await page.getByRole('button', { name: 'Test connection and add' }).click();
    await see(page.getByTestId('form-error'), 'The platform rejected these credentials');

    // Small pages, and the third one held back until the progress was seen: the first import stays
    // in flight while the test looks, however slow the machine.
    sim.maxPageSize = 10;
    const release = holdExports(sim, 3);
    await page.getByTestId('credential-fields').getByLabel('API token', { exact: true }).fill(credentials.token);
    await page.getByRole('button', { name: 'Test connection and add' }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await nav('Integrations').click();
    await see(row().getByTestId('run-progress'), /Importing · 20 records · 2 pages · 2 requests/);
    await screenshot(page, 'platforms-running');
    release();
    await row().getByRole('link', { name, exact: true }).click();
    await page.locator('[data-testid="status-card"] .badge-active').waitFor();
    await see(page.getByTestId('fact-last-data'), /ago|just now/);
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
    await see(page.locator('[data-testid="decision-row"]').first(), 'Excluded');
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
    await see(page.getByTestId('settings-changes'), 'Status criteria: solved, closed');
    const hint = await see(page.getByTestId('backfill-hint'), /were excluded by the old status criteria/);
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
    await see(second.getByTestId('field-error'), /value/i);
    await screenshot(page, 'settings-field-error');

    await second.getByLabel('Values').fill('email');
    await second.getByLabel('Values').press('Enter');
    await second.getByLabel('Values').fill('web');
    await second.getByLabel('Values').press('Enter');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const changes = await see(page.getByTestId('settings-changes'), 'What changed');
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
    await see(page.getByTestId('notice'), 'Paused');
    await row().getByRole('button', { name: `Resume: ${name}` }).click();
    await page.locator(`[data-testid="integration-row"][data-name="${name}"] [data-status="active"]`).waitFor();
  });

  it('shows a rate-limited integration waiting, with a countdown to when it resumes', async () => {
    // Resuming made the integration due at once: let that run start and end first. "Not running"
    // alone is also true before it started — on a busy machine the fault then went to that run,
    // "Run now" ran clean, and the badge was back to active. Nothing due and nothing running is
    // what the service says once it is over.
    await eventually(async () => {
      const { integrations } = await sessionApi<{ integrations: Array<{ name: string; running: boolean; nextRunAt: string | null }> }>(page, 'GET', '/integrations');
      return integrations.some((i) => i.name === name && !i.running && i.nextRunAt !== null && Date.parse(i.nextRunAt) > Date.now());
    }, 'the run started by Resume to end');
    sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 600, count: 1 });
    await nav('Integrations').click();
    await row().getByRole('button', { name: `Run now: ${name}` }).click();
    await page.locator(`[data-testid="integration-row"][data-name="${name}"] [data-status="warning"]`).waitFor();
    const wait = await see(row().getByTestId('rate-limit-wait'), /resumes in (09|10):\d\d/);
    expect(wait).toContain('Rate limited');
    await screenshot(page, 'platforms-rate-limited');
    await hoverForTooltip(badge(), 'Rate limited', /Zendesk/);
    await page.mouse.move(0, 0);
  });

  it('shows a revoked token as a failure with its message, and recovers after Reconnect', async () => {
    sim.revokeAll();
    await nav('Integrations').click();
    await row().getByRole('button', { name: `Run now: ${name}` }).click();
    await page.locator(`[data-testid="integration-row"][data-name="${name}"] [data-status="failure"]`).waitFor();
    const tooltip = await hoverForTooltip(badge(), 'Zendesk', /rejected|revoked/i);
    expect(tooltip).toMatch(/Credentials revoked|Credentials expired/);
    // The schedule no longer hammers it: the next run is only a check.
    await see(row(), /Checks again in \d+ min/);
    await screenshot(page, 'platforms-failure-tooltip');
    // Keyboard users get the same: focus shows it too.
    await page.mouse.move(0, 0);
    await badge().focus();
    await page.getByRole('tooltip').filter({ hasText: 'Zendesk' }).waitFor();

    await row().getByRole('link', { name, exact: true }).click();
    await see(page.getByTestId('last-error-message'), /Zendesk/);
    await screenshot(page, 'integration-failure');
    await page.getByTestId('last-error').getByRole('button', { name: 'Reconnect' }).click();

    const fresh = sim.addUser({ email: 'new-admin@acme.example', role: 'admin', token: randomBytes(12).toString('hex') });
    await page.getByLabel('Admin email', { exact: true }).fill(fresh.email);
    await page.getByTestId('credential-fields').getByLabel('API token', { exact: true }).fill('wrong-token');
    await page.getByRole('button', { name: 'Test and reconnect' }).click();
    await see(page.getByTestId('reconnect-error'), 'The platform rejected these credentials');
    await screenshot(page, 'reconnect-rejected');

    await page.getByTestId('credential-fields').getByLabel('API token', { exact: true }).fill(fresh.token!);
    await page.getByRole('button', { name: 'Test and reconnect' }).click();
    await see(page.getByTestId('reconnect-success'), 'The failure is cleared');
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.locator('[data-testid="status-card"] .badge-active').waitFor();
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
    await see(page.getByTestId('missing-contact').getByTestId('decision-row'), 'Status not eligible');
    await screenshot(page, 'contacts-not-imported');

    await page.getByLabel('Find a contact by its source reference').fill('99999999');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('never-seen').waitFor();
  });

  it('asks before turning the Integrations flag off, saying what stops; the Platforms screen then says imports are stopped', async () => {
    await nav('Workspace').click();
    const flag = page.getByRole('switch', { name: /Integrations/ });
    const dialog = page.getByRole('dialog', { name: 'Turn off Integrations?' });
    await flag.click();
    const asked = await see(dialog, 'no import runs');
    expect(asked).toContain('a run in progress stops after the page it is writing');
    expect(asked).toContain('each integration resumes from its checkpoint');
    await screenshot(page, 'workspace-flag-confirm');
    // Changing one's mind changes nothing.
    await dialog.getByRole('button', { name: 'Keep it on' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await flag.isChecked()).toBe(true);
    expect((await sessionApi<{ featureFlags: Record<string, boolean> }>(page, 'GET', '/workspace')).featureFlags.integrations).toBe(true);

    await flag.click();
    await dialog.getByRole('button', { name: 'Turn off Integrations' }).click();
    await see(page.locator('.switch'), 'off');
    await nav('Integrations').click();
    const notice = await see(page.getByTestId('imports-stopped'), 'Imports are stopped');
    expect(notice).toContain('resumes from its checkpoint');
    await screenshot(page, 'platforms-integrations-off');
    await page.getByRole('button', { name: 'Turn on Integrations' }).click();
    await row().waitFor();
  });

  it("shows a run waiting on Zendesk's rate limit — what for, until when and why — on the Platforms row, the overview and the run page", async () => {
    const tightName = 'Tight budget';
    await sessionApi(page, 'POST', '/integrations', { platform: 'zendesk', name: tightName, connection: { subdomain: tight.subdomain, baseUrl: tight.url }, credentials: tight.apiTokenCredentials() });
    await nav('Integrations').click();
    const tightRow = page.locator(`[data-testid="integration-row"][data-name="${tightName}"]`);
    // Two requests a minute, eleven to make: the run spends minutes waiting for the next window
    // (a few requests at each window's start, then waiting again), so every check below meets a wait.
    const reason = /Zendesk allows 2 requests a minute — next request at \d\d:\d\d:\d\d UTC/;
    const waiting = await see(tightRow.getByTestId('run-wait'), reason);
    expect(waiting).toMatch(/^Waiting for the rate limit · 00:\d\d — Zendesk allows/);
    await see(tightRow.getByTestId('run-progress'), /^Importing · [1-9]\d* records · [1-9]\d* pages? · [1-9]\d* requests?$/);
    await screenshot(page, 'platforms-waiting-on-rate-limit');

    await tightRow.getByRole('link', { name: tightName, exact: true }).click();
    const running = page.getByTestId('running-now');
    await see(running, /run running since .+: \d+ records in [1-9]\d* pages? so far, [1-9]\d* requests?, 0 answered 429/);
    await see(running.getByTestId('run-wait'), reason);
    // It has not "last run": it is running, since when it started.
    await see(page.locator('dl.facts > div').filter({ has: page.getByTestId('fact-last-ran') }), /^Running since/);
    await screenshot(page, 'integration-overview-waiting');

    await running.getByRole('link').click();
    await see(page.getByTestId('run-wait-callout'), reason);
    await see(page.locator('dl.facts > div').filter({ hasText: 'Requests / 429s so far' }), /[1-9]\d* \/ 0/);
    await screenshot(page, 'run-page-waiting');

    // The API says the same.
    type Listed = { integrations: Array<{ name: string; activeRun: { wait: { kind: string; reason: string; until: string } | null; source: { requests: number } } | null }> };
    const active = await eventually(async () => {
      const { integrations } = await sessionApi<Listed>(page, 'GET', '/integrations');
      const run = integrations.find((i) => i.name === tightName)?.activeRun;
      return run?.wait ? run : undefined;
    }, 'the API to show the wait');
    expect(active.wait).toMatchObject({ kind: 'budget', reason: expect.stringMatching(reason), until: expect.stringMatching(/^\d{4}-/) });
    expect(active.source.requests).toBeGreaterThan(0);
  });
});
