import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import {
  ADMIN,
  eventually,
  hasHorizontalScroll,
  launchBrowser,
  openPage,
  redeemLink,
  screenshot,
  sessionApi,
  startAll,
  startIntake,
  stopStarted,
  type RunningIntake,
} from '../support/browser-harness.js';

/** The narrow laptop window of issue 9.7. */
const NARROW_LAPTOP = { width: 800, height: 700 };

interface TableFit {
  table: string;
  /** The table is wider than the box it scrolls in. */
  overflows: boolean;
  /** That box scrolls sideways, is a named region and can be focused from the keyboard. */
  scrollable: boolean;
  named: boolean;
  focusable: boolean;
  /** Cells whose own text is cut (wider than the cell, hidden). */
  clippedCells: string[];
  /** Lines that run past the right edge of the box the user sees (they must wrap). */
  linesPastEdge: string[];
}

/**
 * How every table on the page fits: it fits its box, or its box scrolls and is a labelled,
 * focusable region; no cell is cut; error lines wrap inside what the user sees.
 * Browser-side code as a string: this file is type-checked for Node, without the DOM library.
 */
function measureTables(page: Page): Promise<TableFit[]> {
  return page.evaluate(`(() => {
    const viewport = document.documentElement.clientWidth;
    return [...document.querySelectorAll('table')].filter((t) => t.offsetParent !== null).map((table) => {
      let box = table.parentElement;
      while (box && box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
      const scroller = box && box !== document.body ? box : document.documentElement;
      const visible = scroller.getBoundingClientRect();
      const right = Math.min(visible.left + scroller.clientWidth, viewport);
      const name = table.getAttribute('data-testid') || table.querySelector('caption')?.textContent || table.className;
      const clippedCells = [...table.querySelectorAll('td, th')]
        .filter((cell) => cell.scrollWidth > cell.clientWidth + 1 && getComputedStyle(cell).overflowX !== 'visible')
        .map((cell) => cell.textContent.trim().slice(0, 60));
      const linesPastEdge = [...table.querySelectorAll('.run-error, .wraps')]
        .filter((line) => line.getBoundingClientRect().right > right + 1)
        .map((line) => line.textContent.trim().slice(0, 60));
      return {
        table: name,
        overflows: table.getBoundingClientRect().width > scroller.clientWidth + 1,
        scrollable: scroller !== document.documentElement && ['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX),
        named: scroller.getAttribute('role') === 'region' && Boolean(scroller.getAttribute('aria-label') || scroller.getAttribute('aria-labelledby')),
        focusable: scroller.tabIndex >= 0,
        clippedCells,
        linesPastEdge,
      };
    });
  })()`) as Promise<TableFit[]>;
}

function expectUsable(fits: TableFit[], where: string): void {
  expect(fits.length, `no table on ${where}`).toBeGreaterThan(0);
  for (const fit of fits) {
    const what = `${fit.table} on ${where}`;
    if (fit.overflows) {
      expect(fit.scrollable, `${what} is wider than its box, which does not scroll`).toBe(true);
      expect(fit.named, `${what} scrolls in a region without a name`).toBe(true);
      expect(fit.focusable, `${what} scrolls in a region the keyboard cannot reach`).toBe(true);
    }
    expect(fit.clippedCells, `cut cells in ${what}`).toEqual([]);
    expect(fit.linesPastEdge, `lines running past the edge in ${what}`).toEqual([]);
  }
}

/**
 * Every table at 800 × 700: runs (with long error lines), decisions, contacts, platforms, users,
 * API tokens, and health (per bucket and per integration).
 */
describe('the web UI: every table on a narrow window', () => {
  const sim = new ZendeskSimulator({ tickets: 30, rateLimit: null });
  let intake: RunningIntake;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let zendeskId = '';
  let runId = '';
  let excludedRef = '';

  beforeAll(async () => {
    const simUrl = await sim.start();
    [intake, browser] = await startAll<[RunningIntake, Browser]>([() => startIntake({ INTAKE_EXTRA_SOURCE_HOSTS: new URL(simUrl).host }), launchBrowser], stopStarted);
    ({ context, page } = await openPage(browser, intake.url));
    await redeemLink(page, intake.firstStartLink, ADMIN);
    const created = await sessionApi<{ id: string }>(page, 'POST', '/integrations', {
      platform: 'zendesk',
      name: 'Acme support with a rather long integration name',
      connection: { subdomain: sim.subdomain, baseUrl: sim.url },
      credentials: sim.apiTokenCredentials(),
      settings: { startDate: '2020-01-01', intervalMinutes: 240 },
    });
    zendeskId = created.id;
    const idle = async () => !(await sessionApi<{ running: boolean; lastRanAt: string | null }>(page, 'GET', `/integrations/${zendeskId}`)).running;
    await eventually(async () => (await sessionApi<{ lastRanAt: string | null }>(page, 'GET', `/integrations/${zendeskId}`)).lastRanAt !== null && idle(), 'the first run');
    // A failed run: its error line is long, and must wrap.
    sim.revokeAll();
    await sessionApi(page, 'POST', `/integrations/${zendeskId}/runs`);
    await eventually(async () => (await sessionApi<{ status: string }>(page, 'GET', `/integrations/${zendeskId}`)).status === 'failure' && idle(), 'the failed run');
    const { runs } = await sessionApi<{ runs: Array<{ id: string; counts: { seen: number } }> }>(page, 'GET', `/integrations/${zendeskId}/runs`);
    runId = runs.find((r) => r.counts.seen > 0)!.id;
    excludedRef = String(sim.tickets().find((t) => t.status === 'open')!.id);
    await sessionApi(page, 'POST', '/api-tokens', { name: 'Nightly export script for the QA data warehouse', permissions: ['view_contacts', 'manage_integrations'] });
    await sessionApi(page, 'POST', '/users', { email: 'a-rather-long-address.of.a.viewer@example-company.com', name: 'Valentina Viewer-Longname', role: 'contact_viewer' });
    await page.setViewportSize(NARROW_LAPTOP);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await intake?.stop();
    await sim.stop();
  });

  const settled = async () => {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.locator('.skeleton').first().waitFor({ state: 'detached' });
  };

  it.each([
    ['runs', () => `/integrations/${zendeskId}/runs`, 'runs-table'],
    ['decisions', () => `/runs/${runId}`, 'decision-table'],
    ['diagnosis decisions', () => `/contacts?ref=${excludedRef}`, 'decision-table'],
    ['contacts', () => '/contacts', 'contacts-table'],
    ['platforms', () => '/integrations', 'platforms-table'],
    ['users', () => '/account/users', 'users-table'],
    ['tokens', () => '/account/api-tokens', 'tokens-table'],
  ])('the %s table is whole at 800 × 700', async (name, path, testId) => {
    await page.goto(path());
    await settled();
    await page.getByTestId(testId).locator('tbody tr').first().waitFor();
    expect(await hasHorizontalScroll(page), 'the page itself scrolls sideways').toBe(false);
    expectUsable(await measureTables(page), name);
    await screenshot(page, `narrow-${name.replace(' ', '-')}`);
  });

  it('the health tables are whole at 800 × 700', async () => {
    await page.goto('/health');
    await settled();
    await page.getByRole('button', { name: 'Show as a table' }).click();
    await page.getByTestId('health-table').waitFor();
    await page.getByTestId('health-by-integration').locator('tbody tr').first().waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    expectUsable(await measureTables(page), 'health');
    await screenshot(page, 'narrow-health-tables');
  });

  it('a table wider than the window scrolls in a named region, from the keyboard, its error lines still in view', async () => {
    await page.setViewportSize({ width: 560, height: 700 });
    try {
      await page.goto(`/integrations/${zendeskId}/runs`);
      await settled();
      const region = page.getByRole('region', { name: 'Runs (scrolls sideways)' });
      await region.focus();
      expectUsable(await measureTables(page), 'runs at 560 px');
      await screenshot(page, 'narrow-runs-scrolling');
      await page.keyboard.press('ArrowRight');
      await eventually(async () => (await region.evaluate((el) => el.scrollLeft)) > 0, 'the region to scroll');
      // Scrolled, the error line still reads whole: it stays within what the user sees.
      expect((await measureTables(page))[0]!.linesPastEdge).toEqual([]);
    } finally {
      await page.setViewportSize(NARROW_LAPTOP);
    }
  });
});
