import {
  formatHlc,
  readWorkbook,
  type AccountDoc,
  type MeasurementDoc,
  type SheetData,
  type VersionDoc,
} from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTenantDatabase, type VitalsDatabase } from './database';
import { commitImport, planDeviceImport, planDeviceRestore, sha256Hex } from './imports';
import { syncStatus } from './sync-status';

// The real device database (RxDB on Dexie) over fake-indexeddb: what committing an import writes.
const USER = 'user-owner';
/** Another device whose values were written an hour ago. */
const EARLIER = formatHlc({ wallMs: Date.now() - 3_600_000, counter: 0, nodeId: 'otherDevice' });

function account(id: string, name: string): AccountDoc {
  return {
    id,
    name,
    segment: 'Enterprise',
    ownerId: null,
    renewalDate: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    clocks: { name: EARLIER, segment: EARLIER, ownerId: EARLIER, renewalDate: EARLIER },
    history: [],
    _deleted: false,
  };
}

function month(accountId: string, m: string, values: Record<string, number>, hlc = EARLIER): MeasurementDoc {
  return {
    id: `${accountId}:${m}`,
    accountId,
    month: m as MeasurementDoc['month'],
    values: Object.fromEntries(
      Object.entries(values).map(([kpi, value]) => [
        kpi,
        { value, source: { kind: 'manual', userId: 'user-csm' }, hlc, by: 'user-csm' },
      ]),
    ),
    history: [],
    clocks: {},
    _deleted: false,
  };
}

function sheet(rows: (string | number)[][]): SheetData[] {
  return [{ name: 'KPIs', rows: [['Account', 'KPI', 'Month', 'Value'], ...rows] }];
}

describe('committing a spreadsheet import on the device', () => {
  let db: VitalsDatabase;

  /** What the screen reads: live documents only, as the tenant data's views do. */
  async function screen(): Promise<{ accounts: AccountDoc[]; measurements: MeasurementDoc[] }> {
    const accounts = (await db.accounts.find().exec()).map((d) => d.toJSON(true) as unknown as AccountDoc);
    const measurements = (await db.measurements.find().exec()).map(
      (d) => d.toJSON(true) as unknown as MeasurementDoc,
    );
    return { accounts, measurements };
  }

  async function stored(id: string): Promise<MeasurementDoc | undefined> {
    return (await db.measurements.findOne(id).exec())?.toJSON(true) as unknown as MeasurementDoc | undefined;
  }

  async function importRows(rows: (string | number)[][], fileName = 'kpis.xlsx') {
    const bytes = new TextEncoder().encode(JSON.stringify(rows));
    return planDeviceImport(db, {
      table: readWorkbook(sheet(rows)),
      ...(await screen()),
      members: [],
      fileName,
      fileHash: await sha256Hex(bytes),
      userId: USER,
    });
  }

  beforeAll(async () => {
    db = await openTenantDatabase('user-owner', `tenant-imports-${Date.now()}`);
    await db.accounts.bulkInsert([
      account('acc-1', 'Atlas Aerospace'),
      account('acc-2', 'Brightwave Telecom'),
    ] as never[]);
    await db.measurements.bulkInsert([
      month('acc-1', '2025-09', { nps: 30, csat: 80 }),
      month('acc-2', '2025-09', { nps: 5 }),
    ] as never[]);
  });
  afterAll(() => db.remove());

  let first: VersionDoc;

  it('writes the version, the new account and the changed month documents, each counted as waiting to sync', async () => {
    const pendingBefore = syncStatus.pending();
    const plan = await importRows([
      ['Atlas Aerospace', 'NPS', '2025-09', 55],
      ['Atlas Aerospace', 'CSAT', '2025-09', 80],
      ['Zephyr Logistics', 'NPS', '2025-09', 12],
    ]);
    const result = await commitImport(db, plan);
    first = result.version;

    expect(result).toMatchObject({ accounts: 1, measurements: 2 });
    const version = (await db.versions.findOne(first.id).exec())?.toJSON() as VersionDoc;
    expect(version).toMatchObject({
      fileName: 'kpis.xlsx',
      layout: 'long',
      createdBy: USER,
      counts: { accounts: 2, newAccounts: 1, values: 3, changed: 2, unchanged: 1 },
    });
    expect(version.fileHash).toMatch(/^[0-9a-f]{64}$/);

    const zephyr = (await db.accounts.find({ selector: { name: 'Zephyr Logistics' } }).exec()).map((d) =>
      d.toJSON(),
    );
    expect(zephyr).toHaveLength(1);
    expect(await stored(`${zephyr[0]!.id}:2025-09`)).toMatchObject({ values: { nps: { value: 12 } } });

    const atlas = await stored('acc-1:2025-09');
    expect(atlas?.values.nps).toMatchObject({
      value: 55,
      source: { kind: 'upload', versionId: first.id },
      by: USER,
    });
    expect(atlas?.values.csat).toMatchObject({ value: 80, source: { kind: 'manual' } });
    expect(atlas?.history.map((h) => [h.kpi, h.value])).toEqual([['nps', 30]]);
    expect(syncStatus.pending()).toBe(pendingBefore + 4);
  });

  it('keeps a value that replication wrote between planning and committing', async () => {
    const plan = await importRows([['Atlas Aerospace', 'NPS', '2025-09', 61]]);
    // Another device's CSAT edit arrives after the plan was made from the older copy.
    const later = formatHlc({ wallMs: Date.now() + 1000, counter: 0, nodeId: 'otherDevice' });
    const doc = await db.measurements.findOne('acc-1:2025-09').exec();
    await doc!.incrementalModify((current) => {
      const data = current as unknown as MeasurementDoc;
      return {
        ...data,
        values: {
          ...data.values,
          csat: { value: 91, source: { kind: 'manual', userId: 'user-csm' }, hlc: later, by: 'user-csm' },
        },
      } as never;
    });

    await commitImport(db, plan);
    const atlas = await stored('acc-1:2025-09');
    expect(atlas?.values.nps?.value).toBe(61);
    expect(atlas?.values.csat?.value).toBe(91);
  });

  it('wins over a stored value stamped by a device whose clock runs far ahead', async () => {
    const ahead = formatHlc({ wallMs: Date.now() + 3 * 3_600_000, counter: 0, nodeId: 'fastClock' });
    await db.measurements.upsert(month('acc-2', '2025-09', { nps: 5 }, ahead) as never);

    await commitImport(db, await importRows([['Brightwave Telecom', 'NPS', '2025-09', 42]]));
    const brightwave = await stored('acc-2:2025-09');
    expect(brightwave?.values.nps?.value).toBe(42);
    expect(brightwave!.values.nps!.hlc > ahead).toBe(true);
  });

  it('brings a deleted month document back with only the imported values', async () => {
    await db.measurements.insert(month('acc-1', '2025-08', { nps: 10, csat: 70 }) as never);
    await (await db.measurements.findOne('acc-1:2025-08').exec())!.remove();

    await commitImport(db, await importRows([['Atlas Aerospace', 'NPS', '2025-08', 44]]));
    const august = await stored('acc-1:2025-08');
    expect(august?._deleted).toBe(false);
    expect(august?.values.nps?.value).toBe(44);
    expect(august?.values.csat?.value ?? null).toBeNull();
  });

  it('restores a version as a new version: its values back, the others kept', async () => {
    const pendingBefore = syncStatus.pending();
    const plan = await planDeviceRestore(db, { version: first, userId: USER });
    const result = await commitImport(db, plan);

    expect(result.version).toMatchObject({
      restoredFrom: first.id,
      fileName: 'kpis.xlsx',
      counts: { values: 3, changed: 2, unchanged: 1 },
    });
    const atlas = await stored('acc-1:2025-09');
    expect(atlas?.values.nps).toMatchObject({
      value: 55,
      source: { kind: 'upload', versionId: result.version.id },
    });
    // The version held CSAT 80 too (unchanged then, but part of what it imported).
    expect(atlas?.values.csat?.value).toBe(80);
    expect((await stored('acc-2:2025-09'))?.values.nps?.value).toBe(42);
    expect(await db.versions.count().exec()).toBe(5);
    // The new version; the month document it rewrote is still waiting from the imports above.
    expect(syncStatus.pending()).toBe(pendingBefore + 1);
  });

  it('refuses to restore a version that kept no copy of its values', async () => {
    await expect(
      planDeviceRestore(db, { version: { ...first, snapshot: null }, userId: USER }),
    ).rejects.toThrow(/cannot be restored on a device/);
  });
});

describe('sha256Hex', () => {
  it('is the SHA-256 of the bytes in lowercase hex', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
