import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ACME_ACCOUNTS,
  expectPortfolio,
  goOffline,
  goOnline,
  launchChromium,
  newDevice,
  serviceWorkerReady,
  signIn,
  testIdText,
  type Device,
} from './browser';
import {
  acmeSeptemberWorkbook,
  checkedWorkbook,
  IMPORT,
  KESTREL_RED,
  readerFixture,
  workbookFile,
} from './fixtures/import';
import { startAppUnderTest, type AppUnderTest } from './server';

/** The health badge of one account on the portfolio, e.g. "Healthy · 97". */
async function healthOf(page: Page, account: string): Promise<string> {
  const row = page
    .getByTestId('account-row')
    .filter({ has: page.getByRole('link', { name: account, exact: true }) });
  if ((await row.count()) === 0) return `(no row for ${account})`;
  // Without the status shape (●, ▲, ■), which is there for the eye only.
  return ((await row.locator('.cell-status').textContent()) ?? '').replace(/^[^A-Za-z]+/, '').trim();
}

/** The text of every version in the list, newest first. */
async function versionTexts(page: Page): Promise<string[]> {
  return (await page.getByTestId('version').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Opens the import screen from the navigation, as a person would, and waits for its version list. */
async function openImport(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/import');
  await IMPORT.ready(page);
}

describe('importing a spreadsheet', () => {
  // Its own server: these tests add an account to ACME, and the other files count ACME's 23.
  let app: AppUnderTest;
  let browser: Browser;
  const opened: Device[] = [];
  /** ACME's accounts on this server: the first test's import adds one. */
  let acmeAccounts = ACME_ACCOUNTS;

  async function device(email: string): Promise<Device> {
    const d = await newDevice(browser, app.url, 'desktop');
    opened.push(d);
    await signIn(d.page, email);
    return d;
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppUnderTest(), launchChromium()]);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((d) => d.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('previews, commits and restores an upload, and the portfolio follows each step', async () => {
    const { page } = await device('owner@acme.example');
    await expectPortfolio(page, ACME_ACCOUNTS);
    const before = await healthOf(page, 'Kestrel Biotech');
    expect(before).toMatch(/^Healthy · \d+$/);

    await openImport(page);
    expect(await versionTexts(page)).toEqual([expect.stringContaining('sample-acme.csv')]);
    await page.getByTestId('import-file').setInputFiles(acmeSeptemberWorkbook());

    // The detected layout and the preview: every changed value old → new, and the account to be created.
    await expect.poll(() => testIdText(page, 'detected-layout'), { timeout: 30_000 }).toMatch(/^Wide/);
    expect(await testIdText(page, 'new-accounts')).toContain('Zephyr Logistics');
    expect(await testIdText(page, 'preview-changed')).toBe(String(KESTREL_RED.length + 3));
    const utilization = page
      .getByTestId('changed-value')
      .filter({ hasText: 'Kestrel Biotech' })
      .filter({ hasText: 'License utilization' });
    expect(await utilization.locator('.cell-month').textContent()).toBe('Sep 2025');
    expect(await utilization.locator('.cell-before').textContent()).toMatch(/\d+(\.\d)?%$/);
    expect(await utilization.locator('.cell-after').textContent()).toMatch(/20%$/);
    expect(await page.getByTestId('changed-value').filter({ hasText: 'Zephyr Logistics' }).count()).toBe(3);

    await page.getByTestId('commit-import').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await testIdText(page, 'done-summary')).toMatch(/11 values changed, 1 new account created/);
    await expect.poll(() => versionTexts(page)).toHaveLength(2);
    expect((await versionTexts(page))[0]).toMatch(/acme-september\.xlsx.*Imported by Alex Kim/);

    // The dashboard: one account more, and Kestrel Biotech turned red.
    acmeAccounts = ACME_ACCOUNTS + 1;
    await page.getByTestId('open-portfolio').click();
    await expectPortfolio(page, acmeAccounts);
    await expect.poll(() => healthOf(page, 'Kestrel Biotech')).toMatch(/^Critical · \d+$/);

    // Each value's source badge links to the version it came from.
    await page.getByRole('link', { name: 'Kestrel Biotech', exact: true }).click();
    const badge = page.locator('[data-kpi=license_utilization] a.source-badge');
    await expect
      .poll(() => badge.textContent().catch(() => ''), { timeout: 15_000 })
      .toContain('Upload · acme-september.xlsx');
    await badge.click();
    await page.waitForURL((url) => url.pathname === '/import' && url.hash.startsWith('#version-'));
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''), { timeout: 15_000 })
      .toContain('acme-september.xlsx');

    // Restoring the sample data's version brings the old values back, as a new version.
    const sample = page.getByTestId('version').filter({ hasText: 'sample-acme.csv' });
    await sample.getByTestId('restore-version').click();
    const dialog = page.getByTestId('restore-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`${KESTREL_RED.length} values change back`);
    await page.getByTestId('confirm-restore').click();
    await expect
      .poll(() => testIdText(page, 'done-summary'), { timeout: 30_000 })
      .toContain(`${KESTREL_RED.length} values changed back`);
    await expect.poll(() => versionTexts(page)).toHaveLength(3);
    expect((await versionTexts(page))[0]).toMatch(
      /sample-acme\.csv.*Restored by Alex Kim.*Restored from sample-acme\.csv/,
    );

    await page.getByTestId('open-portfolio').click();
    await expectPortfolio(page, acmeAccounts);
    await expect.poll(() => healthOf(page, 'Kestrel Biotech')).toBe(before);
  });

  it('says why a malformed file cannot be read, and imports nothing', async () => {
    const { page } = await device('owner@acme.example');
    await expectPortfolio(page, acmeAccounts);
    await openImport(page);
    const versions = (await versionTexts(page)).length;

    await page.getByTestId('import-file').setInputFiles(await readerFixture('malformed.xlsx'));
    const error = page.getByTestId('read-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toMatch(
      /Could not read malformed\.xlsx.*damaged or incomplete.*Nothing was imported/,
    );
    expect(await page.getByTestId('commit-import').count()).toBe(0);
    expect(await page.getByTestId('import-preview').count()).toBe(0);
    expect(await versionTexts(page)).toHaveLength(versions);
  });

  it('blocks the commit while rows have errors, and excluding those rows unblocks it', async () => {
    const { page } = await device('manager@acme.example');
    await expectPortfolio(page, acmeAccounts);
    await openImport(page);
    await page.getByTestId('import-file').setInputFiles(checkedWorkbook());

    await page.getByTestId('import-errors').waitFor({ timeout: 30_000 });
    const errors = page.getByTestId('import-errors').getByTestId('issue-error');
    expect(await errors.count()).toBe(2);
    expect((await errors.first().textContent())?.replace(/\s+/g, ' ')).toMatch(
      /^KPIs\s*4\s*D\s*"n\/a" is not a number\./,
    );
    expect(await page.getByTestId('commit-import').isDisabled()).toBe(true);
    expect(await testIdText(page, 'commit-reason')).toMatch(/2 errors block this import/);

    await page.getByTestId('import-errors').getByTestId('exclude-rows').first().click();
    await expect.poll(() => testIdText(page, 'excluded-rows')).toMatch(/KPIs rows 4 and 5/);
    expect(await page.getByTestId('import-errors').count()).toBe(0);
    expect(await page.getByTestId('commit-import').isEnabled()).toBe(true);
  });

  it('shows a CSM the check and the preview, and why they cannot commit', async () => {
    const { page } = await device('csm@acme.example');
    await expectPortfolio(page, acmeAccounts);
    await openImport(page);
    await page.getByTestId('import-file').setInputFiles(acmeSeptemberWorkbook());
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    expect(await testIdText(page, 'commit-not-allowed')).toMatch(
      /Your role \(CSM\) can check a spreadsheet here but not import it/,
    );
    expect(await page.getByTestId('commit-import').count()).toBe(0);
    expect(await page.getByTestId('restore-version').count()).toBe(0);
  });

  it('imports offline into the device database and syncs the version when back online', async () => {
    const { context, page } = await device('owner@acme.example');
    await expectPortfolio(page, acmeAccounts);
    // Everything the screen shows is on the device (the team too, which arrives last) before going offline.
    await openImport(page);
    await serviceWorkerReady(page);
    await goOffline(context);
    await page.reload();
    await IMPORT.ready(page);
    await expect.poll(() => testIdText(page, 'sync-indicator')).toMatch(/^Offline/);

    const file = workbookFile('helios-offline.xlsx', {
      Sheet1: [
        ['Customer', 'Metric', 'Month', 'Value'],
        ['Helios Solar', 'NPS', '2025-09', 61],
      ],
    });
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    expect(await testIdText(page, 'detected-layout')).toMatch(/^Long/);
    await page.getByTestId('commit-import').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await testIdText(page, 'done-summary')).toMatch(/1 value changed/);
    await expect.poll(() => testIdText(page, 'pending-count')).toMatch(/changes? waiting$/);

    await goOnline(context);
    await expect
      .poll(() => testIdText(page, 'pending-count'), { timeout: 30_000 })
      .toBe('All changes synced');

    // Another person's device receives the version.
    const other = await device('manager@acme.example');
    await expectPortfolio(other.page, acmeAccounts);
    await openImport(other.page);
    await expect
      .poll(() => versionTexts(other.page), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(/^helios-offline\.xlsx/));
  });
});
