/**
 * Driving the system Chromium (Debian's `chromium`) with playwright-core: one browser, one context per
 * "device" (its own IndexedDB, localStorage and service worker), and the few user actions every test needs.
 */
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../sync-server/src/seed/seed';

export { DEMO_PASSWORD };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What works in this container: no sandbox (root), no GPU, and none of Chromium's own background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
  headless: true,
};

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  tablet: { width: 1024, height: 768 },
  desktop: { width: 1440, height: 900 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Accounts in the ACME sample tenant (DOMAIN.md). */
export const ACME_ACCOUNTS = 23;

export function launchChromium(): Promise<Browser> {
  return chromium.launch(LAUNCH_OPTIONS);
}

export interface Device {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** A new device: a fresh browser context (nothing stored yet) with one page on the app's origin. */
export async function newDevice(
  browser: Browser,
  baseUrl: string,
  viewport: ViewportName = 'desktop',
): Promise<Device> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: VIEWPORTS[viewport] });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the form, as a person would, and waits for the portfolio route. */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
}

/**
 * Waits until the portfolio lists `count` account rows and their health: the status cards add up to
 * `count` and not every account is "No data" (accounts arrive before their KPI values on a first sync).
 * Fails with what the page showed instead; usable in hooks too, unlike `expect.poll`.
 */
export async function expectPortfolio(page: Page, count: number, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(
      (n) => {
        const rows = document.querySelectorAll('[data-testid=account-row]').length;
        const counts = ['red', 'yellow', 'green', 'unknown'].map((s) =>
          Number(document.querySelector(`[data-testid=count-${s}]`)?.textContent?.trim()),
        );
        return rows === n && counts.reduce((a, b) => a + b, 0) === n && counts[3]! < n;
      },
      count,
      { polling: 50, timeout },
    );
  } catch (error) {
    const rows = await page
      .locator('[data-testid=account-row]')
      .count()
      .catch(() => 'no page');
    const text = (
      (await page
        .locator('body')
        .innerText()
        .catch(() => '')) ?? ''
    )
      .replace(/\s+/g, ' ')
      .slice(0, 400);
    throw new Error(
      `Expected ${count} accounts with their health on ${page.url()}, saw ${rows} rows. The page says: ${text}`,
      { cause: error },
    );
  }
}

export function goOffline(context: BrowserContext): Promise<void> {
  return context.setOffline(true);
}

export function goOnline(context: BrowserContext): Promise<void> {
  return context.setOffline(false);
}

/** Resolves once the page's service worker is active (precache done), so the app can start offline. */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** The text of the element with this `data-testid`, trimmed; says so when there is no such element. */
export async function testIdText(page: Page, testId: string): Promise<string> {
  const locator = page.getByTestId(testId);
  if ((await locator.count()) === 0) return `(no element with data-testid="${testId}")`;
  return ((await locator.first().textContent()) ?? '').trim();
}

/**
 * Resolves with the wall-clock time (ms since the epoch, read inside the page) at which the element with
 * this `data-testid` first showed `expected` as its whole text, polling every 10 ms. All contexts share
 * this machine's clock, so times from two devices can be subtracted.
 */
export async function timeWhenTextIs(
  page: Page,
  testId: string,
  expected: string,
  timeout = 30_000,
): Promise<number> {
  const handle = await page.waitForFunction(
    ([id, text]) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      return element?.textContent?.trim() === text ? Date.now() : false;
    },
    [testId, expected] as const,
    { polling: 10, timeout },
  );
  return (await handle.jsonValue()) as number;
}

/** Opens an account from the portfolio by its link, as a person would (works offline: no page load). */
export async function openAccountFromPortfolio(page: Page, accountId: string): Promise<void> {
  await page
    .locator(`[data-testid=account-row] a[href="/accounts/${encodeURIComponent(accountId)}"]`)
    .click();
  await page.waitForURL((url) => url.pathname === `/accounts/${accountId}`);
}

/**
 * The account screen's editing contract: each KPI row has `edit-<kpi>`, which opens `kpi-input` and
 * `kpi-save`; the row then shows the new value in `value-<kpi>`.
 */
export async function editKpi(page: Page, kpiId: string, value: number): Promise<void> {
  await page.getByTestId(`edit-${kpiId}`).click();
  await page.getByTestId('kpi-input').fill(String(value));
  await page.getByTestId('kpi-save').click();
}

/**
 * A new device signed in as `email`, after its first sync, showing one account with `kpiId`'s value on screen.
 */
export async function deviceOnAccount(
  browser: Browser,
  baseUrl: string,
  options: { email: string; viewport: ViewportName; accountId: string; kpiId: string },
): Promise<Device> {
  const device = await newDevice(browser, baseUrl, options.viewport);
  await signIn(device.page, options.email);
  await expectPortfolio(device.page, ACME_ACCOUNTS);
  await openAccountFromPortfolio(device.page, options.accountId);
  await device.page.waitForFunction(
    (id) => /^-?\d+$/.test(document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? ''),
    `value-${options.kpiId}`,
    { timeout: 15_000, polling: 100 },
  );
  return device;
}

/** True when `text` shows `value` as a number of its own (so 73 is not found inside 1973 or 7.3). */
export function showsNumber(text: string, value: number): boolean {
  return new RegExp(`(^|[^\\d.])${value}([^\\d.]|$)`).test(text);
}
