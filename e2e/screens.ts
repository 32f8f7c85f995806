/** The app's screens as the tests and the screenshot script visit them: where they are and when they are ready. */
import type { Page } from 'playwright-core';
import { ACME_ACCOUNTS, expectPortfolio } from './browser';

export interface Screen {
  readonly name: string;
  readonly path: string;
  /** Resolves once the screen shows its data; rejects when it does not. */
  ready(page: Page): Promise<void>;
}

export const SIGN_IN: Screen = {
  name: 'sign-in',
  path: '/sign-in',
  ready: (page) => page.locator('#email').waitFor(),
};
export const PORTFOLIO: Screen = {
  name: 'portfolio',
  path: '/',
  ready: (page) => expectPortfolio(page, ACME_ACCOUNTS),
};
export const ACCOUNT: Screen = {
  name: 'account',
  path: '/accounts/acc-acme-01',
  ready: (page) => page.locator('[data-kpi]').first().waitFor(),
};
export const SETTINGS: Screen = {
  name: 'settings',
  path: '/settings',
  ready: (page) => page.locator('#theme').waitFor(),
};
/** Meeting mode for tablets: the portfolio as large tiles, updating live. */
export const MEETING: Screen = {
  name: 'meeting',
  path: '/meeting',
  async ready(page) {
    await page.getByTestId('meeting-tile').first().waitFor({ timeout: 15_000 });
  },
};

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/** Switches the theme the way the settings screen does, then waits for the new styles to be painted. */
export async function applyTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((t) => {
    document.documentElement.dataset.theme = t;
  }, theme);
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}
