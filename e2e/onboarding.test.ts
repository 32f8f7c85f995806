/**
 * Self-service sign-up to a working team, as a new customer would do it: sign up, confirm the address from
 * the outbox (no email service here, so the operator's `vitals outbox` is the mailbox), walk the welcome
 * wizard with a spreadsheet, invite a colleague, who accepts and then signs in on their own device.
 *
 * On CI this runs the server on a real PostgreSQL through `DATABASE_URL` (TEST_DATABASE_URL), as production
 * does, and reads the outbox with the CLI in a process of its own; without one, on the embedded database.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { expectPortfolio, launchChromium, newDevice, signIn, type Device } from './browser';
import { KESTREL_RED, workbookFile } from './fixtures/import';
import { startAppUnderTest, type AppUnderTest } from './server';

const run = promisify(execFile);
const PASSWORD = 'a long enough passphrase 42';

interface OutboxMessage {
  readonly to: string;
  readonly kind: string;
  readonly subject: string;
  readonly body: string;
}

/** The newest message to `to`, read the way an operator of a server without email would. */
async function newestMailTo(app: AppUnderTest, to: string, kind: string): Promise<OutboxMessage> {
  let messages: OutboxMessage[];
  if (app.databaseUrl) {
    const { stdout } = await run(
      'npx',
      ['tsx', 'sync-server/src/cli/main.ts', 'outbox', '--to', to, '--kind', kind, '--json'],
      {
        env: { ...process.env, DATABASE_URL: app.databaseUrl, LOG_LEVEL: 'warn' },
      },
    );
    messages = JSON.parse(stdout) as OutboxMessage[];
  } else {
    // The embedded database belongs to the running server's process: read its table through that connection.
    messages = await app.db.sql<OutboxMessage[]>`
      select to_email as "to", kind, subject, body from outbox where to_email = ${to} and kind = ${kind} order by id desc`;
  }
  const [message] = messages;
  if (!message) throw new Error(`No ${kind} email to ${to} in the outbox`);
  return message;
}

function linkIn(body: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path.replace('/', '\\/')}\\?token=[^\\s]+`).exec(body);
  if (!match) throw new Error(`No ${path} link in:\n${body}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
}

/** KPI values of a healthy, an at-risk and a critical account (the last is the import tests' red Kestrel). */
const LEVELS: Record<string, readonly number[]> = {
  'Halcyon Health': [90, 40, 70, 2, 2, 0, 50, 92],
  'Ironbridge Capital': [70, 20, 40, 8, 10, 2, 10, 78],
  'Juniper Schools': KESTREL_RED.map(([, value]) => value),
};

/** Three accounts with eight KPIs for two months, in the long layout a CRM export would have. */
function firstCustomersWorkbook(): ReturnType<typeof workbookFile> {
  const rows: (string | number)[][] = [['Account', 'KPI', 'Month', 'Value']];
  for (const [account, values] of Object.entries(LEVELS)) {
    for (const month of ['2026-09', '2026-10']) {
      KESTREL_RED.forEach(([kpi], i) => rows.push([account, kpi, month, values[i]!]));
    }
  }
  return workbookFile('first-customers.xlsx', { KPIs: rows });
}

const OWNER = { name: 'Robin Okafor', email: 'robin@halcyon-cs.example', workspace: 'Halcyon CS' };
const COLLEAGUE = {
  name: 'Sam Lindqvist',
  email: 'sam@halcyon-cs.example',
  password: 'another long passphrase 7',
};
const ACCOUNTS = 3;

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30_000 });
}

describe('self-service sign-up and onboarding', () => {
  let app: AppUnderTest;
  let browser: Browser;
  const opened: Device[] = [];

  async function device(viewport: 'phone' | 'desktop' = 'desktop'): Promise<Device> {
    const d = await newDevice(browser, app.url, viewport);
    opened.push(d);
    return d;
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startAppUnderTest({ postgresUrl: process.env.TEST_DATABASE_URL }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.context.close()));
    await browser?.close();
    await app?.stop();
  });

  it('signs up, confirms the address from the outbox, sets up a workspace from a spreadsheet and brings in a colleague', async () => {
    // Sign up from the sign-in page's link.
    const { page } = await device();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await heading(page, 'Create your Vitals account');
    await page.getByLabel('Name', { exact: true }).fill(OWNER.name);
    await page.getByLabel('Work email').fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname === '/verify-email');
    await heading(page, 'Check your inbox');
    expect(await page.locator('main').textContent()).toContain(OWNER.email);
    expect(await axeViolations(page)).toEqual([]);

    // Until the address is confirmed, the app does not open a workspace.
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/verify-email');

    // The confirmation email, as the operator's outbox holds it; its link signs nothing in by itself.
    const confirmation = await newestMailTo(app, OWNER.email, 'email-verification');
    expect(confirmation.subject).toBe('Confirm your email for Vitals');
    await page.goto(linkIn(confirmation.body, '/verify-email'));

    // Step 1: name the workspace.
    await page.waitForURL((url) => url.pathname === '/welcome', { timeout: 30_000 });
    await heading(page, 'Name your workspace');
    expect(await page.locator('main').textContent()).toContain('Step 1 of 4');
    await page.getByLabel('Workspace name').fill(OWNER.workspace);
    await page.getByRole('button', { name: 'Create workspace' }).click();

    // Step 2: a spreadsheet, checked and committed on the device, counted from the local database.
    await page.waitForURL((url) => url.pathname === '/welcome/data', { timeout: 30_000 });
    await heading(page, 'Add your data');
    await page.getByRole('button', { name: 'Upload a spreadsheet' }).click();
    await page.getByTestId('import-file').setInputFiles(firstCustomersWorkbook());
    await expect
      .poll(() => page.getByTestId('new-accounts').textContent(), { timeout: 30_000 })
      .toContain('Juniper Schools');
    await page.getByTestId('commit-import').click();
    await expect
      .poll(() => page.getByTestId('welcome-accounts').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${ACCOUNTS} accounts`));
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 3: invite a colleague as a CSM.
    await page.waitForURL((url) => url.pathname === '/welcome/team');
    await heading(page, 'Invite your team');
    await page.getByLabel('Email').first().fill(COLLEAGUE.email);
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByText(`${COLLEAGUE.email} · CSM`).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 4: install and notifications are offered, both optional; then the dashboard with the upload.
    await page.waitForURL((url) => url.pathname === '/welcome/install');
    await heading(page, 'Install Vitals');
    await page.getByRole('button', { name: 'Turn on notifications' }).waitFor();
    await page
      .getByRole('link', { name: 'Go to your dashboard' })
      .or(page.getByRole('button', { name: 'Go to your dashboard' }))
      .click();
    await page.waitForURL((url) => url.pathname === '/');
    await expectPortfolio(page, ACCOUNTS);
    for (const status of ['red', 'yellow', 'green'])
      expect(await page.getByTestId(`count-${status}`).textContent(), status).toMatch(/^\s*1\s*$/);

    // The colleague opens the invitation on their phone, makes an account with it and lands in the workspace.
    const invitation = await newestMailTo(app, COLLEAGUE.email, 'invitation');
    expect(invitation.subject).toContain(OWNER.workspace);
    const phone = await device('phone');
    await phone.page.goto(linkIn(invitation.body, '/accept-invitation'));
    await heading(phone.page, `Join ${OWNER.workspace} on Vitals`);
    expect(await axeViolations(phone.page)).toEqual([]);
    await phone.page.getByLabel('Name', { exact: true }).fill(COLLEAGUE.name);
    await phone.page.getByLabel('Password', { exact: true }).fill(COLLEAGUE.password);
    await phone.page.getByRole('button', { name: 'Accept invitation' }).click();
    await phone.page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
    await expectPortfolio(phone.page, ACCOUNTS);

    // And signs in with that password on another device, straight into the same workspace.
    const laptop = await device();
    await signIn(laptop.page, COLLEAGUE.email, COLLEAGUE.password);
    await expectPortfolio(laptop.page, ACCOUNTS);
    expect(await laptop.page.getByRole('link', { name: 'Halcyon Health', exact: true }).count()).toBe(1);

    // A member can start a workspace of their own from Settings, and then has both on this device.
    await laptop.page.goto('/settings');
    await laptop.page.getByTestId('new-workspace').click();
    await heading(laptop.page, 'Name your workspace');
    await laptop.page.getByLabel('Workspace name').fill('Lindqvist Advisory');
    await laptop.page.getByRole('button', { name: 'Create workspace' }).click();
    await laptop.page.waitForURL((url) => url.pathname === '/welcome/data', { timeout: 30_000 });
    await laptop.page.goto('/settings');
    const workspaces = laptop.page.getByTestId('tenant-switcher').getByRole('radio');
    await expect.poll(() => workspaces.count(), { timeout: 15_000 }).toBe(2);
    expect(
      await laptop.page
        .getByTestId('tenant-switcher')
        .getByRole('radio', { name: /Lindqvist Advisory/ })
        .isChecked(),
    ).toBe(true);
  });

  it('lets the colleague delete their own workspace, then their account (never while its last owner)', async () => {
    const { page } = await device();
    await signIn(page, COLLEAGUE.email, COLLEAGUE.password);
    const privacy = page.getByTestId('privacy');
    const deleteAccount = async (): Promise<void> => {
      await page.goto('/settings#privacy');
      await privacy.getByTestId('delete-account').click();
      await page.getByLabel('Your password').fill(COLLEAGUE.password);
      await privacy.getByTestId('delete-account-confirm').click();
    };

    // Still the only owner of the workspace made in the first test: refused, and nothing is deleted.
    await deleteAccount();
    await expect
      .poll(() => privacy.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('only owner');

    // Deleting that workspace (typing its address) leaves the one they were invited to.
    await page
      .getByTestId('tenant-switcher')
      .getByRole('radio', { name: /Lindqvist Advisory/ })
      .check();
    await page.goto('/settings#privacy');
    await privacy.getByTestId('delete-workspace').click();
    const slug = (await privacy.locator('.privacy-slug').textContent()) ?? '';
    expect(slug).toMatch(/^lindqvist-advisory/);
    await page.getByLabel(/Type the workspace’s address/).fill(slug);
    await privacy.getByTestId('delete-workspace-confirm').click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
    await expectPortfolio(page, ACCOUNTS);

    // Now the account can go; sign-in says so, and the password no longer works.
    await deleteAccount();
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.search === '?deleted=account', {
      timeout: 30_000,
    });
    expect(await page.getByRole('status').textContent()).toContain('account was deleted');
    await page.locator('#email').fill(COLLEAGUE.email);
    await page.locator('#password').fill(COLLEAGUE.password);
    await page.locator('form button[type=submit]').click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('not correct');
  });

  it('refuses a confirmation link that was already used, with a way on', async () => {
    const confirmation = await newestMailTo(app, OWNER.email, 'email-verification');
    const { page } = await device();
    await page.goto(linkIn(confirmation.body, '/verify-email'));
    await heading(page, 'This link did not work');
    expect(await page.locator('main').textContent()).toContain('invalid, used or expired');
  });
});
