import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, launchBrowser, openPage, redeemLink, screenshot, sessionApi, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

const HEADER = 'call_id,when,channel,agent,status,notes';
const FIRST = [HEADER, '501,2026-03-02 09:15,phone,Ann Lee,closed,first call', '502,2026-03-02 09:40,phone,Bob Stone,open,still open', '503,soon,chat,Ann Lee,closed,bad date', '504,2026-03-03 16:45,chat,Cy Park,solved,'].join('\n');
const CORRECTED = [HEADER, '501,2026-03-02 09:15,phone,Ann Lee,closed,first call', '502,2026-03-02 09:40,phone,Bob Stone,open,still open', '503,2026-03-02 11:30,chat,Ann Lee,closed,date fixed', '504,2026-03-03 16:45,chat,Cy Park,solved,'].join('\n');

/**
 * Issue 15 in the browser: a file dropped on the Upload tab, its mapping completed, the preview,
 * the import, the diagnosis of the row that failed, a corrected file chosen and imported, and a
 * failed row corrected by hand and imported.
 */
describe('the web UI: uploading a file', () => {
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let integrationId = '';

  beforeAll(async () => {
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    await redeemLink(page, intake.firstStartLink, ADMIN);
    integrationId = (
      await sessionApi<{ id: string }>(page, 'POST', '/integrations', {
        platform: 'file',
        name: 'Weekly calls',
        connection: { source: 'in-house telephony', timeZone: 'Europe/Paris' },
        settings: { startDate: '2026-01-01', intervalMinutes: 1440 },
      })
    ).id;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
  });

  it('drops a file, maps the column it could not guess, previews it and imports it', async () => {
    await page.goto(`/integrations/${integrationId}/upload`);
    const drop = page.getByTestId('drop-zone');
    await drop.waitFor();
    // Browser-side code as a string: this file is type-checked for Node, without the DOM library.
    const dataTransfer = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([${JSON.stringify(FIRST)}], 'weekly-calls.csv', { type: 'text/csv' }));
      return transfer;
    })()`);
    await drop.dispatchEvent('drop', { dataTransfer });

    // "when" is no name a creation time is guessed from: the form asks for it.
    const created = page.getByLabel('Created at');
    await created.waitFor();
    expect(await created.inputValue()).toBe('');
    expect(await page.getByLabel('Source reference').inputValue()).toBe('call_id');
    await created.selectOption('when');
    await page.getByRole('button', { name: 'Preview with this mapping' }).click();
    const preview = page.getByTestId('upload-preview');
    await waitForText(preview, 'is not a date');
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('row 3 of weekly-calls.csv (line 4)');
    expect(text).toMatch(/Excluded/);
    await screenshot(page, 'upload-preview');

    await page.getByRole('button', { name: 'Import weekly-calls.csv' }).click();
    const result = page.getByTestId('upload-result');
    await waitForText(result, '4 rows: 2 imported, 0 updated, 0 unchanged, 1 excluded, 1 failed');
    await screenshot(page, 'upload-imported');
  });

  it('diagnoses the row that failed', async () => {
    await page.goto(`/integrations/${integrationId}`);
    await page.getByRole('textbox', { name: 'Diagnose a reference' }).fill('503');
    await page.getByRole('button', { name: 'Diagnose' }).click();
    const verdict = page.getByTestId('diagnosis-verdict');
    await waitForText(verdict, 'Row 3 of weekly-calls.csv (line 4) on');
    expect(await verdict.textContent()).toContain('`when` is not a date');
    await screenshot(page, 'upload-diagnosis');
    // A file integration imports when a file is sent: no Run now, no schedule, and its warning says what happened.
    expect(await page.getByRole('button', { name: /^Run now/ }).count()).toBe(0);
    expect(await page.getByTestId('fact-arrival').textContent()).toBe('Uploaded files: imported as they are received');
    expect(await page.getByTestId('status-card').textContent()).toContain('The last upload or push had records that could not be imported');
    expect(await page.getByRole('button', { name: /^Pause/ }).count()).toBeGreaterThan(0);
  });

  it('uploads the corrected file: the failed row imports, the others stay as they are', async () => {
    await page.goto(`/integrations/${integrationId}/upload`);
    await page.locator('#upload-file-input').setInputFiles({ name: 'weekly-calls.csv', mimeType: 'text/csv', buffer: Buffer.from(CORRECTED) });
    // The mapping of the first upload was kept.
    await waitForText(page.getByTestId('upload-preview'), 'Imported');
    expect(await page.getByLabel('Created at').inputValue()).toBe('when');
    await page.getByRole('button', { name: 'Import weekly-calls.csv' }).click();
    await waitForText(page.getByTestId('upload-result'), '4 rows: 1 imported, 0 updated, 2 unchanged, 1 excluded, 0 failed');
    await screenshot(page, 'upload-corrected');
    const runs = await sessionApi<{ runs: Array<{ kind: string; fileName: string | null }> }>(page, 'GET', `/integrations/${integrationId}/runs`);
    expect(runs.runs.filter((r) => r.kind === 'upload').map((r) => r.fileName)).toEqual(['weekly-calls.csv', 'weekly-calls.csv']);
    // Run history names each upload's file.
    await page.goto(`/integrations/${integrationId}/runs`);
    await waitForText(page.locator('[data-testid="run-row"][data-kind="upload"]').first(), 'weekly-calls.csv');
  });

  it('diagnoses a row that failed, corrects its date in the form prefilled from the row as received, and imports it', async () => {
    await page.goto(`/integrations/${integrationId}/upload`);
    await page.locator('#upload-file-input').setInputFiles({ name: 'late-calls.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, '505,tomorrow-ish,phone,Dee Ray,closed,called back'].join('\n')) });
    await waitForText(page.getByTestId('upload-preview'), 'is not a date');
    await page.getByRole('button', { name: 'Import late-calls.csv' }).click();
    await waitForText(page.getByTestId('upload-result'), '1 failed');

    await page.goto(`/integrations/${integrationId}`);
    await page.getByRole('textbox', { name: 'Diagnose a reference' }).fill('505');
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await waitForText(page.getByTestId('diagnosis-verdict'), 'Row 1 of late-calls.csv (line 2) on');
    await page.getByRole('button', { name: 'Correct and import' }).click();
    const form = page.getByTestId('correct-row');
    const when = form.getByLabel('when', { exact: true });
    expect(await when.inputValue()).toBe('tomorrow-ish');
    expect(await form.getByLabel('notes', { exact: true }).inputValue()).toBe('called back');
    await when.fill('2026-03-04 10:00');
    await form.getByRole('button', { name: 'Import the corrected 505' }).click();
    await waitForText(page.getByTestId('manual-import-result'), 'Imported');
    await screenshot(page, 'upload-row-corrected');
    const found = await sessionApi<{ contacts: Array<{ sourceRef: string; createdAt: string; agent: string | null }> }>(page, 'GET', '/contacts?sourceRef=505');
    // 10:00 in Paris, the integration's time zone.
    expect(found.contacts).toEqual([expect.objectContaining({ sourceRef: '505', createdAt: '2026-03-04T09:00:00.000Z', agent: 'Dee Ray' })]);
  });

  it('shows a push integration its endpoint and makes a token limited to it, which pushes', async () => {
    const push = await sessionApi<{ id: string }>(page, 'POST', '/integrations', { platform: 'push', name: 'Chat tool', connection: { source: 'chat tool' }, settings: { startDate: '2026-01-01', intervalMinutes: 1440 } });
    await page.goto(`/integrations/${push.id}/push`);
    await page.getByRole('button', { name: 'Create a push token' }).click();
    const token = await page.getByRole('textbox', { name: 'Push token' }).inputValue();
    expect(token).toMatch(/^intk_/);
    await screenshot(page, 'push-tab');
    const answer = await page.request.post(`/api/v1/integrations/${push.id}/contacts`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      data: JSON.stringify({ records: [{ sourceRef: 'chat-1', version: 1, createdAt: '2026-03-03T09:15:00Z', status: 'closed' }] }),
    });
    expect(answer.status()).toBe(200);
    expect(((await answer.json()) as { decisions: Array<{ outcome: string }> }).decisions[0]!.outcome).toBe('imported');
    const elsewhere = await page.request.get('/api/v1/integrations', { headers: { authorization: `Bearer ${token}` } });
    expect(elsewhere.status()).toBe(403);
  });
});
