import { describe, expect, it } from 'vitest';
import { markDeleted } from '../sync/merge';
import type { Hlc } from '../sync/hlc';
import { planImport, type PlanImportInput } from './plan';
import { HASH_A, HASH_B, USER, apply, emptyTenant, invalidDocuments, makeDevice, storedValues, type Tenant } from './plan-fixtures';
import type { SheetData } from './sheet';
import { readWorkbook } from './workbook';

const MEMBERS = [
  { id: 'user-ana', name: 'Ana Lima', email: 'ana@example.com', _deleted: false },
  { id: 'user-ben', name: 'Ben Ortiz', email: 'ben@example.com', _deleted: false },
];

const FILE_A: SheetData[] = [
  {
    name: 'KPIs',
    rows: [
      ['Account', 'KPI', 'Mar 2025', 'Apr 2025'],
      ['Acme', 'NPS', 10, 20],
      ['Acme', 'ARR', '$1,200,000', '$1,250,000.50'],
      ['Beta', 'CSAT', 80, 82],
    ],
  },
  { name: 'Accounts', rows: [['Account', 'Segment', 'CSM', 'Renewal date'], ['Acme', 'Enterprise', 'ana@example.com', '3/15/2026'], ['Beta', 'SMB', 'Ben Ortiz', null]] },
];

function plan(tenant: Tenant, sheets: readonly SheetData[], device: ReturnType<typeof makeDevice>, extra: Partial<PlanImportInput> = {}) {
  return planImport({
    table: readWorkbook(sheets),
    existing: { ...tenant, members: MEMBERS },
    fileName: 'kpis.xlsx',
    fileHash: HASH_A,
    userId: USER,
    now: device.now(),
    nextHlc: device.nextHlc,
    newId: device.newId,
    ...extra,
  });
}

describe('planImport into an empty tenant', () => {
  const device = makeDevice();
  const result = plan(emptyTenant(), FILE_A, device);

  it('gives only documents their collections accept', () => {
    expect(invalidDocuments(result)).toEqual([]);
  });

  it('records a version: who, when, file, layout and counts', () => {
    expect(result.version).toMatchObject({
      id: 'id-1',
      fileName: 'kpis.xlsx',
      fileHash: HASH_A,
      layout: 'wide',
      createdBy: USER,
      counts: { accounts: 2, newAccounts: 2, values: 6, changed: 6, unchanged: 0 },
      restoredFrom: null,
      note: null,
      _deleted: false,
    });
  });

  it('creates the accounts with ids from newId, their attributes, owners matched to members, and a clock per field', () => {
    expect(result.accounts.map((a) => [a.id, a.name, a.segment, a.ownerId, a.renewalDate])).toEqual([
      ['id-2', 'Acme', 'Enterprise', 'user-ana', '2026-03-15'],
      ['id-3', 'Beta', 'SMB', 'user-ben', null],
    ]);
    const stamp = result.accounts[0]!.clocks.name;
    expect(result.accounts[0]!.clocks).toEqual({ name: stamp, segment: stamp, ownerId: stamp, renewalDate: stamp });
  });

  it('writes one document per account and month, ARR in cents, each value sourced to the version', () => {
    expect(result.measurements.map((m) => m.id)).toEqual(['id-2:2025-03', 'id-2:2025-04', 'id-3:2025-03', 'id-3:2025-04']);
    expect(result.measurements[1]!.values.arr?.value).toBe(125_000_050);
    for (const m of result.measurements) {
      for (const cell of Object.values(m.values)) expect(cell).toMatchObject({ source: { kind: 'upload', versionId: 'id-1' }, by: USER });
    }
  });

  it('keeps a snapshot of every value it imported, by account id', () => {
    expect(result.version.snapshot).toEqual({
      accounts: ['id-2', 'id-3'],
      months: ['2025-03', '2025-04'],
      kpis: ['nps', 'csat', 'arr'],
      cells: [0, 0, 0, 10, 0, 0, 2, 120_000_000, 0, 1, 0, 20, 0, 1, 2, 125_000_050, 1, 0, 1, 80, 1, 1, 1, 82],
    });
  });
});

describe('planImport over existing data', () => {
  const device = makeDevice();
  const first = apply(emptyTenant(), plan(emptyTenant(), FILE_A, device));
  const fileB: SheetData[] = [
    {
      name: 'KPIs',
      rows: [
        ['Account', 'KPI', 'Mar 2025', 'Apr 2025', 'May 2025'],
        ['ACME', 'NPS', 10, 25, null], // March unchanged, April changed
        ['Acme', 'ARR', 1_200_000, 1_250_000.5, null], // both unchanged
        ['Beta', 'CSAT', 80, 82, 90], // May is new
      ],
    },
    { name: 'Accounts', rows: [['Account', 'Segment', 'Owner'], ['Acme', 'Enterprise', 'Ben Ortiz'], ['Beta', 'SMB', 'Nobody']] },
  ];
  const second = plan(first, fileB, device, { fileHash: HASH_B });

  it('rewrites nothing that is unchanged: only changed or new month documents, complete and valid', () => {
    expect(invalidDocuments(second)).toEqual([]);
    expect(second.measurements.map((m) => m.id)).toEqual(['id-2:2025-04', 'id-3:2025-05']);
    expect(second.version.counts).toEqual({ accounts: 2, newAccounts: 0, values: 7, changed: 2, unchanged: 5 });
    const april = second.measurements[0]!;
    // The whole document, the replaced value in its history.
    expect(april.values.arr?.value).toBe(125_000_050);
    expect(april.values.nps).toMatchObject({ value: 25, source: { kind: 'upload', versionId: second.version.id } });
    expect(april.history).toMatchObject([{ kpi: 'nps', value: 20, source: { kind: 'upload', versionId: 'id-1' } }]);
  });

  it('updates only the attributes that changed, and leaves an owner that names no one', () => {
    expect(second.accounts.map((a) => [a.id, a.ownerId, a.segment])).toEqual([['id-2', 'user-ben', 'Enterprise']]);
    const acme = second.accounts[0]!;
    expect(acme.clocks.ownerId).not.toBe(acme.clocks.segment);
    expect(acme.history).toMatchObject([{ field: 'ownerId', value: 'user-ana' }]);
  });

  it('creates a new account where the one of that name is deleted', () => {
    const deleted = { ...first, accounts: first.accounts.map((a) => (a.name === 'Beta' ? markDeleted(a, device.nextHlc() as Hlc) : a)) };
    const again = plan(deleted, fileB, device);
    expect(invalidDocuments(again)).toEqual([]);
    expect(again.accounts.filter((a) => a.name === 'Beta').map((a) => a.id)).toEqual([again.version.id.replace(/\d+$/, (n) => String(Number(n) + 1))]);
    expect(again.version.counts.newAccounts).toBe(1);
  });

  it('writes into a deleted month document without bringing its old values back', () => {
    const hlc = device.nextHlc() as Hlc;
    const tenant = { ...first, measurements: first.measurements.map((m) => (m.id === 'id-2:2025-04' ? markDeleted(m, hlc) : m)) };
    const again = plan(tenant, [{ name: 'Apr 2025', rows: [['Account', 'NPS'], ['Acme', 30]] }], device);
    expect(invalidDocuments(again)).toEqual([]);
    const april = again.measurements[0]!;
    expect(april._deleted).toBe(false);
    expect(april.values.nps?.value).toBe(30);
    expect(april.values.arr?.value).toBeNull();
  });

  it('imports the same file twice without writing anything the second time', () => {
    const once = apply(first, second);
    const twice = plan(once, fileB, device);
    expect(twice.measurements).toEqual([]);
    expect(twice.accounts).toEqual([]);
    expect(twice.version.counts).toMatchObject({ changed: 0, unchanged: 7 });
    expect(storedValues(apply(once, twice))).toEqual(storedValues(once));
  });
});

describe('planImport refuses', () => {
  const device = makeDevice();

  it('a table with errors, until the rows are excluded', () => {
    const bad: SheetData[] = [{ name: 'Mar 2025', rows: [['Account', 'NPS'], ['Acme', 'lots']] }];
    expect(() => plan(emptyTenant(), bad, device)).toThrow(/has errors/);
  });

  it.each([
    ['a hash that is not SHA-256', { fileHash: 'xyz' }, /fileHash/],
    ['a time that is not a timestamp', { now: 'yesterday' }, /now must be/],
    ['a clock reading that is not an HLC', { nextHlc: () => 'soon' }, /nextHlc/],
  ])('%s', (_label, extra, message) => {
    expect(() => plan(emptyTenant(), FILE_A, device, extra)).toThrow(message);
  });

  it('a clock behind the stored values, rather than an import that silently does not apply', () => {
    const later = makeDevice(Date.parse('2030-01-01T00:00:00Z'));
    const tenant = apply(emptyTenant(), plan(emptyTenant(), FILE_A, later));
    const changed: SheetData[] = [{ name: 'Mar 2025', rows: [['Account', 'NPS'], ['Acme', 50]] }];
    expect(() => plan(tenant, changed, makeDevice())).toThrow(/clock is behind/);
  });

  it('accepts an uppercase hash and a long file name, stored in their canonical forms', () => {
    const result = plan(emptyTenant(), FILE_A, device, { fileHash: 'A'.repeat(64), fileName: `${'x'.repeat(300)}.xlsx` });
    expect(result.version.fileHash).toBe(HASH_A);
    expect(result.version.fileName).toHaveLength(255);
    expect(invalidDocuments(result)).toEqual([]);
  });
});
