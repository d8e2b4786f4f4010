import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CUSTOM_FIELDS } from '../../src/connectors/zendesk/zendesk-seed.js';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { ADMIN, eventually, launchBrowser, openPage, redeemLink, screenshot, sessionApi, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

interface Integration {
  id: string;
  lastRanAt: string | null;
  running: boolean;
  settings: { filters: unknown[] };
  settingsProblems: unknown[];
}

/**
 * Issue 12 point 5 in the browser: the filter builder offers the platform's agents and custom
 * fields by name (and reads them again on demand), saves their ids, shows them by name; a field
 * the platform stops listing shows on the Platforms row and the overview; contacts show their
 * agent's name beside the id.
 */
describe('the web UI: agents and custom fields by name', () => {
  const sim = new ZendeskSimulator({ tickets: 60, rateLimit: null });
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let integrationId = '';

  beforeAll(async () => {
    const simUrl = await sim.start();
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: new URL(simUrl).host, INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    await redeemLink(page, intake.firstStartLink, ADMIN);
    integrationId = (
      await sessionApi<Integration>(page, 'POST', '/integrations', {
        platform: 'zendesk',
        name: 'Acme support',
        connection: { subdomain: sim.subdomain, baseUrl: sim.url },
        credentials: sim.apiTokenCredentials(),
        settings: { intervalMinutes: 240, statusCriteria: ['open', 'pending', 'solved', 'closed'] },
      })
    ).id;
    await eventually(async () => {
      const i = await sessionApi<Integration>(page, 'GET', `/integrations/${integrationId}`);
      return i.lastRanAt !== null && !i.running;
    }, 'the first run');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await sim.stop();
  });

  it('picks an agent and a custom field by name, saves their ids and shows them by name', async () => {
    await page.goto(`/integrations/${integrationId}/settings`);
    const bar = page.getByTestId('directory-bar');
    await page.getByRole('button', { name: 'Refresh from Zendesk' }).click();
    await waitForText(bar, 'as Zendesk listed them');
    expect(await bar.textContent()).toContain('3 custom fields');

    await page.getByRole('button', { name: 'Add condition' }).click();
    const agentRow = page.getByTestId('filter-row').nth(0);
    await agentRow.getByLabel('Field').selectOption('agent');
    // Choosing the agent field offers "is" and the agents by name.
    expect(await agentRow.getByLabel('Operator').inputValue()).toBe('is');
    await agentRow.getByLabel('Agent', { exact: true }).selectOption({ label: 'Ann Lee (360011)' });

    await page.getByRole('button', { name: 'Add condition' }).click();
    const fieldRow = page.getByTestId('filter-row').nth(1);
    await fieldRow.getByLabel('Field').selectOption('custom_field');
    await fieldRow.getByLabel('Custom field', { exact: true }).selectOption({ label: `Plan (${SEED_CUSTOM_FIELDS.plan})` });
    await fieldRow.getByLabel('Operator').selectOption('is');
    await fieldRow.getByLabel('Value').fill('gold');
    await screenshot(page, 'filters-by-name-builder');

    await page.getByRole('button', { name: 'Save settings' }).click();
    const changes = await waitForText(page.getByTestId('settings-changes'), 'What changed');
    expect(changes).toContain('Agent is Ann Lee (360011)');
    expect(changes).toContain(`Custom field Plan (${SEED_CUSTOM_FIELDS.plan}) is “gold”`);
    const saved = await sessionApi<Integration>(page, 'GET', `/integrations/${integrationId}`);
    expect(saved.settings.filters).toEqual([
      { field: 'agent', operator: 'is', value: '360011', valueLabels: ['Ann Lee'] },
      { field: `custom_field.${SEED_CUSTOM_FIELDS.plan}`, operator: 'is', value: 'gold', label: 'Plan' },
    ]);
    // Opened again, the saved conditions read by name.
    await page.reload();
    const agentChoice = page.getByTestId('filter-row').nth(0).getByTestId('agent-choice');
    expect(await agentChoice.locator('option:checked').textContent()).toBe('Ann Lee (360011)');
    await screenshot(page, 'filters-by-name-saved');
  });

  // Longer than waitForText's own 30 s, so a failure says what the page showed instead of only timing out.
  it('shows the agent by name beside the id on the contacts list and a contact', { timeout: 60_000 }, async () => {
    await page.goto(`/contacts?integrationId=${integrationId}`);
    // At 1280 px the Agent column gives way; the agent goes under the subject.
    const agentLine = page.getByTestId('contact-agent-narrow').filter({ hasText: '360011' }).first();
    expect(await waitForText(agentLine, 'Ann Lee')).toBe('Agent: Ann Lee (360011)');
    await screenshot(page, 'contacts-agent-names');
    await page.setViewportSize({ width: 1600, height: 900 });
    const agentCell = page.getByTestId('contact-agent').filter({ hasText: '360011' }).first();
    await agentCell.waitFor({ state: 'visible' });
    expect(await agentCell.textContent()).toBe('Ann Lee360011');
    await screenshot(page, 'contacts-agent-names-wide');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('contact-row').filter({ has: page.getByTestId('contact-agent').filter({ hasText: 'Ann Lee' }) }).first().getByRole('link').click();
    await waitForText(page.getByTestId('contact-agent'), 'Ann Lee (360011)');
  });

  it("finds contacts by the agent's name, and names the agent behind a filter exclusion in a run's decisions", async () => {
    await page.goto('/contacts');
    await page.getByLabel('Agent', { exact: true }).fill('ann LEE');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/agent=ann/);
    await page.setViewportSize({ width: 1600, height: 900 });
    const cells = page.getByTestId('contact-agent');
    await waitForText(cells.first(), 'Ann Lee');
    const agents = await cells.allTextContents();
    expect(agents.length).toBeGreaterThan(0);
    expect(new Set(agents)).toEqual(new Set(['Ann Lee360011']));
    await page.setViewportSize({ width: 1280, height: 800 });

    // A ticket of Bo Chen's the runs have not seen: a backfill reads it under the agent filter saved above.
    const created = sim.createTicket({ status: 'solved', assignee_id: 360012 });
    // Changed two minutes ago: Zendesk's export reads up to a minute before now.
    const past = new Date(Date.now() - 120_000);
    const ticket = { ...created, created_at: past.toISOString().slice(0, 19) + 'Z', updated_at: past.toISOString().slice(0, 19) + 'Z', generated_timestamp: Math.floor(past.getTime() / 1000) };
    sim.store.put(ticket);
    const backfill = await sessionApi<{ id: string }>(page, 'POST', `/integrations/${integrationId}/backfills`, { from: '2000-01-01' });
    await eventually(async () => (await sessionApi<{ status: string }>(page, 'GET', `/runs/${backfill.id}`)).status === 'succeeded', 'the backfill');
    await page.goto(`/runs/${backfill.id}`);
    await page.getByLabel('Outcome').selectOption('excluded');
    const byAgent = page.getByTestId('decision-row').filter({ hasText: String(ticket.id) });
    expect(await waitForText(byAgent, 'Actual:')).toContain('Expected: agent is Ann Lee (360011)Actual: Bo Chen (360012)');
    await screenshot(page, 'filters-by-name-decision-agent');
  });

  it('flags a filter on a custom field Zendesk no longer lists on the Platforms row and the overview', async () => {
    sim.directory.deleteField(SEED_CUSTOM_FIELDS.plan);
    await sessionApi(page, 'POST', `/integrations/${integrationId}/directory/refresh`);
    await page.goto('/integrations');
    const badge = page.getByTestId('settings-warning');
    await waitForText(badge, 'Filter needs attention');
    await badge.focus();
    await waitForText(page.getByRole('tooltip'), 'uses a custom field Zendesk no longer lists');
    await screenshot(page, 'filters-by-name-platforms-warning');
    await page.goto(`/integrations/${integrationId}`);
    const callout = await waitForText(page.getByTestId('settings-problems'), 'A filter needs attention');
    expect(callout).toContain(`Filter condition 2 (custom_field.Plan (${SEED_CUSTOM_FIELDS.plan}) is "gold") uses a custom field Zendesk no longer lists`);
    await screenshot(page, 'filters-by-name-overview-warning');
  });
});
