import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  deviceOnAccount,
  editKpi,
  goOffline,
  goOnline,
  launchChromium,
  showsNumber,
  testIdText,
  timeWhenTextIs,
  type Device,
  type ViewportName,
} from './browser';

/** An integer KPI, so the screen shows exactly the number typed (no unit, no rounding). */
const KPI = 'nps';
/** Replacement values: above 60 so they cannot be mistaken for a day, month, minute or second in history. */
const CANDIDATES = [67, 83, 71, 89, 77];
const SYNCED = 'All changes synced';
/**
 * The budget is "visible on another device < 1 s after the push" (p95, measured by `npm run bench`). Here
 * the behaviour is asserted with room for a busy CI machine; the measured figure is printed.
 */
const PROPAGATION_LIMIT_MS = 5_000;

function valuesOtherThan(shown: string, count: number): number[] {
  return CANDIDATES.filter((v) => String(v) !== shown).slice(0, count);
}

describe('offline edits and sync between devices', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  const opened: Device[] = [];

  /** A signed-in device showing one account, after its first sync. */
  async function deviceOn(accountId: string, email: string, viewport: ViewportName): Promise<Device> {
    const device = await deviceOnAccount(browser, baseUrl, { email, viewport, accountId, kpiId: KPI });
    opened.push(device);
    return device;
  }

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((d) => d.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('syncs an edit made offline once the phone reconnects, and the desktop shows it', async () => {
    const phone = await deviceOn('acc-acme-01', 'owner@acme.example', 'phone');
    const desktop = await deviceOn('acc-acme-01', 'manager@acme.example', 'desktop');
    const before = await testIdText(desktop.page, `value-${KPI}`);
    expect(await testIdText(phone.page, `value-${KPI}`)).toBe(before);
    const [next] = valuesOtherThan(before, 1) as [number];

    await goOffline(phone.context);
    await expect.poll(() => testIdText(phone.page, 'sync-indicator')).toMatch(/^Offline/);
    await editKpi(phone.page, KPI, next);
    await expect.poll(() => testIdText(phone.page, `value-${KPI}`)).toBe(String(next));
    await expect.poll(() => testIdText(phone.page, 'pending-count')).toBe('1 change waiting');
    expect(await testIdText(desktop.page, `value-${KPI}`)).toBe(before);

    const pushed = timeWhenTextIs(phone.page, 'pending-count', SYNCED);
    const visible = timeWhenTextIs(desktop.page, `value-${KPI}`, String(next));
    const reconnectedAt = Date.now();
    await goOnline(phone.context);
    const [pushedAt, visibleAt] = await Promise.all([pushed, visible]);

    console.log(
      `offline edit: pushed ${pushedAt - reconnectedAt} ms after reconnecting; visible on the second device ${visibleAt - pushedAt} ms after the push (${visibleAt - reconnectedAt} ms after reconnecting)`,
    );
    expect(visibleAt - pushedAt).toBeLessThan(PROPAGATION_LIMIT_MS);
    expect(await testIdText(phone.page, `value-${KPI}`)).toBe(String(next));
  });

  it('resolves the same value edited on two offline devices to the later write and shows the loser in history', async () => {
    const phone = await deviceOn('acc-acme-02', 'owner@acme.example', 'phone');
    const tablet = await deviceOn('acc-acme-02', 'manager@acme.example', 'tablet');
    const [earlier, later] = valuesOtherThan(await testIdText(phone.page, `value-${KPI}`), 2) as [
      number,
      number,
    ];

    await goOffline(phone.context);
    await goOffline(tablet.context);
    await editKpi(phone.page, KPI, earlier);
    await expect.poll(() => testIdText(phone.page, `value-${KPI}`)).toBe(String(earlier));
    await editKpi(tablet.page, KPI, later);
    await expect.poll(() => testIdText(tablet.page, `value-${KPI}`)).toBe(String(later));

    // The later writer reaches the server first, so "whoever arrives last wins" would pick the wrong value.
    await goOnline(tablet.context);
    await timeWhenTextIs(tablet.page, 'pending-count', SYNCED, 15_000);
    await goOnline(phone.context);

    for (const device of [phone, tablet]) {
      await expect
        .poll(() => testIdText(device.page, `value-${KPI}`), { timeout: 15_000 })
        .toBe(String(later));
      await expect.poll(() => testIdText(device.page, 'pending-count'), { timeout: 15_000 }).toBe(SYNCED);
      await expect
        .poll(async () => showsNumber(await testIdText(device.page, `history-${KPI}`), earlier), {
          timeout: 15_000,
          message: `history-${KPI} shows the losing value ${earlier}`,
        })
        .toBe(true);
    }
  });
});
