import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FreshdeskSimulator } from '../../src/connectors/freshdesk/freshdesk.simulator.js';
import { IntercomSimulator } from '../../src/connectors/intercom/intercom.simulator.js';
import { ADMIN, eventually as eventuallyWithin, launchBrowser, openPage, redeemLink, screenshot, sessionApi, startAll, startIntake, stopStarted, waitForText, type RunningIntake } from '../support/browser-harness.js';

/** Waits are on what the page says; the bound is only how long to keep looking on a busy machine. */
const PATIENCE_MS = 60_000;
const see = (locator: Locator, expected: string | RegExp) => waitForText(locator, expected, PATIENCE_MS);
const eventually = <T>(check: () => Promise<T | undefined | false>, what: string) => eventuallyWithin(check, what, PATIENCE_MS);
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Platform {
  name: string;
  /** What one conversation is called on its screens. */
  noun: string;
  connection(): Record<string, unknown>;
  credentials(): Record<string, unknown>;
  /** An agent's name as the platform's own API gives it, read the way a client would. */
  agentName(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Every troubleshooting feature for Freshdesk and Intercom, as for Zendesk: a filter by agent name,
 * the diagnosis of a conversation it excluded (naming the agent), a manual import, a backfill preview,
 * health, a support report and reconnecting — in the web UI, against each platform's simulator.
 */
describe('the web UI: troubleshooting on Freshdesk and Intercom', { timeout: 6 * PATIENCE_MS }, () => {
  const freshdesk = new FreshdeskSimulator({ tickets: 30, rateLimit: null, domain: 'acme' });
  const intercom = new IntercomSimulator({ conversations: 30, rateLimit: null, workspaceId: 'wsp9' });
  const platforms: Platform[] = [
    {
      name: 'Freshdesk',
      noun: 'Ticket',
      connection: () => ({ domain: freshdesk.domain, baseUrl: freshdesk.url }),
      credentials: () => freshdesk.credentials(),
      async agentName() {
        const auth = Buffer.from(`${freshdesk.credentials().apiKey}:X`).toString('base64');
        const agents = (await (await fetch(`${freshdesk.url}/api/v2/agents`, { headers: { authorization: `Basic ${auth}` } })).json()) as Array<{ id: number; contact: { name: string } }>;
        return agents.at(-1)!.contact.name;
      },
      stop: () => freshdesk.stop(),
    },
    {
      name: 'Intercom',
      noun: 'Conversation',
      connection: () => ({ region: 'us', baseUrl: intercom.url }),
      credentials: () => ({ accessToken: intercom.accessToken }),
      async agentName() {
        const answer = (await (await fetch(`${intercom.url}/admins`, { headers: { authorization: `Bearer ${intercom.accessToken}`, 'intercom-version': '2.11' } })).json()) as { admins: Array<{ name: string }> };
        return answer.admins[0]!.name;
      },
      stop: () => intercom.stop(),
    },
  ];
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const ids: Record<string, string> = {};
  const excludedRef: Record<string, string> = {};
  const agents: Record<string, string> = {};

  beforeAll(async () => {
    const hosts = [await freshdesk.start(), await intercom.start()].map((url) => new URL(url).host).join(',');
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: hosts, INTAKE_SANDBOX: 'off' }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    context.setDefaultTimeout(PATIENCE_MS);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: intake.url });
    await redeemLink(page, intake.firstStartLink, ADMIN);
    for (const p of platforms) {
      agents[p.name] = await p.agentName();
      // A filter that names an agent: the platform's directory turns the name into its id.
      const created = await sessionApi<{ id: string }>(page, 'POST', '/integrations', {
        platform: p.name.toLowerCase(),
        name: `${p.name} inbox`,
        connection: p.connection(),
        credentials: p.credentials(),
        settings: { startDate: day(Date.now() - 400 * DAY), statusCriteria: ['open', 'pending', 'solved', 'closed'], filters: [{ field: 'agent', operator: 'is', value: agents[p.name] }], intervalMinutes: 240 },
      });
      ids[p.name] = created.id;
      const run = await eventually(async () => {
        const runs = (await sessionApi<{ runs: Array<{ id: string; status: string }> }>(page, 'GET', `/integrations/${created.id}/runs?limit=1`)).runs;
        return runs[0] && !['queued', 'running'].includes(runs[0].status) && runs[0];
      }, `the first run of ${p.name}`);
      const decisions = (await sessionApi<{ decisions: Array<{ sourceRef: string }> }>(page, 'GET', `/runs/${run.id}/decisions?outcome=excluded&reason=filter`)).decisions;
      expect(decisions.length, `${p.name} excluded some conversations by the agent filter`).toBeGreaterThan(0);
      excludedRef[p.name] = decisions[0]!.sourceRef;
    }
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    for (const p of platforms) await p.stop();
  });

  const verdict = (p: Page) => p.getByTestId('diagnosis-verdict');
  const tab = (label: string) => page.getByRole('navigation', { name: 'Integration sections' }).getByRole('link', { name: label, exact: true });

  for (const platform of ['Freshdesk', 'Intercom']) {
    describe(platform, () => {
      const p = () => platforms.find((x) => x.name === platform)!;

      it('diagnoses a conversation the agent filter excluded, naming the agent, and imports it manually', async () => {
        const ref = excludedRef[platform]!;
        await page.goto(`/contacts?ref=${encodeURIComponent(ref)}`);
        await page.getByTestId('not-imported').waitFor();
        const text = await see(verdict(page), 'was excluded');
        expect(text).toContain(`by the filter \`agent is ${agents[platform]} (`);
        expect(await page.getByTestId('diagnosis').textContent()).toContain(`Why ${p().noun.toLowerCase()} ${ref} is missing`);
        await screenshot(page, `diagnosis-${platform.toLowerCase()}`);

        await page.getByTestId('diagnosis-actions').getByRole('button', { name: 'Import this conversation now' }).click();
        await see(page.getByTestId('manual-import-result'), `Imported ${p().noun.toLowerCase()} ${ref}`);
        await page.getByTestId('found-contact').waitFor();
        await see(verdict(page), 'It is not missing');
      });

      it('previews a backfill with requests and time, then shows health and writes a support report', async () => {
        await page.goto(`/integrations/${ids[platform]}/backfill?from=${day(Date.now() - 60 * DAY)}&to=${day(Date.now() + DAY)}`);
        await page.getByRole('button', { name: 'Preview', exact: true }).click();
        const preview = page.locator('[data-testid="backfill-preview"][data-status="succeeded"]');
        await preview.getByTestId('preview-estimate').waitFor({ timeout: PATIENCE_MS });
        expect(await preview.getByTestId('preview-estimate').textContent()).toMatch(new RegExp(`It needs \\d+ requests? to ${platform}`));
        await screenshot(page, `backfill-preview-${platform.toLowerCase()}`);

        await tab('Health').click();
        await page.getByTestId('volume-chart').locator('svg.recharts-surface').waitFor();
        await see(page.getByTestId('volume-chart').locator('[data-series="excluded:filter"]'), 'Excluded (filter)');
        await screenshot(page, `health-${platform.toLowerCase()}`);

        await page.getByRole('button', { name: 'Create a support report' }).click();
        const dialog = page.getByRole('dialog', { name: 'Create a support report' });
        const refs = dialog.getByLabel('References (optional)');
        await refs.fill(excludedRef[platform]!);
        await refs.press('Enter');
        await dialog.getByRole('button', { name: 'Create the report' }).click();
        await see(dialog.getByTestId('support-report'), 'Support report copied');
        const report = await page.evaluate<string>('navigator.clipboard.readText()');
        expect(report).toContain(`# Support report: ${platform} inbox (${platform}, account "`);
        expect(report).toContain(`### ${excludedRef[platform]} — imported`);
        await dialog.getByRole('button', { name: 'Done' }).click();
      });

      it('reconnects with credentials tested first', async () => {
        await page.goto(`/integrations/${ids[platform]}`);
        await tab('Reconnect').click();
        const secretField = page.getByTestId('credential-fields').locator('input[type="password"]').first();
        await secretField.fill(String(Object.values(p().credentials())[0]));
        await screenshot(page, `reconnect-${platform.toLowerCase()}`);
        await page.getByRole('button', { name: 'Test and reconnect' }).click();
        await see(page.getByTestId('reconnect-success'), `${platform} accepted the new credentials`);
      });
    });
  }
});
