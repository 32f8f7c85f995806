import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ACME_ACCOUNTS,
  expectPortfolio,
  launchChromium,
  newDevice,
  signIn,
  type Device,
  type ViewportName,
} from './browser';
import { ALL_SCREENS } from './all-screens';
import { axeViolations } from './axe';
import { applyTheme, THEMES } from './screens';

const SCREENS = ALL_SCREENS;
const SIZES: ViewportName[] = ['phone', 'desktop'];

const CASES = SIZES.flatMap((size) =>
  SCREENS.flatMap((screen) => THEMES.map((theme) => ({ size, screen, theme }))),
);

describe('accessibility (axe-core)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  const devices = new Map<ViewportName, Device>();

  beforeAll(async () => {
    browser = await launchChromium();
    for (const size of SIZES) {
      const device = await newDevice(browser, baseUrl, size);
      await signIn(device.page, 'owner@acme.example');
      await expectPortfolio(device.page, ACME_ACCOUNTS);
      devices.set(size, device);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(CASES)('$screen.name at $size in $theme has no violations', async ({ size, screen, theme }) => {
    const { page } = devices.get(size)!;
    await page.goto(screen.path);
    await screen.ready(page);
    await applyTheme(page, theme);
    expect(await axeViolations(page)).toEqual([]);
  });
});
