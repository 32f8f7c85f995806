import { month, type KpiId } from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTenantDatabase, type VitalsDatabase } from './database';
import { syncStatus } from './sync-status';
import { editKpiValue } from './writes';

// The real device database (RxDB on Dexie) over fake-indexeddb: what an inline edit writes.
describe('editing a KPI value on the device', () => {
  let db: VitalsDatabase;
  const nps = 'nps' as KpiId;
  const at = { accountId: 'acc-1', month: month('2025-09'), kpi: nps, userId: 'user-1' };

  beforeAll(async () => {
    db = await openTenantDatabase('user-1', `tenant-${Date.now()}`);
  });
  afterAll(() => db.remove());

  it('creates the month document with a manual, stamped value and counts it as pending', async () => {
    const pendingBefore = syncStatus.pending();
    const doc = await editKpiValue(db, { ...at, value: 12 });
    expect(doc.id).toBe('acc-1:2025-09');
    expect(doc.values.nps).toMatchObject({ value: 12, source: { kind: 'manual', userId: 'user-1' }, by: 'user-1' });
    expect(syncStatus.pending()).toBe(pendingBefore + 1);
    const stored = await db.measurements.findOne('acc-1:2025-09').exec();
    expect(stored?.toJSON().values).toMatchObject({ nps: { value: 12 } });
  });

  it('keeps the replaced value in history', async () => {
    const doc = await editKpiValue(db, { ...at, value: -20 });
    expect(doc.values.nps?.value).toBe(-20);
    expect(doc.history.map((h) => [h.kpi, h.value])).toEqual([['nps', 12]]);
  });

  it('refuses a value outside the plausible range and stores nothing', async () => {
    await expect(editKpiValue(db, { ...at, value: 150 })).rejects.toThrow(/between -100 and 100/);
    const stored = await db.measurements.findOne('acc-1:2025-09').exec();
    expect(stored?.toJSON().values).toMatchObject({ nps: { value: -20 } });
  });

  it('clears a value with null, as a newer write', async () => {
    const doc = await editKpiValue(db, { ...at, value: null });
    expect(doc.values.nps?.value).toBeNull();
    expect(doc.history.at(-1)?.value).toBe(-20);
  });
});
