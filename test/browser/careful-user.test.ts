import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
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

/**
 * What a careful user notices (issue 9.6 and the web parts of 9.10): Enter that saves the settings
 * by surprise, words that run together or say the wrong thing, and a workspace Health page that
 * cannot tell which integration a number belongs to.
 */
describe('the web UI: what a careful user notices', () => {
  const sim = new ZendeskSimulator({ tickets: 40, rateLimit: null });
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let integrationId = '';
  const name = 'Acme support';

  beforeAll(async () => {
    const simUrl = await sim.start();
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: new URL(simUrl).host, INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    await redeemLink(page, intake.firstStartLink, ADMIN);
    integrationId = (
      await sessionApi<{ id: string }>(page, 'POST', '/integrations', {
        platform: 'zendesk',
        name,
        connection: { subdomain: sim.subdomain, baseUrl: sim.url },
        credentials: sim.apiTokenCredentials(),
        settings: { intervalMinutes: 240 },
      })
    ).id;
    await eventually(idle, 'the first run');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await sim.stop();
  });

  const idle = async () => {
    const i = await sessionApi<{ lastRanAt: string | null; running: boolean }>(page, 'GET', `/integrations/${integrationId}`);
    return i.lastRanAt !== null && !i.running;
  };
  const tab = (label: string) => page.getByRole('navigation', { name: 'Integration sections' }).getByRole('link', { name: label, exact: true });

  it('on Add, a refused token says to check the token: there is no integration yet to reconnect', async () => {
    await page.goto('/integrations/new');
    await page.getByLabel('Name', { exact: true }).fill('Acme support, second try');
    await page.getByLabel('Subdomain').fill(sim.subdomain);
    await page.getByText('Advanced: Base URL').click();
    await page.getByLabel('Base URL', { exact: true }).fill(sim.url);
    await page.getByLabel('Admin email', { exact: true }).fill(sim.admin.email);
    await page.getByTestId('credential-fields').getByLabel('API token', { exact: true }).fill('not-the-token');
    await page.getByRole('button', { name: 'Test connection and add' }).click();
    const error = await waitForText(page.getByTestId('form-error'), 'The platform rejected these credentials');
    expect(error).not.toMatch(/reconnect/i);
    expect(error).toContain('Nothing was saved');
    // The platform's own words for this way of signing in: whose token it must be.
    expect(error).toContain('Check the admin email and the API token');
    expect(error).toContain('allowed for admins only');
    expect(error).toContain('Zendesk rejected the API token (401)');
    const beside = (await page.locator('[data-testid="field-error"]').allTextContents()).join(' ');
    expect(beside).toContain('Not accepted: check the admin email and the API token');
    expect(beside).not.toMatch(/reconnect/i);
    await screenshot(page, 'add-integration-token-refused');
  });

  it('never saves the settings on Enter in a filter field; Save does, once', async () => {
    const saves: string[] = [];
    const onRequest = (request: Request) => {
      if (request.method() === 'PATCH' && request.url().includes(`/api/v1/integrations/${integrationId}`)) saves.push(request.url());
    };
    page.on('request', onRequest);
    try {
      await page.goto(`/integrations/${integrationId}/settings`);
      await page.getByRole('button', { name: 'Add condition' }).click();
      const single = page.getByTestId('filter-row').nth(0);
      await single.getByLabel('Field').selectOption('tag');
      await single.getByLabel('Operator').selectOption('contains');
      await single.getByLabel('Value').fill('vip');
      await single.getByLabel('Value').press('Enter');
      await page.getByRole('button', { name: 'Add condition' }).click();
      const list = page.getByTestId('filter-row').nth(1);
      await list.getByLabel('Field').selectOption('channel');
      await list.getByLabel('Operator').selectOption('is_one_of');
      await list.getByLabel('Values').fill('email');
      await list.getByLabel('Values').press('Enter');
      await list.getByRole('button', { name: 'Remove email' }).waitFor();
      // Enter in the name, too, leaves saving to the button.
      await page.getByLabel('Name', { exact: true }).press('Enter');
      await list.getByLabel('Values').fill('web');
      await list.getByLabel('Values').press('Enter');
      await list.getByRole('button', { name: 'Remove web' }).waitFor();
      expect(saves).toEqual([]);
      expect(await single.getByLabel('Value').inputValue()).toBe('vip');
      expect(await page.getByTestId('settings-changes').count()).toBe(0);

      await page.getByRole('button', { name: 'Save settings' }).click();
      const changes = await waitForText(page.getByTestId('settings-changes'), 'What changed');
      expect(changes).toContain('Tag contains “vip”');
      expect(changes).toContain('Channel is one of “email”, “web”');
      expect(saves).toHaveLength(1);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('says "enter a complete date" under a date picker, never the API\'s YYYY-MM-DD', async () => {
    await page.goto(`/integrations/${integrationId}/settings`);
    await page.getByLabel('Start date').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const settingsError = await waitForText(page.getByTestId('field-error'), 'Enter a complete date');
    expect(settingsError).not.toContain('YYYY');
    expect(await page.getByLabel('Start date').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'settings-incomplete-date');
    await page.getByRole('button', { name: 'Discard changes' }).click();

    await tab('Backfill').click();
    await page.getByLabel('First day').fill('');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    expect(await waitForText(page.getByTestId('field-error'), 'Enter a complete date')).not.toContain('YYYY');
  });

  it('titles a manual run "Manual run", once', async () => {
    await page.goto(`/integrations/${integrationId}`);
    await page.getByRole('button', { name: `Run now: ${name}` }).click();
    await eventually(async () => {
      const { runs } = await sessionApi<{ runs: Array<{ kind: string; status: string }> }>(page, 'GET', `/integrations/${integrationId}/runs`);
      return runs.some((r) => r.kind === 'manual' && r.status !== 'running');
    }, 'the manual run to end');
    await tab('Run history').click();
    await page.getByTestId('runs-table').getByRole('link', { name: 'Manual run' }).first().click();
    const heading = page.getByRole('heading', { level: 1 });
    await waitForText(heading, 'Manual run');
    expect(await heading.textContent()).toBe('Manual run');
  });

  it('starts the sentence after a reconnect with a capital', async () => {
    await page.goto(`/integrations/${integrationId}/reconnect`);
    await page.getByLabel('Admin email', { exact: true }).fill(sim.admin.email);
    await page.getByTestId('credential-fields').getByLabel('API token', { exact: true }).fill(sim.admin.token!);
    await page.getByRole('button', { name: 'Test and reconnect' }).click();
    const said = await waitForText(page.getByTestId('reconnect-success'), 'accepted the new credentials');
    expect(said).toContain('”. The next run starts now from the checkpoint');
    expect(said).not.toMatch(/[.:] the /);
    await screenshot(page, 'reconnect-success');
  });

  it('ends a pause note before the next sentence', async () => {
    await eventually(idle, 'the run after the reconnect');
    await page.goto(`/integrations/${integrationId}`);
    await page.getByLabel('Pause with a note (optional)').fill('Zendesk migration until Monday');
    await page.getByRole('button', { name: 'Pause with this note' }).click();
    const paused = await waitForText(page.getByTestId('status-card'), 'Resume it to continue');
    expect(paused).toContain(': “Zendesk migration until Monday”. Resume it to continue from the checkpoint.');
    await screenshot(page, 'overview-paused-with-note');
    await page.getByRole('button', { name: `Resume: ${name}` }).click();
    await page.locator('[data-testid="status-card"] .badge-active').or(page.locator('[data-testid="status-card"] .badge-warning')).first().waitFor();
  });

  it('counts a Platforms search in words that agree: never "0 of 1 integrations"', async () => {
    await page.goto('/integrations');
    await page.getByTestId('integration-row').first().waitFor();
    const count = page.locator('#integration-search').locator('xpath=../..').locator('[aria-live="polite"]');
    await waitForText(count, '1 integration');
    await page.getByLabel('Search integrations').fill('no such thing');
    expect(await waitForText(count, 'No match')).toBe('No match among 1 integration');
    await page.getByLabel('Search integrations').fill('acme');
    expect(await waitForText(count, 'Showing')).toBe('Showing 1 of 1 integration');
  });

  it("splits the workspace's Health per integration, each opening its own", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health', exact: true }).click();
    const split = page.getByTestId('health-by-integration');
    const row = split.locator(`[data-testid="integration-totals"][data-integration-id="${integrationId}"]`);
    await row.waitFor();
    const api = await sessionApi<{ integrations: Array<{ integrationId: string; imported: number; runs: number }> }>(page, 'GET', `/health?from=${new Date(Date.now() - 47 * 3_600_000).toISOString().slice(0, 13)}:00:00.000Z&bucket=hour`);
    const mine = api.integrations.find((i) => i.integrationId === integrationId)!;
    expect(mine.imported).toBeGreaterThan(0);
    expect(await row.locator('[data-total="imported"]').textContent()).toBe(String(mine.imported));
    expect(await row.textContent()).toContain('Zendesk · acme');
    await screenshot(page, 'health-by-integration');
    await row.getByRole('link', { name }).click();
    await page.waitForURL(new RegExp(`/integrations/${integrationId}/health`));
    await page.getByTestId('volume-chart').waitFor();
  });
});
