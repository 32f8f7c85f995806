import { describe, expect, it } from 'vitest';
import { validateMeasurement, type MeasurementDoc } from '../schemas/measurements';
import { formatHlc, type Hlc } from '../sync/hlc';
import { markDeleted, setKpiCell } from '../sync/merge';
import type { Month } from '../units';
import { setKpiCells, takeStamp, writeValues, type ValueWrite, type WriteStamp } from './write-values';

const at = (seconds: number): Hlc => formatHlc({ wallMs: Date.parse('2025-10-01T09:00:00Z') + seconds * 1000, counter: 0, nodeId: 'devA' });
const march = '2025-03' as Month;
const stamp: WriteStamp = { source: { kind: 'upload', versionId: 'ver-2' }, hlc: at(10), by: 'user-1' };
const doc: MeasurementDoc = {
  id: 'acc-1:2025-03',
  accountId: 'acc-1',
  month: march,
  values: {
    nps: { value: 5, source: { kind: 'upload', versionId: 'ver-1' }, hlc: at(1) },
    csat: { value: 80, source: { kind: 'manual', userId: 'user-2' }, hlc: at(2), by: 'user-2' },
  },
  history: [],
  clocks: {},
  _deleted: false,
};
const writes: ValueWrite[] = [
  { accountId: 'acc-1', month: march, kpi: 'nps', value: 7 },
  { accountId: 'acc-1', month: march, kpi: 'arr', value: 120_000_000 },
];

describe('writeValues', () => {
  it('is setKpiCell once per value, in one merge', () => {
    const sequential = writes.reduce(
      (d, w) => setKpiCell(d, w.kpi, { value: w.value, source: stamp.source, hlc: stamp.hlc, by: stamp.by }),
      doc,
    );
    expect(setKpiCells(doc, writes, stamp)).toEqual(sequential);
    expect(writeValues(new Map([[doc.id, doc]]), writes, stamp)).toEqual([sequential]);
    expect(validateMeasurement(sequential)).toMatchObject({ ok: true });
  });

  it('creates the month documents that do not exist yet', () => {
    const [created] = writeValues(new Map(), writes, stamp);
    expect(created).toMatchObject({ id: 'acc-1:2025-03', accountId: 'acc-1', month: '2025-03', history: [], _deleted: false });
    expect(Object.keys(created!.values)).toEqual(['arr', 'nps']);
  });

  it('revives a deleted document with the written values only', () => {
    const deleted = markDeleted(doc, at(5));
    const [revived] = writeValues(new Map([[doc.id, deleted]]), writes.slice(0, 1), stamp);
    expect(revived!._deleted).toBe(false);
    expect(revived!.values.nps?.value).toBe(7);
    expect(revived!.values.csat?.value).toBeNull();
    expect(validateMeasurement(revived)).toMatchObject({ ok: true });
  });

  it('refuses a stamp older than what it overwrites', () => {
    const newer = setKpiCell(doc, 'nps', { value: 9, source: { kind: 'manual', userId: 'user-2' }, hlc: at(20) });
    expect(() => writeValues(new Map([[doc.id, newer]]), writes, stamp)).toThrow(/clock is behind/);
    expect(() => writeValues(new Map([[doc.id, markDeleted(doc, at(30))]]), writes, stamp)).toThrow(/clock is behind/);
  });

  it('reads one clock value, and refuses one that is no HLC', () => {
    expect(takeStamp(() => at(1))).toBe(at(1));
    expect(() => takeStamp(() => '2025-10-01')).toThrow(/hybrid logical clock/);
  });
});
