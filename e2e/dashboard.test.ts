import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ACME_ACCOUNTS,
  expectPortfolio,
  goOffline,
  launchChromium,
  newDevice,
  serviceWorkerReady,
  signIn,
  testIdText,
  type Device,
} from './browser';

const STATUSES = ['red', 'yellow', 'green', 'unknown'] as const;

function accountNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid=account-row] a').allTextContents();
}

describe('the portfolio dashboard', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let device: Device;

  beforeAll(async () => {
    browser = await launchChromium();
    device = await newDevice(browser, baseUrl, 'phone');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("lists the tenant's accounts with counts by status after signing in", async () => {
    const { page } = device;
    await signIn(page, 'owner@acme.example');
    await expectPortfolio(page, ACME_ACCOUNTS);
    const names = await accountNames(page);
    expect(names).toContain('Atlas Aerospace');
    expect(new Set(names).size).toBe(ACME_ACCOUNTS);
    // Every account is counted under exactly one status, and the sample has accounts in each state.
    const counts = await Promise.all(STATUSES.map(async (s) => Number(await testIdText(page, `count-${s}`))));
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(ACME_ACCOUNTS);
    expect(Object.fromEntries(STATUSES.map((s, i) => [s, counts[i]! > 0]))).toEqual({
      red: true,
      yellow: true,
      green: true,
      unknown: true,
    });
    expect(await testIdText(page, 'sync-indicator')).toMatch(/^Online/);
  });

  it('still shows every account when reloaded offline (service worker shell, device database)', async () => {
    const { context, page } = device;
    const online = await accountNames(page);
    await serviceWorkerReady(page);
    await goOffline(context);
    await page.reload();
    await expectPortfolio(page, ACME_ACCOUNTS, 15_000);
    expect((await accountNames(page)).sort()).toEqual(online.sort());
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect.poll(() => testIdText(page, 'sync-indicator')).toMatch(/^Offline/);
  });
});
