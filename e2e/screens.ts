/** The app's screens as the tests and the screenshot script visit them: where they are and when they are ready. */
import type { Page } from 'playwright-core';
import { ACME_ACCOUNTS, expectPortfolio } from './browser';

export interface Screen {
  readonly name: string;
  readonly path: string;
  /** Where the screen is once ready, when getting ready moves there (default: `path`). */
  readonly landsOn?: RegExp;
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
  async ready(page) {
    await page.locator('[data-kpi]').first().waitFor();
    // The playbooks card loads lazily, after the account has drawn.
    await page.getByTestId('account-playbooks').waitFor({ timeout: 15_000 });
  },
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

/** The assistant before a question: what it can answer offline, and the quick-query chips. */
export const ASSISTANT: Screen = {
  name: 'assistant',
  path: '/assistant',
  ready: (page) => page.getByTestId('quick-query').first().waitFor({ timeout: 15_000 }),
};
/**
 * The assistant with a conversation: two quick questions answered on the device — a list with its table and
 * sources, and a trend with its chart. Each visit starts a new conversation.
 */
export const ASSISTANT_THREAD: Screen = {
  name: 'assistant-thread',
  path: '/assistant',
  landsOn: /^\/assistant\/[\w-]+$/,
  async ready(page) {
    await ASSISTANT.ready(page);
    await page.locator('[data-testid=quick-query][data-template="1"]').click();
    await page.getByTestId('answer-text').first().waitFor({ timeout: 15_000 });
    // Typed, as the chips hide behind "Quick questions" once a conversation has started; the chip's title is
    // its question (a trend for the account in the worst health).
    const trend = await page
      .locator('[data-testid=quick-query][data-template="7"]')
      .first()
      .getAttribute('title');
    await page.getByTestId('question-input').fill(trend ?? '');
    await page.getByTestId('question-input').press('Enter');
    await page.getByTestId('answer-text').nth(1).waitFor({ timeout: 15_000 });
    await page.locator('.answer-chart canvas').first().waitFor({ timeout: 15_000 });
    // The thread scrolls its newest answer into view (smoothly): wait until the page stands still.
    await page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const y = window.scrollY;
          setTimeout(() => resolve(window.scrollY === y), 250);
        }),
      undefined,
      { polling: 100, timeout: 10_000 },
    );
  },
};

/** Playbooks: results per playbook, runs under way, and recommendations with their evidence. */
export const PLAYBOOKS: Screen = {
  name: 'playbooks',
  path: '/playbooks',
  ready: (page) => page.getByTestId('recommendation').first().waitFor({ timeout: 15_000 }),
};
/** A sample run under way (VoC Sprint on Lighthouse Retail): steps with notes, RACI, before and now. */
export const PLAYBOOK_RUN: Screen = {
  name: 'playbook-run',
  path: '/playbooks/runs/run-acme-09',
  ready: (page) => page.getByTestId('step-check-review-feedback').waitFor({ timeout: 15_000 }),
};
/** A completed sample run (VoC Sprint on Pioneer Freightways): its outcome. */
export const PLAYBOOK_RUN_COMPLETED: Screen = {
  name: 'playbook-run-completed',
  path: '/playbooks/runs/run-acme-03',
  ready: (page) => page.getByTestId('outcome-text').waitFor({ timeout: 15_000 }),
};
/** The thresholds form owners and admins configure playbooks with. */
export const PLAYBOOK_THRESHOLDS: Screen = {
  name: 'playbook-thresholds',
  path: '/playbooks/configure',
  ready: (page) => page.getByTestId('save-thresholds').waitFor({ timeout: 15_000 }),
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
