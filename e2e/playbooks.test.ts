import { readFile } from 'node:fs/promises';
import { getPlaybook, isPlaybookId } from '@vitals/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ACME_ACCOUNTS,
  expectPortfolio,
  goOffline,
  goOnline,
  launchChromium,
  newDevice,
  signIn,
  testIdText,
  type Device,
} from './browser';
import { drawn, isPdf, shownText } from './pdf';

const SYNCED = 'All changes synced';
const NOTE = 'Met the sponsor on site: the export bug is their top complaint.';

/** Opens the playbooks screen from the navigation, as a person would, and waits for its recommendations. */
async function openPlaybooks(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Playbooks', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/playbooks');
  await page.getByTestId('recommendation').first().waitFor({ timeout: 15_000 });
}

describe('playbook runs across devices', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let phone: Device;
  let desktop: Device;

  beforeAll(async () => {
    browser = await launchChromium();
    phone = await newDevice(browser, baseUrl, 'phone');
    desktop = await newDevice(browser, baseUrl, 'desktop');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts a run offline on a phone, checks steps off with a note, syncs, and completes it on a desktop with a PDF report', async () => {
    // The phone: signed in and synced, then the signal goes.
    await signIn(phone.page, 'owner@acme.example');
    await expectPortfolio(phone.page, ACME_ACCOUNTS);
    await openPlaybooks(phone.page);
    await goOffline(phone.context);
    await expect.poll(() => testIdText(phone.page, 'sync-indicator')).toMatch(/^Offline/);

    // Start the most pressing recommendation of the first playbook that has one.
    const recommendation = phone.page.getByTestId('recommendation').first();
    const account = (await recommendation.getAttribute('data-account'))!;
    const playbookId = await recommendation.getAttribute('data-playbook');
    if (!isPlaybookId(playbookId)) throw new Error(`Not a playbook id: ${playbookId}`);
    const { name: playbookName, steps } = getPlaybook(playbookId);
    await recommendation.getByTestId('start-run').click();
    await phone.page.waitForURL((url) => /^\/playbooks\/runs\/[\w-]+$/.test(url.pathname));
    const runPath = new URL(phone.page.url()).pathname;
    // The run page draws once the new run reaches the device's live collection, a moment after the navigation.
    await expect.poll(() => testIdText(phone.page, 'run-account')).toBe(account);
    expect(await testIdText(phone.page, 'run-state')).toMatch(/Active$/);
    await expect.poll(() => testIdText(phone.page, 'run-pending')).toMatch(/Waiting to sync$/);

    // Two steps checked off, the first with a note: all on the device, nothing sent.
    const [first, second] = [steps[0]!.id, steps[1]!.id];
    await phone.page.getByTestId(`step-check-${first}`).check();
    await phone.page.getByTestId(`step-note-toggle-${first}`).click();
    await phone.page.getByTestId(`step-note-input-${first}`).fill(NOTE);
    await phone.page.getByTestId(`step-note-save-${first}`).click();
    await phone.page.getByTestId(`step-check-${second}`).check();
    await expect.poll(() => testIdText(phone.page, 'run-progress')).toBe(`2 of ${steps.length} steps`);
    expect(await testIdText(phone.page, `step-note-${first}`)).toBe(`Note: ${NOTE}`);
    expect(await testIdText(phone.page, 'pending-count')).not.toBe(SYNCED);

    // The desktop does not know about the run yet.
    await signIn(desktop.page, 'manager@acme.example');
    await expectPortfolio(desktop.page, ACME_ACCOUNTS);
    await openPlaybooks(desktop.page);
    const openRuns = async (): Promise<string[]> => desktop.page.getByTestId('open-run').allTextContents();
    expect((await openRuns()).some((t) => t.includes(account) && t.includes(playbookName))).toBe(false);

    // The phone reconnects: its writes go up, and the desktop shows the run with its progress and note.
    await goOnline(phone.context);
    await expect.poll(() => testIdText(phone.page, 'pending-count'), { timeout: 30_000 }).toBe(SYNCED);
    await expect.poll(() => testIdText(phone.page, 'run-pending')).toContain('no element');
    await expect
      .poll(
        async () =>
          (await openRuns()).some((t) => t.includes(account) && t.includes(`2 of ${steps.length} steps`)),
        { timeout: 15_000 },
      )
      .toBe(true);
    await desktop.page.goto(runPath);
    await expect
      .poll(() => testIdText(desktop.page, 'run-progress'), { timeout: 15_000 })
      .toBe(`2 of ${steps.length} steps`);
    expect(await testIdText(desktop.page, `step-note-${first}`)).toBe(`Note: ${NOTE}`);
    expect(await desktop.page.getByTestId(`step-check-${first}`).isChecked()).toBe(true);

    // Completed on the desktop, after confirming what will be recorded.
    await desktop.page.getByTestId('run-complete').click();
    await desktop.page.getByTestId('complete-preview').waitFor();
    if (playbookId === 'renewal-safeguard') await desktop.page.getByLabel('Yes, it renewed').check();
    await desktop.page.getByTestId('complete-confirm').click();
    await expect.poll(() => testIdText(desktop.page, 'run-state')).toMatch(/Completed$/);
    expect(await testIdText(desktop.page, 'outcome-text')).toMatch(/The success criterion was (not )?met: /);
    // A completed run's steps are final.
    expect(await desktop.page.getByTestId(`step-check-${steps[2]!.id}`).isDisabled()).toBe(true);

    // Its report, as a PDF made on the desktop, names the account.
    const [download] = await Promise.all([
      desktop.page.waitForEvent('download'),
      desktop.page.getByTestId('run-report-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^vitals-[a-z0-9-]+\.pdf$/);
    const bytes = new Uint8Array(await readFile((await download.path())!));
    expect(isPdf(bytes)).toBe(true);
    const text = shownText(bytes);
    expect(text).toContain(drawn(`Account: ${account}`));
    expect(text).toContain(drawn('Outcome'));

    // And the phone, online again, sees the run completed.
    await expect.poll(() => testIdText(phone.page, 'run-state'), { timeout: 15_000 }).toMatch(/Completed$/);
  });
});
