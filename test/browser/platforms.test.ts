import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FreshdeskSimulator } from '../../src/connectors/freshdesk/freshdesk.simulator.js';
import { IntercomSimulator } from '../../src/connectors/intercom/intercom.simulator.js';
import { ADMIN, eventually as eventuallyWithin, launchBrowser, openPage, redeemLink, screenshot, sessionApi, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

/** Waits are on what the page says; the bound is only how long to keep looking on a busy machine. */
const PATIENCE_MS = 60_000;
const see = (locator: Locator, expected: string | RegExp) => waitForText(locator, expected, PATIENCE_MS);
const eventually = <T>(check: () => Promise<T | undefined | false>, what: string) => eventuallyWithin(check, what, PATIENCE_MS);

const DESKTOP = { width: 1280, height: 800 };
/** A narrow laptop window. */
const SMALL = { width: 800, height: 700 };

interface ContactAnswer {
  contacts: Array<{ sourceRef: string; status: string; sourceStatus: string; metadata: Record<string, unknown> }>;
}

/**
 * Every platform through the same screens, each built from what the platform declares: the Add
 * form's fields and ways to sign in, its mark and noun, its error advice and its capabilities.
 * Freshdesk and Intercom are added from the web UI against their simulators and import; Intercom
 * is reconnected after its token is revoked.
 */
describe('the web UI: every platform from its declaration', { timeout: 4 * PATIENCE_MS }, () => {
  let freshdesk: FreshdeskSimulator;
  let intercom: IntercomSimulator;
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    freshdesk = new FreshdeskSimulator({ tickets: 40, rateLimit: null, domain: 'acme' });
    intercom = new IntercomSimulator({ conversations: 40, rateLimit: null, workspaceId: 'wsp7' });
    const hosts = [await freshdesk.start(), await intercom.start()].map((url) => new URL(url).host).join(',');
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: hosts, INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    context.setDefaultTimeout(PATIENCE_MS);
    await redeemLink(page, intake.firstStartLink, ADMIN);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await freshdesk?.stop();
    await intercom?.stop();
  });

  const form = () => page.getByRole('form', { name: 'Add integration' });
  const choose = async (platform: string) => {
    await page.getByRole('radio', { name: platform, exact: true }).check();
    await page.getByRole('heading', { name: `Connect to ${platform}` }).waitFor();
  };
  /** The field (label, control, hint, error) a control belongs to. */
  const fieldOf = (label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
  const secret = (label: string) => page.getByTestId('credential-fields').getByLabel(label, { exact: true });
  const shoot = async (name: string) => {
    await screenshot(page, name);
    await page.setViewportSize(SMALL);
    await screenshot(page, `${name}-small`);
    await page.setViewportSize(DESKTOP);
  };
  const tab = (label: string) => page.getByRole('navigation', { name: 'Integration sections' }).getByRole('link', { name: label, exact: true });
  const contactsOf = async (integrationId: string) => (await sessionApi<ContactAnswer>(page, 'GET', `/contacts?integrationId=${encodeURIComponent(integrationId)}`)).contacts;

  it('lists every platform with its mark and summary, and builds the Zendesk form from its declaration', async () => {
    await page.goto('/integrations/new');
    await page.getByRole('heading', { name: 'Add integration' }).waitFor();
    const choices = page.getByTestId('platform-choice');
    const platforms = (await sessionApi<{ platforms: Array<{ id: string; name: string; presentation: { summary: string; mark: { letters: string } } }> }>(page, 'GET', '/platforms')).platforms;
    expect(await choices.count()).toBe(platforms.length);
    for (const p of platforms) {
      const choice = choices.filter({ has: page.getByRole('radio', { name: p.name, exact: true }) });
      expect(await choice.textContent()).toContain(p.presentation.summary);
      expect(await choice.locator('.platform-mark').textContent()).toBe(p.presentation.mark.letters);
    }

    await choose('Zendesk');
    // Required fields are marked and say so to assistive technology; the base URL is folded away.
    expect(await page.getByLabel('Zendesk subdomain').getAttribute('aria-required')).toBe('true');
    expect(await fieldOf('Zendesk subdomain').locator('.required-mark').count()).toBe(1);
    expect(await page.getByLabel('Base URL', { exact: true }).isVisible()).toBe(false);
    // Two ways to sign in: a radio group, each with its own fields.
    await page.getByRole('radio', { name: 'API token', exact: true }).waitFor();
    expect(await secret('API token').getAttribute('type')).toBe('password');
    await shoot('add-zendesk');
    await page.getByRole('radio', { name: 'OAuth access token', exact: true }).check();
    await secret('Access token').waitFor();
    expect(await page.getByLabel('Admin email', { exact: true }).count()).toBe(0);
    await page.getByRole('radio', { name: 'API token', exact: true }).check();
    await page.getByText('Advanced: Base URL').click();
    await page.getByLabel('Base URL', { exact: true }).waitFor();
    await screenshot(page, 'add-zendesk-advanced');
  });

  it('adds Freshdesk from its own form, with a secret that can be shown while typing, and watches it import', async () => {
    await page.goto('/integrations/new');
    await choose('Freshdesk');
    expect(await page.getByLabel('Zendesk subdomain').count()).toBe(0);
    expect(await page.getByRole('radio', { name: 'API key' }).count()).toBe(0);
    await shoot('add-freshdesk');

    await page.getByLabel('Name', { exact: true }).fill('Freshdesk support');
    await page.getByLabel('Freshdesk domain').fill(freshdesk.domain);
    await page.getByText('Advanced: Base URL').click();
    await page.getByLabel('Base URL', { exact: true }).fill(freshdesk.url);
    const key = freshdesk.credentials().apiKey;
    await secret('API key').fill(key);
    // Shown only on request, to check a pasted key; hidden again at once.
    await page.getByRole('button', { name: 'Show API key' }).click();
    expect(await secret('API key').getAttribute('type')).toBe('text');
    await page.getByRole('button', { name: 'Hide API key' }).click();
    expect(await secret('API key').getAttribute('type')).toBe('password');
    await form().getByRole('button', { name: 'Test connection and add' }).click();

    await page.getByRole('heading', { name: 'Freshdesk support', level: 1 }).waitFor();
    await page.locator('[data-testid="status-card"] .badge-active').waitFor();
    await see(page.getByTestId('fact-last-data'), /ago|just now/);
    expect(await page.locator('h1 .platform-mark').textContent()).toBe('Fd');
    expect(await page.getByTestId('credentials-state').textContent()).toBe('Set');
    // The key is never sent back: nothing the page holds contains it.
    expect(await page.content()).not.toContain(key);
  });

  it("shows the API's field error beside the field it concerns, then adds Intercom and watches it import", async () => {
    await page.goto('/integrations/new');
    await choose('Intercom');
    await shoot('add-intercom');

    await page.getByLabel('Name', { exact: true }).fill('Intercom inbox');
    await page.getByLabel('Region', { exact: true }).fill('mars');
    await page.getByText('Advanced: Workspace id, API base URL').click();
    await page.getByLabel('API base URL', { exact: true }).fill(intercom.url);
    await secret('Access token').fill(intercom.accessToken);
    await form().getByRole('button', { name: 'Test connection and add' }).click();
    await see(fieldOf('Region').getByTestId('field-error'), 'Must be us, eu or au');
    expect(await page.getByLabel('Region', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // Said once, where it belongs: the form's own error does not repeat it.
    expect(await page.getByTestId('form-error').textContent()).not.toContain('connection.region');
    await screenshot(page, 'add-intercom-field-error');

    await page.getByLabel('Region', { exact: true }).fill('us');
    await form().getByRole('button', { name: 'Test connection and add' }).click();
    await page.getByRole('heading', { name: 'Intercom inbox', level: 1 }).waitFor();
    await page.locator('[data-testid="status-card"] .badge-active').waitFor();
    await see(page.getByTestId('fact-last-data'), /ago|just now/);
    // The token decided the account.
    await see(page.locator('.page-header .lede'), 'Intercom · wsp7');
  });

  it('names each contact with its platform’s noun: “Conversation …” on Intercom, “Ticket …” on Freshdesk', async () => {
    const integrations = (await sessionApi<{ integrations: Array<{ id: string; name: string }> }>(page, 'GET', '/integrations')).integrations;
    const idOf = (name: string) => integrations.find((i) => i.name === name)!.id;
    const conversation = await eventually(async () => (await contactsOf(idOf('Intercom inbox')))[0], 'an Intercom contact');
    const ticket = await eventually(async () => (await contactsOf(idOf('Freshdesk support')))[0], 'a Freshdesk contact');

    await page.goto(`/contacts?ref=${encodeURIComponent(conversation.sourceRef)}`);
    const found = page.locator(`[data-testid="found-contact"][aria-label="Conversation ${conversation.sourceRef}"]`);
    await see(found, `Conversation ${conversation.sourceRef} · wsp7`);
    expect(await found.locator('.platform-mark').textContent()).toBe('IC');
    await screenshot(page, 'contact-intercom-found');
    await found.getByRole('link').first().click();
    await page.getByTestId('contact-details').waitFor();
    await see(page.locator('.page-header .lede'), `Conversation ${conversation.sourceRef} · wsp7`);
    await see(page.getByTestId('contact-details'), 'Intercom · wsp7');

    // A Contact viewer reads the same words and marks: the platforms are every reader's.
    const added = await sessionApi<{ signInLink: { url: string } }>(page, 'POST', '/users', { email: 'viewer@example.com', name: 'Vic Viewer', role: 'contact_viewer' });
    const shown = new URL(added.signInLink.url);
    const viewer = await openPage(browser, intake.url);
    try {
      await redeemLink(viewer.page, `${intake.url}${shown.pathname}${shown.hash}`, { password: 'viewer password 123' });
      await viewer.page.goto(`/contacts?ref=${encodeURIComponent(conversation.sourceRef)}`);
      const seen = viewer.page.locator(`[data-testid="found-contact"][aria-label="Conversation ${conversation.sourceRef}"]`);
      await see(seen, `Conversation ${conversation.sourceRef} · wsp7`);
      expect(await seen.locator('.platform-mark').textContent()).toBe('IC');
    } finally {
      await viewer.context.close();
    }

    await page.goto(`/contacts?ref=${encodeURIComponent(ticket.sourceRef)}`);
    const foundTicket = page.locator(`[data-testid="found-contact"][aria-label="Ticket ${ticket.sourceRef}"]`);
    await see(foundTicket, `Ticket ${ticket.sourceRef} · acme`);
    // Freshdesk's own status word beside Intake's when they differ ("solved (Resolved)").
    if (ticket.sourceStatus === '4') await see(foundTicket, 'solved (Resolved)');
    await screenshot(page, 'contact-freshdesk-found');
  });

  it("reconnects Intercom after its token is revoked, with Intercom's own advice on the way", async () => {
    intercom.setTokenState('revoked');
    const integrations = (await sessionApi<{ integrations: Array<{ id: string; name: string }> }>(page, 'GET', '/integrations')).integrations;
    const id = integrations.find((i) => i.name === 'Intercom inbox')!.id;
    await page.goto(`/integrations/${id}`);
    await page.getByRole('button', { name: 'Run now: Intercom inbox' }).click();
    await see(page.getByTestId('last-error-fix'), "Intercom's Developer Hub");
    await screenshot(page, 'integration-intercom-revoked');
    await page.getByTestId('last-error').getByRole('button', { name: 'Reconnect' }).click();
    await page.getByRole('heading', { name: 'Reconnect Intercom' }).waitFor();
    // The account's region stays; the fields folded away keep what is stored.
    expect(await page.getByLabel('Region', { exact: true }).getAttribute('readonly')).not.toBeNull();
    expect(await page.getByLabel('API base URL', { exact: true }).inputValue()).toBe(intercom.url);
    expect(await secret('Access token').inputValue()).toBe('');
    await shoot('reconnect-intercom');

    await secret('Access token').fill('not-a-token');
    await page.getByRole('button', { name: 'Test and reconnect' }).click();
    await see(page.getByTestId('reconnect-error'), 'The platform rejected these credentials');
    await secret('Access token').fill(intercom.addToken().token);
    await page.getByRole('button', { name: 'Test and reconnect' }).click();
    await see(page.getByTestId('reconnect-success'), 'The failure is cleared');
    expect(await secret('Access token').inputValue()).toBe('');
    await tab('Overview').click();
    await page.locator('[data-testid="status-card"] .badge-active').waitFor();
  });

  it('offers what each platform can do: a starter that needs no credentials has no Reconnect and none to show', async () => {
    const platforms = (await sessionApi<{ platforms: Array<{ id: string; starter: { name: string } | null }> }>(page, 'GET', '/platforms')).platforms;
    const starter = platforms.find((p) => p.starter)!;
    const added = await sessionApi<{ id: string; name: string }>(page, 'POST', '/integrations/starter', { platform: starter.id });
    await page.goto(`/integrations/${added.id}`);
    await page.getByRole('heading', { name: added.name, level: 1 }).waitFor();
    await tab('Backfill').waitFor();
    expect(await tab('Reconnect').count()).toBe(0);
    expect(await page.getByTestId('credentials-state').textContent()).toBe('None needed');
    expect(await page.getByRole('link', { name: 'Reconnect' }).count()).toBe(0);
    // Where credentials are needed, the tab is there.
    const integrations = (await sessionApi<{ integrations: Array<{ id: string; name: string }> }>(page, 'GET', '/integrations')).integrations;
    await page.goto(`/integrations/${integrations.find((i) => i.name === 'Freshdesk support')!.id}`);
    await tab('Reconnect').waitFor();
  });
});
