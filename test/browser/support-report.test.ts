import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import {
  ADMIN,
  eventually,
  launchBrowser,
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

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Run {
  id: string;
  status: string;
  dryRun: boolean;
  counts: Record<string, number>;
}

/**
 * Issue 9.4: the support report holds what the troubleshooting guide asks for — the integration,
 * the affected days, several references — chosen in a dialog wherever it is offered; and a backfill
 * preview never reads as an import (run history, the run page, the report).
 */
describe('the web UI: support reports and backfill previews', () => {
  const now = Date.now();
  const clock = new ManualClock(new Date(now));
  const acme = new ZendeskSimulator({ tickets: 0, rateLimit: null, subdomain: 'acme', clock });
  const beta = new ZendeskSimulator({ tickets: 0, rateLimit: null, subdomain: 'beta', clock });
  /** Created `daysAgo`, last changed an hour later: the export (which leaves out the last minute) reads it. */
  const at = (daysAgo: number) => {
    clock.set(now - daysAgo * DAY + 3_600_000);
    return new Date(now - daysAgo * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  const vip = [9, 6, 3].map((d) => String(acme.createTicket({ status: 'solved', tags: ['vip'], created_at: at(d) }).id));
  const billing = [8, 5, 2].map((d) => String(acme.createTicket({ status: 'solved', tags: ['billing'], created_at: at(d) }).id));
  for (let i = 0; i < 4; i += 1) beta.createTicket({ id: 70_001 + i, status: 'closed', created_at: at(4) });
  clock.set(now);
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let acmeId = '';
  let betaId = '';

  const add = async (name: string, sim: ZendeskSimulator, filters: unknown[]) =>
    (
      await sessionApi<{ id: string }>(page, 'POST', '/integrations', {
        platform: 'zendesk',
        name,
        connection: { subdomain: sim.subdomain, baseUrl: sim.url },
        credentials: sim.apiTokenCredentials(),
        settings: { startDate: day(now - 30 * DAY), filters, intervalMinutes: 240 },
      })
    ).id;
  const idle = (id: string) => async () => {
    const i = await sessionApi<{ lastRanAt: string | null; running: boolean }>(page, 'GET', `/integrations/${id}`);
    return i.lastRanAt !== null && !i.running;
  };

  beforeAll(async () => {
    const hosts = [await acme.start(), await beta.start()].map((u) => new URL(u).host).join(',');
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: hosts, INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: intake.url });
    await redeemLink(page, intake.firstStartLink, ADMIN);
    acmeId = await add('Acme support', acme, [{ field: 'tag', operator: 'contains', value: 'vip' }]);
    betaId = await add('Beta phones', beta, []);
    await eventually(idle(acmeId), 'the first run of Acme support');
    await eventually(idle(betaId), 'the first run of Beta phones');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await acme.stop();
    await beta.stop();
  });

  const dialog = () => page.getByRole('dialog', { name: 'Create a support report' });
  const chips = () => dialog().locator('.chip').evaluateAll((els) => els.map((e) => e.textContent?.trim()));
  const clipboard = () => page.evaluate<string>('navigator.clipboard.readText()');

  it("opens from a diagnosis with its integration, days and reference, and takes more references", async () => {
    await page.goto(`/contacts?ref=${billing[0]}`);
    await waitForText(page.getByTestId('diagnosis-verdict'), 'was excluded');
    const open = page.getByTestId('diagnosis-actions').getByRole('button', { name: 'Create a support report' });
    await open.click();
    await dialog().waitFor();
    expect(await dialog().getByLabel('Integration').inputValue()).toBe(acmeId);
    expect(await chips()).toEqual([billing[0]]);
    // A week before the ticket's last decision, up to today.
    expect(await dialog().getByLabel('First day').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await dialog().getByLabel('Last day').inputValue()).toBe(day(Date.now()));

    const refs = dialog().getByLabel('References (optional)');
    await refs.fill('99999999');
    await refs.press('Enter');
    await refs.pressSequentially(`${billing[1]},`);
    expect(await chips()).toEqual([billing[0], '99999999', billing[1]]);
    // Enter in the references adds, it does not send the form.
    expect(await dialog().getByTestId('support-report').count()).toBe(0);
    await dialog().getByLabel('First day').fill(day(now - 10 * DAY));
    await dialog().getByLabel('Last day').fill(day(now));
    await screenshot(page, 'support-report-dialog');

    await dialog().getByRole('button', { name: 'Create the report' }).click();
    await waitForText(dialog().getByTestId('support-report'), 'Support report copied to the clipboard');
    const report = await clipboard();
    expect(report).toContain('# Support report: Acme support (Zendesk, account "acme")');
    expect(report).toContain(`Range ${day(now - 10 * DAY)} 00:00 UTC to ${day(now + DAY)} 00:00 UTC`);
    expect(report.match(/^### .*$/gm)).toEqual([`### ${billing[0]} — excluded by filter`, '### 99999999 — unknown reference', `### ${billing[1]} — excluded by filter`]);
    await screenshot(page, 'support-report-copied');

    // Escape closes it and gives the focus back to the button that opened it.
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(await open.evaluate((el, focused) => el === focused, await page.evaluateHandle('document.activeElement'))).toBe(true);
  });

  it("shows the API's problems beside the fields they concern", async () => {
    await page.goto(`/integrations/${acmeId}`);
    await page.getByRole('button', { name: 'Create a support report' }).click();
    const first = dialog().getByLabel('First day');
    const last = dialog().getByLabel('Last day');
    await first.fill(day(now - 2 * DAY));
    await last.fill(day(now - 5 * DAY));
    await dialog().getByRole('button', { name: 'Create the report' }).click();
    await waitForText(dialog().getByTestId('field-error'), 'Must be on or after the first day');
    expect(await last.getAttribute('aria-invalid')).toBe('true');
    await page.setViewportSize({ width: 800, height: 700 });
    await screenshot(page, 'support-report-dialog-error-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });

    // An incomplete day is said in the picker's terms, never as YYYY-MM-DD.
    await first.fill('');
    await last.fill(day(now));
    await dialog().getByRole('button', { name: 'Create the report' }).click();
    const error = await waitForText(dialog().getByTestId('field-error'), 'Enter a complete date');
    expect(error).not.toContain('YYYY');
    expect(await first.getAttribute('aria-invalid')).toBe('true');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it("is offered on the integration's pages, for any integration chosen there", async () => {
    await page.goto(`/integrations/${acmeId}/runs`);
    await page.getByRole('button', { name: 'Create a support report' }).click();
    expect(await dialog().getByLabel('Integration').inputValue()).toBe(acmeId);
    expect(await chips()).toEqual([]);
    await dialog().getByLabel('Integration').selectOption({ label: 'Beta phones (Zendesk, beta)' });
    const refs = dialog().getByLabel('References (optional)');
    await refs.fill('70001');
    await refs.press('Enter');
    await refs.fill('70002');
    // Typed but not yet added: leaving the box keeps it.
    await dialog().getByRole('button', { name: 'Create the report' }).click();
    await waitForText(dialog().getByTestId('support-report'), 'Support report copied');
    const report = await clipboard();
    expect(report).toContain('# Support report: Beta phones (Zendesk, account "beta")');
    expect(report.match(/^### .*$/gm)).toEqual(['### 70001 — imported', '### 70002 — imported']);
    await dialog().getByRole('button', { name: 'Done' }).click();
  });

  it('shows a backfill preview as a preview everywhere: "would import", never under Imported', async () => {
    await sessionApi(page, 'PATCH', `/integrations/${acmeId}`, { settings: { filters: [] } });
    const started = await sessionApi<Run>(page, 'POST', `/integrations/${acmeId}/backfills`, { from: day(now - 20 * DAY), preview: true });
    const preview = await eventually(async () => {
      const run = await sessionApi<Run>(page, 'GET', `/runs/${started.id}`);
      return run.status !== 'running' && run;
    }, 'the preview to finish');
    expect(preview, JSON.stringify(preview)).toMatchObject({ status: 'succeeded', counts: { imported: billing.length } });

    await page.goto(`/integrations/${acmeId}/runs`);
    const row = page.locator(`[data-testid="run-row"][data-preview="true"]`);
    await waitForText(row, 'Backfill preview');
    expect(await row.getByTestId('preview-counts').textContent()).toContain(`would import ${billing.length} · would update 0`);
    expect(await row.getByTestId('preview-counts').textContent()).toContain('Nothing was written.');
    // Five cells, not nine: the counts span the outcome columns instead of filling Imported.
    expect(await row.locator('td').count()).toBe(5);
    await screenshot(page, 'runs-with-preview');

    await row.getByRole('link', { name: 'Backfill preview' }).click();
    await page.getByRole('heading', { name: 'Backfill preview', level: 1, exact: true }).waitFor();
    await waitForText(page.getByTestId('preview-note'), 'Nothing was written');
    const counts = page.getByTestId('run-counts');
    expect(await counts.locator('[data-outcome="imported"] dt').textContent()).toBe('Would import');
    expect(await counts.locator('[data-outcome="imported"] dd').textContent()).toBe(String(billing.length));
    await waitForText(page.getByTestId('preview-decisions'), 'A preview records no decision');
    await screenshot(page, 'run-page-preview');

    // The health totals count what happened: the preview adds nothing to them.
    const health = await sessionApi<{ integrations: Array<{ integrationId: string; imported: number; runs: number }> }>(page, 'GET', '/health');
    expect(health.integrations.find((i) => i.integrationId === acmeId)).toMatchObject({ imported: vip.length });

    await page.getByRole('link', { name: 'Acme support' }).click();
    await page.getByRole('button', { name: 'Create a support report' }).click();
    await dialog().getByRole('button', { name: 'Create the report' }).click();
    await waitForText(dialog().getByTestId('support-report'), 'Support report copied');
    const report = await clipboard();
    const runs = report.slice(report.indexOf('## Runs'), report.indexOf('## Backfill previews'));
    expect(runs).not.toContain('backfill');
    expect(report).toContain('| Started | Range | Status | Seen | Would import |');
    await dialog().getByRole('button', { name: 'Done' }).click();
  });
});
