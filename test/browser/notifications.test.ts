import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/notifications/webhook-signature.js';
import { ADMIN, launchBrowser, openPage, redeemLink, screenshot, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';
import { runIntakeCommand } from '../support/intake-process.js';
import { startMailServer, startWebhookReceiver, type MailServer, type WebhookReceiver } from '../support/notification-receivers.js';

/**
 * Account › Notifications in the browser: an admin subscribes their email and a webhook, copies the
 * webhook's signing secret (shown once), and sends a test message through each — which a real SMTP
 * server and a local receiver get, the webhook's signed with that secret.
 */
describe('notifications in the browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-browser-notify-'));
  let mail: MailServer;
  let hook: WebhookReceiver;
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mail = await startMailServer();
    hook = await startWebhookReceiver();
    const env = { INTAKE_DATA_DIR: dataDir, INTAKE_SANDBOX: 'off', INTAKE_EXTRA_SOURCE_HOSTS: hook.host };
    const smtp = await runIntakeCommand(['notifications', 'smtp', 'set', '--host', '127.0.0.1', '--port', String(mail.port), '--from', 'Intake <alerts@intake.example>', '--user', mail.user, '--password', '-'], env, `${mail.password}\n`);
    expect(smtp.code, smtp.stderr).toBe(0);
    expect(smtp.stdout + smtp.stderr).not.toContain(mail.password);
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake(env), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await mail?.close();
    await hook?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets up an email and a webhook and sends a test message through each', { timeout: 120_000 }, async () => {
    await redeemLink(page, intake.firstStartLink, ADMIN);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications', exact: true }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await waitForText(page.getByTestId('smtp-info'), `Emails are sent through 127.0.0.1:${mail.port}`);

    await page.getByRole('textbox', { name: 'Email address' }).fill(ADMIN.email);
    await page.getByRole('button', { name: 'Add subscription' }).click();
    await waitForText(page.getByTestId('subscription'), `Email → ${ADMIN.email}`);

    await page.getByRole('radio', { name: /^Webhook/ }).check();
    await page.getByRole('textbox', { name: 'Webhook URL' }).fill(hook.url);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('On-call receiver');
    await page.getByRole('checkbox', { name: 'Hold messages during quiet hours', exact: false }).check();
    await page.getByRole('textbox', { name: 'Time zone' }).fill('Europe/Paris');
    await page.getByRole('button', { name: 'Add subscription' }).click();
    const secretBox = page.getByTestId('new-signing-secret');
    await secretBox.waitFor();
    const secret = await secretBox.getByTestId('copy-value').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'notifications-signing-secret');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    // The box goes once React has re-rendered: wait for that, not one look right after the click.
    await secretBox.waitFor({ state: 'detached' });

    const cards = page.getByTestId('subscription');
    await waitForText(cards.nth(1), 'On-call receiver');
    await waitForText(cards.nth(1), 'Quiet hours: 22:00–07:00 (Europe/Paris)');
    for (const i of [0, 1]) {
      await cards.nth(i).getByRole('button', { name: 'Send test message' }).click();
      await waitForText(cards.nth(i).getByTestId('test-result'), 'Test message sent');
    }
    await cards.nth(1).getByRole('button', { name: 'Delivery attempts' }).click();
    await waitForText(cards.nth(1).getByTestId('attempts-table'), 'Test message');
    await screenshot(page, 'notifications');

    expect(mail.messages).toHaveLength(1);
    expect(mail.messages[0]!.to).toEqual([ADMIN.email]);
    expect(mail.messages[0]!.headers.subject).toBe('[Intake] Test message from Intake');
    expect(hook.received).toHaveLength(1);
    const received = hook.received[0]!;
    expect(received.json).toMatchObject({ type: 'test', title: 'Test message from Intake' });
    expect(verifySignature(secret, String(received.headers['intake-signature']), received.body, Math.floor(Date.now() / 1000))).toBe(true);
  });
});
