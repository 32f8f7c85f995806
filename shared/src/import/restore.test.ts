import { describe, expect, it } from 'vitest';
import { generateSampleTenants } from '../sample/generate';
import { sampleDocuments } from '../sample/documents';
import { markDeleted } from '../sync/merge';
import type { Hlc } from '../sync/hlc';
import { planImport } from './plan';
import { HASH_A, HASH_B, USER, apply, emptyTenant, invalidDocuments, makeDevice, storedValues, type Tenant } from './plan-fixtures';
import { planRestore } from './restore';
import type { SheetData } from './sheet';
import { readWorkbook } from './workbook';

const A: SheetData[] = [
  { name: 'KPIs', rows: [['Account', 'KPI', 'Mar 2025', 'Apr 2025'], ['Acme', 'NPS', 10, 20], ['Acme', 'ARR', 1_000_000, 1_100_000], ['Beta', 'CSAT', 80, 82]] },
];
const B: SheetData[] = [
  {
    name: 'KPIs',
    rows: [
      ['Account', 'KPI', 'Mar 2025', 'Apr 2025', 'May 2025'],
      ['Acme', 'NPS', 15, 20, 30], // March changed, April the same, May new
      ['Beta', 'CSAT', 60, 61, null],
      ['Gamma', 'CSAT', 70, null, null], // a new account
    ],
  },
];

function importFile(tenant: Tenant, sheets: readonly SheetData[], fileHash: string, device: ReturnType<typeof makeDevice>): Tenant {
  const plan = planImport({
    table: readWorkbook(sheets),
    existing: tenant,
    fileName: 'kpis.xlsx',
    fileHash,
    userId: USER,
    now: device.now(),
    nextHlc: device.nextHlc,
    newId: device.newId,
  });
  expect(invalidDocuments(plan)).toEqual([]);
  return apply(tenant, plan);
}

function restore(tenant: Tenant, versionIndex: number, device: ReturnType<typeof makeDevice>) {
  return planRestore({
    version: tenant.versions[versionIndex]!,
    existing: tenant,
    userId: 'user-manager',
    now: device.now(),
    nextHlc: device.nextHlc,
    newId: device.newId,
  });
}

describe('planRestore', () => {
  const device = makeDevice();
  const afterA = importFile(emptyTenant(), A, HASH_A, device);
  const afterB = importFile(afterA, B, HASH_B, device);
  const plan = restore(afterB, 0, device);
  const restored = apply(afterB, plan);

  it('writes version A’s values back: import A, import B, restore A → A’s values', () => {
    expect(invalidDocuments(plan)).toEqual([]);
    const a = storedValues(afterA);
    const now = storedValues(restored);
    for (const [cell, value] of a) expect([cell, now.get(cell)]).toEqual([cell, value]);
  });

  it('leaves values version A did not hold (a restore is the same file imported again)', () => {
    const now = storedValues(restored);
    expect(now.get(`${afterB.accounts.find((x) => x.name === 'Acme')!.id} 2025-05 nps`)).toBe(30);
    expect(restored.accounts.map((x) => x.name)).toEqual(['Acme', 'Beta', 'Gamma']);
  });

  it('is a new version pointing at the old one, with its file and its own counts, sources and snapshot', () => {
    const old = afterB.versions[0]!;
    expect(plan.version).toMatchObject({
      fileName: old.fileName,
      fileHash: old.fileHash,
      layout: old.layout,
      createdBy: 'user-manager',
      restoredFrom: old.id,
      // Acme March NPS and Beta's two CSATs changed under B; the other three are as A left them.
      counts: { accounts: 2, newAccounts: 0, values: 6, changed: 3, unchanged: 3 },
    });
    expect(plan.version.id).not.toBe(old.id);
    expect(plan.version.snapshot).toEqual(old.snapshot);
    expect(plan.accounts).toEqual([]);
    const written = plan.measurements.flatMap((m) => Object.values(m.values)).filter((cell) => cell.source.kind === 'upload' && cell.source.versionId === plan.version.id);
    expect(written).toHaveLength(3);
    expect(new Set(written.map((cell) => cell.by))).toEqual(new Set(['user-manager']));
  });

  it('does not rewrite values equal to the stored ones: restoring twice writes nothing the second time', () => {
    expect(plan.measurements.map((m) => m.id).sort()).toEqual(
      [`${afterB.accounts[0]!.id}:2025-03`, `${afterB.accounts[1]!.id}:2025-03`, `${afterB.accounts[1]!.id}:2025-04`].sort(),
    );
    const again = restore(restored, 0, device);
    expect(again.measurements).toEqual([]);
    expect(again.version.counts).toMatchObject({ changed: 0, unchanged: 6 });
  });

  it('can restore a restore, and B after A again', () => {
    const backToB = apply(restored, restore(restored, 1, device));
    const b = storedValues(afterB);
    for (const [cell, value] of b) expect(storedValues(backToB).get(cell)).toBe(value);
    const viaRestore = apply(backToB, restore(backToB, 2, device));
    for (const [cell, value] of storedValues(afterA)) expect(storedValues(viaRestore).get(cell)).toBe(value);
  });

  it('skips the values of accounts deleted since, and counts them', () => {
    const beta = afterB.accounts.find((x) => x.name === 'Beta')!;
    const tenant = { ...afterB, accounts: afterB.accounts.map((x) => (x === beta ? markDeleted(x, device.nextHlc() as Hlc) : x)) };
    const result = restore(tenant, 0, device);
    expect(result.skipped).toBe(2);
    expect(result.version.counts).toMatchObject({ accounts: 1, values: 4 });
    expect(result.measurements.some((m) => m.accountId === beta.id)).toBe(false);
  });

  it('refuses a version without a snapshot (too large, or imported before snapshots)', () => {
    const version = { ...afterB.versions[0]!, snapshot: null };
    expect(() => planRestore({ version, existing: afterB, userId: USER, now: device.now(), nextHlc: device.nextHlc, newId: device.newId })).toThrow(
      /cannot be restored on a device/,
    );
  });
});

describe('restoring the sample data', () => {
  const tenant = generateSampleTenants()[0]!;
  let next = 0;
  const docs = sampleDocuments(tenant, {
    userIds: new Map(tenant.users.filter((u) => u.login).map((u) => [u.id, `db-${u.id}`])),
    newId: () => `seed-${++next}`,
    seededAt: '2025-10-01T08:00:00.000Z',
    fileHash: HASH_A,
  });

  it('brings every sample value back after edits', () => {
    const device = makeDevice();
    const seeded: Tenant = { accounts: docs.accounts, measurements: docs.measurements, versions: docs.versions };
    // An account with both values in September, so the edit changes values rather than adding some.
    const has = (id: string, kpi: string) => tenant.values.some((v) => v.accountId === id && v.month === '2025-09' && v.kpi === kpi);
    const first = tenant.accounts.find((a) => has(a.id, 'nps') && has(a.id, 'csat'))!;
    const edited = importFile(seeded, [{ name: 'Sep 2025', rows: [['Account', 'NPS', 'CSAT'], [first.name, -50, 10]] }], HASH_B, device);
    expect(storedValues(edited)).not.toEqual(storedValues(seeded));
    const plan = restore(edited, 0, device);
    expect(invalidDocuments(plan)).toEqual([]);
    expect(plan.version.counts.changed).toBeGreaterThan(0);
    expect(storedValues(apply(edited, plan))).toEqual(storedValues(seeded));
  });
});
