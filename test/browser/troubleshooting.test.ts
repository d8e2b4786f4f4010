import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import {
  ADMIN,
  eventually,
  hasHorizontalScroll,
  launchBrowser,
  NARROW,
  openPage,
  redeemLink,
  screenshot,
  sessionApi,
  startAll,
  startIntake,
  stopStarted,
  waitForText,
  type RunningIntake,
} from '../support/browser-harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Run {
  id: string;
  status: string;
  dryRun: boolean;
  counts: Record<string, number>;
}

/**
 * "Why is this contact missing?" in the web UI, against the real `intake start` and a Zendesk
 * simulator: the diagnosis of a present, an excluded and an unknown reference, a manual import,
 * a filter change followed by its backfill hint, a backfill preview, a backfill and a cancelled
 * one, health, the settings history, and what a View-only user sees.
 */
describe('the web UI: troubleshooting missing contacts', () => {
  const clock = new ManualClock(new Date());
  const sim = new ZendeskSimulator({ tickets: 0, rateLimit: null, clock });
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let integrationId = '';
  const name = 'Acme support';
  const now = Date.now();

  /** A ticket created `daysAgo`, last changed two hours later (so exports read them in order). */
  const ticket = (daysAgo: number, status: string, tags: string[]) => {
    const created = now - daysAgo * DAY;
    clock.set(created + 2 * HOUR);
    return String(sim.createTicket({ status, tags, created_at: new Date(created).toISOString().replace('.000Z', 'Z') }).id);
  };
  const vip = [20, 16, 12, 8, 4].map((d) => ticket(d, 'solved', ['vip']));
  const billing = [18, 15, 11, 9, 6, 3].map((d) => ticket(d, 'solved', ['billing']));
  const openBilling = [10, 5].map((d) => ticket(d, 'open', ['billing']));
  for (let d = 28; d >= 1; d -= 1.2) ticket(d, 'closed', ['feedback']);
  clock.set(now);

  beforeAll(async () => {
    const simUrl = await sim.start();
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: new URL(simUrl).host, INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: intake.url });
    await redeemLink(page, intake.firstStartLink, ADMIN);
    const created = await sessionApi<{ id: string }>(page, 'POST', '/integrations', {
      platform: 'zendesk',
      name,
      connection: { subdomain: sim.subdomain, baseUrl: sim.url },
      credentials: sim.apiTokenCredentials(),
      settings: { startDate: day(now - 40 * DAY), statusCriteria: ['solved', 'closed'], filters: [{ field: 'tag', operator: 'contains', value: 'vip' }], intervalMinutes: 240 },
    });
    integrationId = created.id;
    await eventually(async () => {
      const i = await sessionApi<{ lastRanAt: string | null; running: boolean }>(page, 'GET', `/integrations/${integrationId}`);
      return i.lastRanAt !== null && !i.running;
    }, 'the first run');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await sim.stop();
  });

  const nav = (p: Page, link: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true });
  const search = async (p: Page, ref: string) => {
    await p.getByLabel('Find a contact by its source reference').fill(ref);
    await p.getByRole('button', { name: 'Search', exact: true }).click();
  };
  const verdict = (p: Page) => p.getByTestId('diagnosis-verdict');
  const tab = (label: string) => page.getByRole('navigation', { name: 'Integration sections' }).getByRole('link', { name: label, exact: true });

  it('diagnoses a present, an excluded and an unknown reference in place', async () => {
    await nav(page, 'Imported contacts & filters').click();
    await search(page, vip[0]!);
    await waitForText(page.getByTestId('found-contact').getByTestId('contact-integration'), name);
    await page.getByRole('button', { name: 'Why does it look like this?' }).click();
    await waitForText(verdict(page), `It is not missing: ticket ${vip[0]} was imported`);

    await search(page, billing[0]!);
    await page.getByTestId('not-imported').waitFor();
    const excluded = await waitForText(verdict(page), 'was excluded');
    expect(excluded).toContain('by the filter `tag contains "vip"` (it had ["billing"])');
    const eligibility = page.locator('[data-testid="diagnosis-step"][data-step="eligibility"]');
    expect(await eligibility.locator('[data-verdict]').getAttribute('data-verdict')).toBe('problem');
    expect(await eligibility.textContent()).toContain('expected tag contains "vip", was ["billing"]');
    expect(await page.getByTestId('diagnosis-step').count()).toBe(5);
    await page.getByTestId('diagnosis').getByTestId('decision-row').first().waitFor();
    await screenshot(page, 'diagnosis-excluded');

    await search(page, '99999999');
    await waitForText(verdict(page), 'Zendesk has no ticket 99999999 in the account "acme"');
    await waitForText(page.locator('[data-testid="diagnosis-step"][data-step="manual_import"]'), 'a manual import would fail');
    expect(await page.getByTestId('diagnosis-actions').getByRole('button', { name: 'Import this conversation now' }).count()).toBe(0);
    await screenshot(page, 'diagnosis-missing');
  });

  it('imports the excluded one from its diagnosis, says what the schedule would have done, and then finds it', async () => {
    await search(page, billing[0]!);
    await page.getByTestId('diagnosis-actions').getByRole('button', { name: 'Import this conversation now' }).click();
    const result = await waitForText(page.getByTestId('manual-import-result'), `Imported ticket ${billing[0]}`);
    expect(result).toContain('The schedule would have excluded it because of the filter tag contains "vip" (it has billing)');
    // The contact shows above the diagnosis, which keeps the import's result.
    await page.getByTestId('found-contact').waitFor();
    await waitForText(verdict(page), 'It is not missing');
    await screenshot(page, 'diagnosis-manual-import');

    await page.getByTestId('diagnosis-actions').getByRole('button', { name: 'Create a support report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a support report' });
    await dialog.getByRole('button', { name: 'Create the report' }).click();
    await waitForText(dialog.getByTestId('support-report'), 'Support report copied to the clipboard');
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toContain(`# Support report: ${name} (Zendesk, account "acme")`);
    expect(copied).toContain(billing[0]);
    expect(await page.getByTestId('support-report-download').getAttribute('download')).toBe('support-report.md');
    // Where the browser refuses the clipboard, the report is there to download or select.
    await page.evaluate(`navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'))`);
    await dialog.getByRole('button', { name: 'Create it again' }).click();
    await waitForText(dialog.getByTestId('support-report'), 'did not let Intake copy it');
    expect(await dialog.getByLabel('Support report (Markdown)').inputValue()).toContain('# Support report:');
    await dialog.getByTestId('support-report-download').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.goto('/contacts');
    await search(page, billing[0]!);
    await waitForText(page.getByTestId('found-contact'), `Ticket ${billing[0]}`);
  });

  it('shows a View-only user the diagnosis without filter details and without manual import', async () => {
    const added = await sessionApi<{ signInLink: { url: string } }>(page, 'POST', '/users', { email: 'vic@example.com', name: 'Vic Viewer', role: 'contact_viewer' });
    const shown = new URL(added.signInLink.url);
    const viewer = await openPage(browser, intake.url);
    try {
      await redeemLink(viewer.page, `${intake.url}${shown.pathname}${shown.hash}`, { password: 'viewer password 123' });
      await search(viewer.page, billing[1]!);
      const text = await waitForText(verdict(viewer.page), 'was excluded');
      expect(text).toContain('by a filter of the integration (someone with Manage Integrations can see which)');
      const panel = (await viewer.page.getByTestId('diagnosis').textContent()) ?? '';
      expect(panel).not.toContain('vip');
      expect(panel).not.toContain('Expected');
      expect(await viewer.page.getByRole('button', { name: 'Import this conversation now' }).count()).toBe(0);
      expect(await viewer.page.getByRole('button', { name: 'Create a support report' }).count()).toBe(0);
      await waitForText(viewer.page.getByTestId('ask-a-manager'), 'Someone with Manage Integrations can import it manually');
      await screenshot(viewer.page, 'diagnosis-viewer');
    } finally {
      await viewer.context.close();
    }
  });

  it('changes a filter, follows the backfill hint, previews the backfill and runs it', async () => {
    await page.goto(`/integrations/${integrationId}/settings`);
    await page.getByTestId('filter-row').first().getByLabel('Value').fill('billing');
    await page.getByLabel('Hours without imports before the alert opens').fill('12');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await waitForText(page.getByTestId('settings-changes'), 'Tag contains “billing”');
    await waitForText(page.getByTestId('backfill-hint'), /contacts? seen since .* excluded by the old/);
    await page.getByTestId('backfill-hint').getByRole('button', { name: 'Preview backfill' }).click();
    await page.waitForURL(/\/backfill\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    const from = new URL(page.url()).searchParams.get('from')!;
    expect(await page.getByLabel('First day').inputValue()).toBe(from);
    await page.getByTestId('backfill-hint').waitFor();

    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = page.locator('[data-testid="backfill-preview"][data-status="succeeded"]');
    await preview.getByTestId('preview-estimate').waitFor();
    const run = await sessionApi<Run>(page, 'GET', `/runs/${await preview.getAttribute('data-run-id')}`);
    expect(run.dryRun).toBe(true);
    for (const outcome of ['imported', 'updated', 'unchanged', 'excluded']) {
      const shownCount = await preview.locator(`[data-testid="backfill-count"][data-outcome="${outcome}"] dd`).textContent();
      expect(Number(shownCount), outcome).toBe(run.counts[outcome]);
    }
    expect(run.counts.imported).toBe(billing.length - 1);
    await waitForText(preview.getByTestId('preview-sentence'), `A backfill would import ${run.counts.imported} contacts`);
    expect(await preview.getByTestId('preview-estimate').textContent()).toMatch(/requests? to Zendesk/);
    await screenshot(page, 'backfill-preview');

    await page.getByRole('button', { name: 'Start backfill' }).click();
    const done = page.locator('[data-testid="backfill-run"][data-status="succeeded"]');
    await done.getByRole('progressbar', { name: 'Backfill progress' }).and(page.locator('[aria-valuenow="100"]')).waitFor();
    await waitForText(done.getByTestId('backfill-done'), `${run.counts.imported} contacts imported`);
    await screenshot(page, 'backfill-done');

    await done.getByRole('link', { name: 'See the imported contacts' }).click();
    await page.getByLabel('Tag', { exact: true }).fill('billing');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/tag=billing/);
    await eventually(async () => (await page.getByTestId('contact-row').count()) === billing.length, 'every billing contact listed');
  });

  it('starts a backfill, watches its progress and cancels it; the range can then be resumed', async () => {
    sim.maxPageSize = 2;
    sim.beforeExport = () => new Promise((resolve) => setTimeout(resolve, 300));
    try {
      // A range the wrong way round is said beside the last day, before anything is sent.
      await page.goto(`/integrations/${integrationId}/backfill?from=${day(now - 2 * DAY)}&to=${day(now - 5 * DAY)}`);
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await waitForText(page.getByTestId('field-error'), 'Must be on or after the first day');
      expect(await page.getByLabel('Last day').getAttribute('aria-invalid')).toBe('true');

      // A range that starts before the start date says those contacts stay excluded, and where to change it.
      await page.goto(`/integrations/${integrationId}/backfill?from=${day(now - 45 * DAY)}&to=${day(now + DAY)}`);
      const beforeStart = page.getByTestId('backfill-before-start');
      await waitForText(beforeStart, `Before the start date (${day(now - 40 * DAY)}): contacts created earlier stay excluded`);
      expect(await beforeStart.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe(`/integrations/${integrationId}/settings`);
      await screenshot(page, 'backfill-before-start-date');

      await page.goto(`/integrations/${integrationId}/backfill?from=${day(now - 30 * DAY)}&to=${day(now + DAY)}`);
      expect(await page.getByTestId('backfill-before-start').count()).toBe(0);
      await page.getByRole('button', { name: 'Start backfill' }).click();
      const running = page.locator('[data-testid="backfill-run"][data-status="running"]');
      await waitForText(running.getByTestId('backfill-progress-text'), /[1-9]\d* records processed/);
      expect(Number(await running.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeLessThan(100);
      await screenshot(page, 'backfill-progress');
      await running.getByRole('button', { name: 'Cancel backfill' }).click();
      const cancelled = page.locator('[data-testid="backfill-run"][data-status="cancelled"]');
      await waitForText(cancelled.getByTestId('backfill-stopped'), 'Start the same range again to resume');
      await page.getByRole('button', { name: 'Resume backfill' }).waitFor();
    } finally {
      sim.beforeExport = null;
      sim.maxPageSize = 1000;
    }
  });

  it('shows health for the integration and the workspace, with totals that match the API', async () => {
    await page.goto(`/integrations/${integrationId}`);
    await page.getByTestId('troubleshoot').getByRole('link', { name: 'Health' }).click();
    await page.getByTestId('volume-chart').locator('svg.recharts-surface').waitFor();
    await page.getByTestId('requests-chart').locator('svg.recharts-surface').waitFor();
    const health = await sessionApi<{ buckets: Array<Record<string, number>> }>(page, 'GET', `/integrations/${integrationId}/health?bucket=hour`);
    const sum = (key: string) => health.buckets.reduce((n, b) => n + (b[key] ?? 0), 0);
    for (const key of ['imported', 'excluded', 'sourceRequests']) {
      expect(Number((await page.locator(`[data-testid="health-totals"] [data-total="${key}"] dd`).textContent())?.replaceAll(',', '')), key).toBe(sum(key));
    }
    expect(sum('imported')).toBeGreaterThan(0);
    await waitForText(page.getByTestId('volume-chart').locator('[data-series="excluded:filter"]'), 'Excluded (filter)');
    await page.getByTestId('no-open-alerts').waitFor();
    await page.locator('[data-testid="status-time"] [data-status="active"]').waitFor();
    await screenshot(page, 'health-integration');
    await page.getByRole('button', { name: 'Show as a table' }).click();
    await page.getByTestId('health-table').waitFor();

    // Too long for hours: the API's answer shows beside From, with the way out.
    await page.goto(`/integrations/${integrationId}/health?range=custom&from=${day(now - 200 * DAY)}&to=${day(now)}&bucket=hour`);
    await waitForText(page.getByTestId('field-error'), /the range holds \d+ hours/i);
    await page.getByRole('button', { name: 'Show it per day instead' }).click();
    await page.waitForURL(/bucket=day/);
    await page.getByTestId('volume-chart').locator('svg.recharts-surface').waitFor();

    await nav(page, 'Health').click();
    await page.getByRole('heading', { name: 'Health', level: 1 }).waitFor();
    await page.getByTestId('volume-chart').locator('svg.recharts-surface').waitFor();
    await page.getByLabel('Last 30 days, daily').check();
    await page.waitForURL(/range=30d/);
    await page.getByTestId('volume-chart').locator('svg.recharts-surface').waitFor();
    await screenshot(page, 'health-workspace');
  });

  it('shows the filter change in the settings history: who, when, before and after', async () => {
    await page.goto(`/integrations/${integrationId}`);
    await tab('Settings history').click();
    const change = page.locator('[data-testid="history-entry"][data-kind="settings"]').first();
    const text = await waitForText(change, 'Changed the settings');
    expect(text).toContain(`by ${ADMIN.email}`);
    expect(text).toMatch(/FiltersTag contains “vip”→changed toTag contains “billing”/);
    expect(text).toContain('after 24 hours without imports');
    expect(text).toContain('after 12 hours without imports');
    await page.locator('[data-testid="history-entry"][data-kind="created"]').waitFor();
    await screenshot(page, 'settings-history');
  });

  it('fits the new screens on a narrow window', async () => {
    await page.setViewportSize(NARROW);
    try {
      for (const path of [`/integrations/${integrationId}/backfill`, `/integrations/${integrationId}/health`, `/integrations/${integrationId}/history`, '/health', `/contacts?ref=${openBilling[0]}`]) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.locator('.skeleton').first().waitFor({ state: 'detached' });
        expect(await hasHorizontalScroll(page), `horizontal scroll on ${path}`).toBe(false);
        if (path === '/health') await screenshot(page, 'health-narrow');
      }
      await page.getByTestId('diagnosis').waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      await screenshot(page, 'diagnosis-narrow');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});
