import { describe, expect, it } from 'vitest';
import { KPI_IDS } from '../kpi/catalog';
import { MAX_SNAPSHOT_VALUES, validateVersion } from '../schemas/versions';
import { FIXTURES } from '../schemas/fixtures';
import type { Month } from '../units';
import { buildSnapshot, snapshotValues, type SnapshotValue } from './snapshot';

const m = (text: string) => text as Month;

describe('snapshots', () => {
  const values: SnapshotValue[] = [
    { accountId: 'acc-b', month: m('2025-04'), kpi: 'arr', value: 120_000_000 },
    { accountId: 'acc-a', month: m('2025-03'), kpi: 'nps', value: -12 },
    { accountId: 'acc-b', month: m('2025-03'), kpi: 'license_utilization', value: 72.5 },
  ];

  it('lists accounts as first seen, months in order, KPIs in catalog order, cells sorted', () => {
    expect(buildSnapshot(values)).toEqual({
      accounts: ['acc-b', 'acc-a'],
      months: ['2025-03', '2025-04'],
      kpis: ['license_utilization', 'nps', 'arr'],
      cells: [0, 0, 0, 72.5, 0, 1, 2, 120_000_000, 1, 0, 1, -12],
    });
  });

  it('round-trips, and a version carrying it is valid', () => {
    const snapshot = buildSnapshot(values)!;
    expect(new Set(snapshotValues(snapshot).map((v) => JSON.stringify(v)))).toEqual(new Set(values.map((v) => JSON.stringify(v))));
    expect(validateVersion({ ...FIXTURES.versions, snapshot })).toMatchObject({ ok: true });
    expect(buildSnapshot([])).toEqual({ accounts: [], months: [], kpis: [], cells: [] });
  });

  it('keeps the later of two values of one cell', () => {
    const snapshot = buildSnapshot([...values, { accountId: 'acc-a', month: m('2025-03'), kpi: 'nps', value: 5 }])!;
    expect(snapshotValues(snapshot).find((v) => v.accountId === 'acc-a')?.value).toBe(5);
  });

  it(`holds up to ${MAX_SNAPSHOT_VALUES} values, and none above`, () => {
    const many = (count: number): SnapshotValue[] =>
      Array.from({ length: count }, (_, i) => ({ accountId: `acc-${Math.floor(i / 18)}`, month: m('2025-03'), kpi: KPI_IDS[i % 18]!, value: i % 100 }));
    const full = buildSnapshot(many(MAX_SNAPSHOT_VALUES));
    expect(full?.cells).toHaveLength(MAX_SNAPSHOT_VALUES * 4);
    expect(validateVersion({ ...FIXTURES.versions, snapshot: full })).toMatchObject({ ok: true });
    expect(buildSnapshot(many(MAX_SNAPSHOT_VALUES + 1))).toBeNull();
  });
});
