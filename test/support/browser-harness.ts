import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startIntakeProcess, type IntakeProcess } from './intake-process.js';

/** The system's Chromium (installed by the OS package manager; never downloaded by a test). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

export const DESKTOP = { width: 1280, height: 800 };
export const NARROW = { width: 900, height: 800 };

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install the system package (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Starts things in parallel; if any fails, stops those that started, so nothing is left running.
 */
export async function startAll<T extends readonly unknown[]>(
  starts: { [K in keyof T]: () => Promise<T[K]> },
  stop: (started: unknown) => Promise<void>,
): Promise<T> {
  const settled = await Promise.allSettled(starts.map((start) => start()));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(settled.filter((r) => r.status === 'fulfilled').map((r) => stop((r as PromiseFulfilledResult<unknown>).value)));
    throw failed.reason;
  }
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Stops whatever startAll started: an Intake process or a browser. */
export async function stopStarted(started: unknown): Promise<void> {
  if (started && typeof (started as RunningIntake).stop === 'function') await (started as RunningIntake).stop();
  else if (started && typeof (started as Browser).close === 'function') await (started as Browser).close();
}

/** A fresh browser context (its own cookies and storage), with a page in it. */
export async function openPage(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'UTC' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Wait for fonts and a settled layout so the picture shows what a user sees.
  // Browser-side code as strings: this file is type-checked for Node, without the DOM library.
  await page.evaluate(`(async () => {
    await document.fonts.ready;
    // Close confirmations left from earlier steps, as a user would, so they hide nothing.
    for (const button of document.querySelectorAll('[data-testid="notice"] button')) button.click();
    window.scrollTo(0, 0);
  })()`);
  await page.waitForFunction(`!document.querySelector('[data-testid="notice"]')`);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
  await expectAccessible(page, name);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Every screenshot is also checked with axe-core against WCAG 2.1 A and AA (labels, contrast, names,
 * roles, links told apart without colour): a finding fails the test, naming the screen and element.
 */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  if (!(await page.evaluate(`typeof window.axe !== 'undefined'`))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(`window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`)) as Array<{ id: string; impact: string; help: string; targets: string[] }>;
  if (violations.length) {
    const lines = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`);
    throw new Error(`The screen "${screen}" has accessibility problems:\n${lines.join('\n')}`);
  }
}

export interface RunningIntake {
  process: IntakeProcess;
  url: string;
  /** The first-start one-time link printed on stdout. */
  firstStartLink: string;
  stop(): Promise<void>;
}

/** Starts the real `intake start` on a free port with its own temporary data folder. */
export async function startIntake(env: Record<string, string> = {}): Promise<RunningIntake> {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-browser-'));
  const intake = startIntakeProcess({ INTAKE_DATA_DIR: dataDir, PORT: '0', ...env });
  const stop = async () => {
    await intake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const listening = await intake.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('API and web UI on'));
    const linkLine = await intake.waitFor((l) => l.unparsed === true && String(l.msg).includes('/sign-in#link='));
    const firstStartLink = String(linkLine.msg).trim();
    return { process: intake, url: String(listening.url), firstStartLink, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until the locator's text matches (polling what the user would read). */
export async function waitForText(locator: Locator, expected: string | RegExp, timeout = 30_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.first().textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => null)) ?? '';
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${String(expected)}; last text: ${JSON.stringify(last)}`);
}

/** The page scrolls horizontally (what a narrow screen must never do). */
export function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1');
}

export const ADMIN = { email: 'ada@example.com', name: 'Ada Admin', password: 'correct horse battery staple' };

/** Opens a one-time link and sets the account up (email and name may be left out for invited users). */
export async function redeemLink(page: Page, link: string, input: { email?: string; name?: string; password: string }): Promise<void> {
  await page.goto(link);
  await page.getByRole('heading', { name: 'Set up your account' }).waitFor();
  if (input.email) await page.getByLabel('Email').fill(input.email);
  if (input.name) await page.getByLabel('Your name').fill(input.name);
  await page.getByLabel('Password', { exact: true }).fill(input.password);
  await page.getByLabel('Confirm password').fill(input.password);
  await page.getByRole('button', { name: 'Set up and sign in' }).click();
  await page.getByTestId('signed-in-user').waitFor();
}

/**
 * The REST API as the signed-in page's session (its cookie and CSRF token): for setting up and
 * checking what the screens show against what the API answers.
 */
export async function sessionApi<T = Record<string, unknown>>(page: Page, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const session = await page.request.get('/api/v1/auth/session');
  const csrf = ((await session.json()) as { csrfToken?: string }).csrfToken ?? '';
  const response = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeout`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
