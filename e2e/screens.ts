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
  async ready(page) {
    await page.locator('#theme').waitFor();
    // Server-held preferences and the tenant's alert rules, loaded after the page has drawn.
    await page.getByTestId('save-notification-prefs').waitFor({ timeout: 15_000 });
    await page.getByTestId('save-alert-rules').waitFor({ timeout: 15_000 });
    await page.getByTestId('webhooks').waitFor({ timeout: 15_000 });
    await page.getByTestId('team-member').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('billing-plan').waitFor({ timeout: 15_000 });
  },
};

const HOUR = 3_600_000;
const ago = (hours: number): string => new Date(Date.now() - hours * HOUR).toISOString();
/**
 * The webhooks of a tenant that has some: one working, one disabled after failing. The app under test refuses
 * destinations it cannot resolve (no DNS here) and private ones, so this screen shows server answers recorded
 * in the shapes of routes/webhooks.ts instead of endpoints created for real (those are covered by its tests).
 */
const WEBHOOK_LIST = {
  allowPrivateDestinations: false,
  endpoints: [
    {
      id: 'wh-1',
      url: 'https://hooks.example.com/vitals',
      description: 'CRM sync',
      events: ['alert.raised', 'playbook_run.completed'],
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      createdAt: ago(72),
    },
    {
      id: 'wh-2',
      url: 'https://old.example.com/hook',
      description: 'Old endpoint',
      events: ['import.committed'],
      enabled: false,
      disabledReason:
        'Disabled after 15 failed attempts in a row (last: HTTP 500). Fix the endpoint and enable it again.',
      consecutiveFailures: 15,
      createdAt: ago(400),
    },
  ],
};
const delivery = (
  id: string,
  status: string,
  attempts: number,
  lastStatus: number | null,
  hours: number,
) => ({
  id,
  messageId: `msg_${id}`,
  eventType: 'alert.raised',
  status,
  attempts,
  lastStatus,
  lastError:
    status === 'succeeded' ? null : lastStatus === null ? 'Connection refused' : `HTTP ${lastStatus}`,
  nextAttemptAt: status === 'pending' ? new Date(Date.now() + HOUR).toISOString() : null,
  createdAt: ago(hours),
  deliveredAt: status === 'succeeded' ? ago(hours) : null,
});
export const SETTINGS_WEBHOOKS: Screen = {
  name: 'settings-webhooks',
  path: '/settings#webhooks',
  landsOn: /^\/settings$/,
  async ready(page) {
    const list = '**/api/tenants/*/webhooks';
    const log = '**/api/tenants/*/webhooks/*/deliveries';
    await page.route(list, (route) => route.fulfill({ json: WEBHOOK_LIST }));
    await page.route(log, (route) =>
      route.fulfill({
        json: {
          deliveries: [
            delivery('d3', 'pending', 2, 503, 1),
            delivery('d2', 'failed', 8, null, 30),
            delivery('d1', 'succeeded', 1, 200, 48),
          ],
        },
      }),
    );
    try {
      // A reload, not a goto: the page is at this URL already, and a goto would only move to the hash.
      await page.reload();
      await page.getByTestId('webhook-item').first().waitFor({ timeout: 15_000 });
      await page
        .getByTestId('webhook-item')
        .first()
        .getByRole('button', { name: /Delivery log/ })
        .click();
      await page.getByTestId('webhook-delivery').first().waitFor({ timeout: 15_000 });
    } finally {
      // Later screens on this page talk to the real server again.
      await page.unroute(list);
      await page.unroute(log);
    }
  },
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

/**
 * The alert inbox, the whole workspace's alerts with the acknowledged ones (the owner who signs in for the
 * screenshots owns few accounts, and an inbox of one person's open alerts may be empty).
 */
export const ALERTS: Screen = {
  name: 'alerts',
  path: '/alerts?scope=all&show=all',
  landsOn: /^\/alerts$/,
  async ready(page) {
    // The sample tenants come with alerts (shared/src/sample/alerts.ts).
    await page.getByTestId('alert-item').first().waitFor({ timeout: 15_000 });
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
