import { addMonths, month as toMonth, type Month } from '@vitals/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTenantDatabase, type VitalsDatabase } from './database';
import { findAll, indexEnds } from './find-all';

type Plain = { id: string; month: string; accountId: string; _deleted: boolean };

function measurement(accountId: string, month: Month): Record<string, unknown> {
  const value = { value: 72, source: { kind: 'upload', versionId: 'ver-1' }, hlc: '001740787200000-000000-devA' };
  return { id: `${accountId}:${month}`, accountId, month, values: { nps: value }, history: [], clocks: {}, seq: 0, _deleted: false };
}

// The device database (RxDB on Dexie over fake-indexeddb): the one-request read must answer what RxDB's query does.
describe('reading a collection in one request', () => {
  let db: VitalsDatabase;

  beforeEach(async () => {
    db = await openTenantDatabase('user-1', `tenant-${Date.now()}-${Math.round(Math.random() * 1e6)}`);
    const docs = [];
    for (let a = 0; a < 4; a++) for (let m = 0; m < 12; m++) docs.push(measurement(`acc-${a}`, addMonths(toMonth('2025-01'), m)));
    await db.measurements.bulkInsert(docs as never[]);
    // Deleted documents stay in the store as tombstones; neither read may return them.
    await db.measurements.findOne('acc-1:2025-12').exec().then((d) => d!.remove());
    await db.measurements.findOne('acc-2:2025-01').exec().then((d) => d!.remove());
  });
  afterEach(async () => {
    await db.remove();
  });

  const ids = (docs: readonly { id: string }[]): string[] => docs.map((d) => d.id).sort();
  const viaRxdb = async (selector: Record<string, unknown>): Promise<string[]> =>
    ids((await db.measurements.find({ selector }).exec()).map((d) => d.toJSON() as unknown as Plain));

  it.each([
    ['everything', {}],
    ['a range of months (answered by the index)', { month: { $gte: '2025-06', $lt: '2025-09' } }],
    ['an open range', { month: { $gte: '2025-11' } }],
    ['a field outside the index (filtered after the read)', { accountId: 'acc-3' }],
    ['nothing', { month: { $gt: '2030-01' } }],
  ])('finds the same documents as RxDB for %s', async (_what, selector) => {
    const found = await findAll<Plain>(db.measurements, selector);
    expect(ids(found)).toEqual(await viaRxdb(selector));
    expect(found.every((d) => d._deleted === false)).toBe(true);
  });

  it('returns documents as RxDB holds them', async () => {
    const [doc] = await findAll<Record<string, unknown>>(db.measurements, { accountId: 'acc-0', month: '2025-03' });
    const rx = (await db.measurements.findOne('acc-0:2025-03').exec())!.toJSON(true);
    expect(doc).toMatchObject(rx);
  });

  it('finds the first and last month with a live document, past tombstones at either end', async () => {
    await db.measurements.findOne('acc-0:2025-12').exec().then((d) => d!.remove());
    for (const a of ['acc-0', 'acc-1', 'acc-3']) await db.measurements.findOne(`${a}:2025-01`).exec().then((d) => d!.remove());
    await db.measurements.findOne('acc-3:2025-12').exec().then((d) => d!.remove());
    const ends = await indexEnds<Plain>(db.measurements, 'month');
    expect(ends?.first.month).toBe('2025-02');
    expect(ends?.last.month).toBe('2025-12');
    expect(ends?.last.id).toBe('acc-2:2025-12');
  });

  it('has no ends in an empty collection', async () => {
    expect(await indexEnds(db.accounts, 'name')).toBeNull();
  });
});
