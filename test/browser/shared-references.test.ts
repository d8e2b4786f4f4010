import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import type { ZendeskTicket } from '../../src/connectors/zendesk/zendesk-wire.js';
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

/**
 * The troubleshooting guide walked in the web UI with two Zendesk accounts that both have a
 * ticket 141 — Alpha imported its 141, Beta's filter excluded Beta's — as an admin and as a
 * Contact viewer. At every step the answer must be about the right account.
 */
describe('the web UI: a reference two accounts share', () => {
  const clock = new ManualClock(new Date(Date.now() - 120_000));
  const alpha = new ZendeskSimulator({ subdomain: 'alpha', clock, tickets: 0, rateLimit: null });
  const beta = new ZendeskSimulator({ subdomain: 'beta', clock, tickets: 0, rateLimit: null });
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const ids: Record<'Alpha' | 'Beta', string> = { Alpha: '', Beta: '' };

  beforeAll(async () => {
    alpha.createTicket({ id: 141, status: 'solved', tags: ['vip'], subject: 'Alpha refund' } as Partial<ZendeskTicket>);
    beta.createTicket({ id: 141, status: 'solved', tags: ['billing'], subject: 'Beta invoice' } as Partial<ZendeskTicket>);
    clock.advance(90_000);
    const hosts = [await alpha.start(), await beta.start()].map((u) => new URL(u).host).join(',');
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: hosts, INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    await redeemLink(page, intake.firstStartLink, ADMIN);
    const startDate = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    for (const [name, sim, filters] of [
      ['Alpha', alpha, []],
      ['Beta', beta, [{ field: 'tag', operator: 'contains', value: 'vip' }]],
    ] as const) {
      const created = await sessionApi<{ id: string }>(page, 'POST', '/integrations', {
        platform: 'zendesk',
        name,
        connection: { subdomain: sim.subdomain, baseUrl: sim.url },
        credentials: sim.apiTokenCredentials(),
        settings: { startDate, filters, intervalMinutes: 240 },
      });
      ids[name] = created.id;
      await eventually(async () => {
        const i = await sessionApi<{ lastRanAt: string | null; running: boolean }>(page, 'GET', `/integrations/${created.id}`);
        return i.lastRanAt !== null && !i.running;
      }, `the first run of ${name}`);
    }
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await alpha.stop();
    await beta.stop();
  });

  const search = async (p: Page, ref: string, integration = 'In every integration') => {
    await p.goto('/contacts');
    await p.getByLabel('Find a contact by its source reference').fill(ref);
    await p.getByLabel('In which integration').selectOption({ label: integration });
    await p.getByRole('button', { name: 'Search', exact: true }).click();
  };
  const group = (p: Page, name: string) => p.locator(`[data-testid="reference-group"][data-integration="${name}"]`);

  it('step 1: both integrations are active on the Platforms screen', async () => {
    await page.goto('/integrations');
    for (const name of ['Alpha', 'Beta']) await waitForText(page.getByRole('row', { name: new RegExp(name) }), /Active/i);
  });

  it('steps 2 and 3: a search shows each match under its integration and account, with its own answer', async () => {
    await search(page, '141');
    await waitForText(page.getByTestId('reference-summary'), '“141” is a different conversation in each of 2 integrations');
    await waitForText(group(page, 'Alpha'), 'Zendesk account alpha · imported');
    await waitForText(group(page, 'Alpha').getByTestId('found-contact'), 'Alpha refund');
    await waitForText(group(page, 'Beta'), 'Zendesk account beta · not imported');
    const betaVerdict = await waitForText(group(page, 'Beta').getByTestId('diagnosis-verdict'), 'was excluded');
    expect(betaVerdict).toContain('by the filter `tag contains "vip"` (it had ["billing"])');
    expect(await group(page, 'Beta').textContent()).not.toContain('Alpha refund');
    // Beta's answer never sends the user to Alpha's contact.
    expect(await group(page, 'Beta').getByRole('button', { name: /Open the contact|Open it there/ }).count()).toBe(0);
    expect(await group(page, 'Beta').getByRole('link', { name: /Open the contact|Open it there/ }).count()).toBe(0);
    await screenshot(page, 'shared-reference-search');

    // Alpha's contact explains itself as Alpha's.
    await group(page, 'Alpha').getByRole('button', { name: 'Why does it look like this?' }).click();
    await waitForText(group(page, 'Alpha').getByTestId('diagnosis-verdict'), 'It is not missing: ticket 141 was imported');
  });

  it('narrows the search to one integration', async () => {
    await search(page, '141', 'Beta — Zendesk beta');
    await page.getByTestId('not-imported').waitFor();
    await waitForText(page.getByTestId('diagnosis-verdict'), 'was excluded');
    expect(await page.getByTestId('found-contact').count()).toBe(0);
    expect(await page.getByTestId('diagnosis').getAttribute('data-integration')).toBe('Beta');
  });

  it('a Contact viewer sees every match, narrows to one, and never sees the rule', async () => {
    const added = await sessionApi<{ signInLink: { url: string } }>(page, 'POST', '/users', { email: 'cora@example.com', name: 'Cora Viewer', role: 'contact_viewer' });
    const shown = new URL(added.signInLink.url);
    const viewer = await openPage(browser, intake.url);
    try {
      await redeemLink(viewer.page, `${intake.url}${shown.pathname}${shown.hash}`, { password: 'viewer password 123' });
      await search(viewer.page, '141');
      await waitForText(group(viewer.page, 'Alpha').getByTestId('found-contact'), 'Alpha refund');
      const text = await waitForText(group(viewer.page, 'Beta').getByTestId('diagnosis-verdict'), 'was excluded');
      expect(text).toContain('by a filter of the integration (someone with Manage Integrations can see which)');
      expect(await group(viewer.page, 'Beta').textContent()).not.toContain('vip');
      await screenshot(viewer.page, 'shared-reference-viewer');
      await search(viewer.page, '141', 'Alpha — Zendesk alpha');
      await waitForText(viewer.page.getByTestId('found-contact'), 'Alpha refund');
      expect(await viewer.page.getByTestId('reference-group').count()).toBe(0);
    } finally {
      await viewer.context.close();
    }
  });

  it('step 5: a manual import under Beta brings in Beta\'s 141, beside Alpha\'s', async () => {
    await search(page, '141');
    await group(page, 'Beta').getByTestId('diagnosis-actions').getByRole('button', { name: 'Import this conversation now' }).click();
    await waitForText(group(page, 'Beta').getByTestId('manual-import-result'), 'Imported ticket 141');
    await waitForText(group(page, 'Beta').getByTestId('found-contact'), 'Beta invoice');
    await waitForText(group(page, 'Alpha').getByTestId('found-contact'), 'Alpha refund');
    const contacts = await sessionApi<{ contacts: Array<{ sourceAccount: string }> }>(page, 'GET', '/contacts?sourceRef=141');
    expect(contacts.contacts.map((c) => c.sourceAccount).sort()).toEqual(['alpha', 'beta']);
    await screenshot(page, 'shared-reference-imported');
  });
});
