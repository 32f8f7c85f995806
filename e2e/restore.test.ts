/**
 * An operator restores a backup (docs/deployment.md: stop the server, `vitals restore --force`, start it).
 * The backup is older than what the devices hold: a phone changed a value after it was written. The restore
 * starts a new sync epoch, the phone's replication starts over, and its change reaches the server again; after
 * that the phone keeps receiving what others write, in the new epoch.
 *
 * On CI this runs the server on a real PostgreSQL through `DATABASE_URL` (TEST_DATABASE_URL), as production
 * does; locally on the embedded one.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../sync-server/src/db/connect';
import { createBackup, restoreBackup } from '../sync-server/src/db/backup';
import {
  deviceOnAccount,
  editKpi,
  launchChromium,
  testIdText,
  type Device,
} from './browser';
import { startAppUnderTest, type AppUnderTest } from './server';

const ACCOUNT = 'acc-acme-03';
const KPI = 'nps';
const SYNCED = 'All changes synced';

/** The account's latest-month value of the KPI as the server holds it. */
async function serverValue(sql: Sql): Promise<number | null> {
  const [row] = await sql<{ value: number | null }[]>`
    select (data->'values'->${KPI}->>'value')::float8 as value from sync_documents
    where collection = 'measurements' and id like ${`${ACCOUNT}:%`} and not deleted
    order by id desc limit 1`;
  return row?.value ?? null;
}

describe('a restore from a backup older than the devices', () => {
  let app: AppUnderTest;
  let browser: Browser;
  const opened: Device[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startAppUnderTest({ postgresUrl: process.env.TEST_DATABASE_URL }),
      launchChromium(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((d) => d.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function deviceOn(email: string, viewport: 'phone' | 'desktop'): Promise<Device> {
    const device = await deviceOnAccount(browser, app.url, { email, viewport, accountId: ACCOUNT, kpiId: KPI });
    opened.push(device);
    return device;
  }

  it('gets back what a phone wrote after the backup, and the phone keeps syncing', async () => {
    const phone = await deviceOn('owner@acme.example', 'phone');
    const backup = await createBackup(app.db.sql, new Date());
    const before = await serverValue(app.db.sql);
    const written = before === 84 ? 86 : 84;

    await editKpi(phone.page, KPI, written);
    await expect.poll(() => serverValue(app.db.sql), { timeout: 15_000, interval: 250 }).toBe(written);

    let restored: number | null = null;
    await app.restart(async (db) => {
      await restoreBackup(db.sql, backup, { force: true });
      restored = await serverValue(db.sql);
    });
    // The restore took the server back to before the phone's change…
    expect(restored).toBe(before);
    // …and the phone, whose replication starts over in the new epoch, sends it again.
    await expect.poll(() => serverValue(app.db.sql), { timeout: 30_000, interval: 250 }).toBe(written);
    await expect.poll(() => testIdText(phone.page, 'pending-count'), { timeout: 15_000 }).toBe(SYNCED);
    expect(await testIdText(phone.page, `value-${KPI}`)).toBe(String(written));

    // A change made elsewhere after the restore reaches the phone (its checkpoints are of the new epoch).
    const desktop = await deviceOn('manager@acme.example', 'desktop');
    expect(await testIdText(desktop.page, `value-${KPI}`)).toBe(String(written));
    const later = written + 1;
    await editKpi(desktop.page, KPI, later);
    await expect.poll(() => testIdText(phone.page, `value-${KPI}`), { timeout: 15_000 }).toBe(String(later));
    expect(await serverValue(app.db.sql)).toBe(later);
  });
});
