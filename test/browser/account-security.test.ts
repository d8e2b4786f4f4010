import { createServer } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, CHROMIUM_PATH, openPage, screenshot, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

/** The name the browser resolves to 127.0.0.1: not loopback to the browser, so served over plain http like a LAN address. */
const HOST = 'intake.test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function launchBrowserWithHost(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  });
}

/**
 * The account screens a user meets, with Intake served over plain http at a host name (as on a LAN):
 * the UI renders, the first admin must give an email, a spent link says so at once, and a user
 * changes their own name and password.
 */
describe('the web UI over plain http: sign-in, links and one’s own account', () => {
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    [intake, browser] = await startAll<[RunningIntake, Browser]>(
      [() => startIntake({ INTAKE_SANDBOX: 'off', PORT: String(port), HOST: '127.0.0.1', INTAKE_PUBLIC_URL: `http://${HOST}:${port}` }), launchBrowserWithHost],
      stopStarted,
    );
    ({ context, page } = await openPage(browser, intake.url));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
  });

  const nav = (p: Page, link: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true });

  it('renders the sign-in page at an http host name (no upgrade to https in the CSP)', async () => {
    expect(intake.url).toMatch(/^http:\/\/intake\.test:\d+$/);
    const response = await page.goto('/sign-in');
    expect(response?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Password').waitFor();
    await screenshot(page, 'sign-in-http-host');
  });

  it('makes the first admin choose an email before anything else', async () => {
    expect(intake.firstStartLink.startsWith(`${intake.url}/sign-in#link=`)).toBe(true);
    await page.goto(intake.firstStartLink);
    await page.getByRole('heading', { name: 'Set up your account' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirm password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    await waitForText(page.getByTestId('field-error'), 'Is required: the address you will sign in with');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'sign-in-first-admin-email-required');

    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    await waitForText(page.getByTestId('signed-in-user'), ADMIN.name);
  });

  it('says at once that a spent link is spent, without showing the form or whose it was', async () => {
    const other = await openPage(browser, intake.url);
    try {
      await other.page.goto(intake.firstStartLink);
      await other.page.getByRole('heading', { name: 'This sign-in link was already used' }).waitFor();
      expect(await other.page.getByRole('heading', { name: 'Set up your account' }).count()).toBe(0);
      expect(await other.page.getByLabel('Password').count()).toBe(0);
      const text = (await other.page.locator('main').textContent()) ?? '';
      expect(text).toContain('sign in with that password');
      expect(text).not.toContain(ADMIN.email);
      await screenshot(other.page, 'sign-in-link-spent');
      await other.page.getByRole('link', { name: 'Sign in with your email and password' }).click();
      await other.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    } finally {
      await other.context.close();
    }
  });

  it('shows an invited user the invited email instead of a field to change it', async () => {
    // Through the screen: the test's own HTTP client cannot resolve the browser's host name.
    await nav(page, 'Users').click();
    await page.getByLabel('Email').fill('invited@example.com');
    await page.getByLabel('Name').fill('Ines Invited');
    await page.getByLabel('Role', { exact: true }).selectOption('contact_viewer');
    await page.getByRole('button', { name: 'Add user' }).click();
    const link = await page.getByTestId('sign-in-link').getByTestId('copy-value').inputValue();
    expect(link.startsWith(`${intake.url}/sign-in#link=`)).toBe(true);
    const invited = await openPage(browser, intake.url);
    try {
      await invited.page.goto(link);
      await invited.page.getByRole('heading', { name: 'Set up your account' }).waitFor();
      expect(await invited.page.getByTestId('invited-email').textContent()).toBe('invited@example.com');
      expect(await invited.page.getByRole('textbox', { name: 'Email' }).count()).toBe(0);
      await screenshot(invited.page, 'sign-in-invited-user');
      await invited.page.getByLabel('Password', { exact: true }).fill('invited password 123');
      await invited.page.getByLabel('Confirm password').fill('invited password 123');
      await invited.page.getByRole('button', { name: 'Set up and sign in' }).click();
      await waitForText(invited.page.getByTestId('signed-in-user'), 'Ines Invited');
    } finally {
      await invited.context.close();
    }
  });

  it('lets a user change their own name, and their password given the current one, signing out their other sessions', async () => {
    // A second browser signed in as the same admin, to see it signed out by the change.
    const elsewhere = await openPage(browser, intake.url);
    try {
      await elsewhere.page.goto('/sign-in');
      await elsewhere.page.getByLabel('Email').fill(ADMIN.email);
      await elsewhere.page.getByLabel('Password').fill(ADMIN.password);
      await elsewhere.page.getByRole('button', { name: 'Sign in' }).click();
      await elsewhere.page.getByTestId('signed-in-user').waitFor();

      await nav(page, 'Profile').click();
      await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
      await page.getByRole('button', { name: 'Save name' }).click();
      await waitForText(page.getByTestId('signed-in-user'), 'Ada Lovelace');

      await page.getByLabel('Current password').fill('not my password at all');
      await page.getByLabel('New password', { exact: true }).fill('a fresh new password');
      await page.getByLabel('Confirm new password').fill('a fresh new password');
      await page.getByRole('button', { name: 'Change password' }).click();
      await waitForText(page.getByTestId('field-error'), 'Is not your current password');
      await screenshot(page, 'account-profile-wrong-password');

      await page.getByLabel('Current password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Change password' }).click();
      await waitForText(page.getByTestId('password-changed'), 'Other sessions were signed out');
      await screenshot(page, 'account-profile');

      // This session stays; the other one is over.
      await page.reload();
      await waitForText(page.getByTestId('signed-in-user'), 'Ada Lovelace');
      await elsewhere.page.reload();
      await elsewhere.page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await elsewhere.page.getByLabel('Email').fill(ADMIN.email);
      await elsewhere.page.getByLabel('Password').fill('a fresh new password');
      await elsewhere.page.getByRole('button', { name: 'Sign in' }).click();
      await waitForText(elsewhere.page.getByTestId('signed-in-user'), 'Ada Lovelace');
    } finally {
      await elsewhere.context.close();
    }
  });
});
