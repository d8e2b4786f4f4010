import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, hasHorizontalScroll, launchBrowser, NARROW, openPage, redeemLink, screenshot, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

/**
 * Who sees what: the empty start with the sandbox, narrow screens, a user with only View
 * Imported Contacts, API tokens, and the workspace's Integrations flag.
 */
describe('the web UI: access, the Integrations flag and narrow screens', () => {
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sandboxPath = '';

  beforeAll(async () => {
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    await redeemLink(page, intake.firstStartLink, ADMIN);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
  });

  const nav = (p: Page, link: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true });

  it('offers the sandbox when there is no integration, and fits the Platforms table on narrow screens', async () => {
    await page.getByTestId('empty-state').waitFor();
    await screenshot(page, 'platforms-empty');
    await page.getByRole('button', { name: 'Try the sandbox' }).click();
    await page.getByRole('heading', { name: 'Sandbox help desk', level: 1 }).waitFor();
    sandboxPath = new URL(page.url()).pathname;
    await waitForText(page.getByTestId('fact-last-data'), /ago|just now/);

    await nav(page, 'Integrations').click();
    await page.getByTestId('integration-row').first().waitFor();
    await waitForText(page.getByTestId('last-data-imported'), /ago|just now/);
    await screenshot(page, 'platforms');

    for (const width of [NARROW.width, 800]) {
      await page.setViewportSize({ width, height: NARROW.height });
      await page.getByTestId('integration-row').first().waitFor();
      expect(await hasHorizontalScroll(page), `horizontal scroll at ${width} px`).toBe(false);
      if (width === NARROW.width) await screenshot(page, 'platforms-narrow');
    }
    for (const path of ['/contacts', '/integrations/new', `${sandboxPath}/settings`, sandboxPath, '/account/users']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.locator('.skeleton').first().waitFor({ state: 'detached' });
      expect(await hasHorizontalScroll(page), `horizontal scroll on ${path} at 800 px`).toBe(false);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('is reachable from the keyboard alone, with a visible focus on every stop', async () => {
    await page.goto('/integrations');
    await page.getByTestId('integration-row').first().waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const stops: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press('Tab');
      // Browser-side code as a string: this file is type-checked for Node, without the DOM library.
      const stop = (await page.evaluate(`(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || el.tagName).trim().replace(/\\s+/g, ' ');
        return { name, visible };
      })()`)) as { name: string; visible: boolean } | null;
      if (!stop) continue;
      expect(stop.visible, `no visible focus on "${stop.name}"`).toBe(true);
      stops.push(stop.name);
    }
    for (const wanted of ['Imported contacts & filters', 'Add integration', 'Run now', 'Pause', 'Open']) {
      expect(stops.some((name) => name.includes(wanted)), `Tab never reached "${wanted}" (${stops.join(' | ')})`).toBe(true);
    }
    expect(stops.some((name) => /Search/i.test(name))).toBe(true);

    // And Enter acts: open the integration from its row without the mouse.
    await page.getByTestId('integration-row').first().getByRole('link', { name: 'Open' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sandbox help desk', level: 1 }).waitFor();
  });

  it('lets a Contact viewer search contacts but not reach integration settings', async () => {
    await nav(page, 'Users').click();
    await page.getByLabel('Email').fill('viewer@example.com');
    await page.getByLabel('Name').fill('Vic Viewer');
    await page.getByLabel('Role', { exact: true }).selectOption('contact_viewer');
    await page.getByRole('button', { name: 'Add user' }).click();
    const shown = new URL(await page.getByTestId('sign-in-link').getByTestId('copy-value').inputValue());
    expect(shown.pathname).toBe('/sign-in');
    expect(shown.hash).toMatch(/^#link=/);
    // The API builds links from its configured address; with PORT=0 (tests) that names port 0,
    // so the link is opened on the port the service really listens on.
    const link = `${intake.url}${shown.pathname}${shown.hash}`;
    await page.locator('[data-testid="user-row"][data-email="viewer@example.com"]').waitFor();
    await screenshot(page, 'account-users');

    const viewer = await openPage(browser, intake.url);
    try {
      await redeemLink(viewer.page, link, { password: 'viewer password 123' });
      await viewer.page.getByRole('heading', { name: 'Imported contacts & filters' }).waitFor();
      expect(await nav(viewer.page, 'Integrations').count()).toBe(0);
      expect(await nav(viewer.page, 'Users').count()).toBe(0);
      await viewer.page.getByTestId('contact-row').first().waitFor();
      await screenshot(viewer.page, 'viewer-contacts');

      await viewer.page.goto(`${sandboxPath}/settings`);
      await waitForText(viewer.page.getByTestId('permission-needed'), 'You need Manage Integrations');
      await screenshot(viewer.page, 'viewer-no-permission');
    } finally {
      await viewer.context.close();
    }
  });

  it('creates an API token and shows it once', async () => {
    await nav(page, 'API tokens').click();
    // The Users page has a Name field too: wait for this page before typing.
    await page.getByRole('heading', { name: 'Create an API token' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Nightly export');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByTestId('new-token').getByTestId('copy-value').inputValue();
    expect(token).toMatch(/^intk_/);
    await page.getByTestId('token-row').first().waitFor();
    await screenshot(page, 'account-api-tokens');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByTestId('new-token').waitFor({ state: 'detached' });
    expect(await page.locator('body').textContent()).not.toContain(token);
  });

  it('explains the Integrations flag when it is off, and lets an admin turn it back on', async () => {
    await nav(page, 'Workspace').click();
    const flag = page.getByRole('switch', { name: /Integrations/ });
    await flag.click();
    // Turning it off stops every import: the page asks first.
    await page.getByRole('dialog', { name: 'Turn off Integrations?' }).getByRole('button', { name: 'Turn off Integrations' }).click();
    await waitForText(page.locator('.switch'), 'off');
    await flag.and(page.locator(':enabled')).waitFor();
    await screenshot(page, 'account-workspace');

    await nav(page, 'Integrations').click();
    await waitForText(page.getByTestId('feature-disabled'), 'Integrations are turned off');
    await screenshot(page, 'feature-disabled');
    await page.getByRole('button', { name: 'Turn on Integrations' }).click();
    await page.getByTestId('integration-row').first().waitFor();
  });

  it('deletes an integration only once its name is typed', async () => {
    await page.goto(`${sandboxPath}/delete`);
    const confirm = page.getByLabel(/to confirm/);
    const remove = page.getByRole('button', { name: 'Delete integration' });
    await confirm.fill('sandbox');
    expect(await remove.isDisabled()).toBe(true);
    await confirm.fill('Sandbox help desk');
    await screenshot(page, 'integration-delete');
    await remove.click();
    await page.getByTestId('empty-state').waitFor();
    await waitForText(page.getByTestId('notice'), 'Its imported contacts stay');
  });
});
