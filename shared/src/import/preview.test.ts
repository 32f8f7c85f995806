import { describe, expect, it } from 'vitest';
import type { KpiCells } from '../schemas/kpi-values';
import { formatHlc } from '../sync/hlc';
import type { Month } from '../units';
import { previewImport } from './preview';
import { readWorkbook } from './workbook';

const hlc = formatHlc({ wallMs: Date.parse('2025-09-01T00:00:00Z'), counter: 0, nodeId: 'devA' });
const cells = (values: Record<string, number | null>): KpiCells =>
  Object.fromEntries(Object.entries(values).map(([kpi, value]) => [kpi, { value, source: { kind: 'computed' }, hlc }])) as KpiCells;

const table = readWorkbook([
  {
    name: 'KPIs',
    rows: [
      ['Account', 'KPI', 'Mar 2025', 'Apr 2025'],
      ['ACME Inc.', 'NPS', 10, 20], // Acme: 10 unchanged, 20 changed (was 15)
      ['Acme, Inc', 'ARR', '$1,200,000', '$1,250,000'], // ARR compared in cents
      ['Beta', 'CSAT', 80, null], // Beta was deleted: a new account
      ['Gamma', 'CSAT', 70, 75], // Gamma is new
    ],
  },
  { name: 'Accounts', rows: [['Account', 'Segment', 'CSM', 'Renewal date'], ['Acme Inc', 'Enterprise', 'ben@example.com', '2026-06-30'], ['Gamma', 'SMB', 'Nobody', null]] },
]);

const existing = {
  accounts: [
    { id: 'acc-acme', name: 'Acme Inc', _deleted: false, segment: 'Mid-Market', ownerId: 'user-ana', renewalDate: null },
    { id: 'acc-beta', name: 'Beta', _deleted: true },
  ],
  measurements: [
    { accountId: 'acc-acme', month: '2025-03' as Month, values: cells({ nps: 10, arr: 120_000_000 }) },
    { accountId: 'acc-acme', month: '2025-04' as Month, values: cells({ nps: 15, arr: null }) },
    { accountId: 'acc-beta', month: '2025-03' as Month, values: cells({ csat: 80 }) },
  ],
  members: [
    { id: 'user-ana', name: 'Ana Lima', email: 'ana@example.com', _deleted: false },
    { id: 'user-ben', name: 'Ben Ortiz', email: 'Ben@Example.com', _deleted: false },
  ],
};

describe('previewImport', () => {
  const preview = previewImport(table, existing);

  it('lists the new accounts; names match case- and punctuation-insensitively, deleted accounts do not match', () => {
    expect(preview.newAccounts).toEqual(['Beta', 'Gamma']);
    expect(preview.accounts).toBe(3);
  });

  it('shows each changed value old → new, in stored units (ARR in cents), and counts the unchanged', () => {
    expect(preview.changed.map((c) => [c.account, c.accountId, c.month, c.kpi, c.before, c.after, c.row, c.column])).toEqual([
      ['Acme Inc', 'acc-acme', '2025-04', 'nps', 15, 20, 2, 'D'],
      ['Acme Inc', 'acc-acme', '2025-04', 'arr', null, 125_000_000, 3, 'D'],
      ['Beta', null, '2025-03', 'csat', null, 80, 4, 'C'],
      ['Gamma', null, '2025-03', 'csat', null, 70, 5, 'C'],
      ['Gamma', null, '2025-04', 'csat', null, 75, 5, 'D'],
    ]);
    expect(preview.unchanged).toBe(2);
    expect(preview.values).toBe(7);
    expect(preview.changed.length + preview.unchanged).toBe(preview.values);
  });

  it('shows the accounts sheet’s changes to existing accounts, and owners that name no one', () => {
    expect(preview.accountChanges).toEqual([
      { account: 'Acme Inc', accountId: 'acc-acme', field: 'segment', before: 'Mid-Market', after: 'Enterprise' },
      { account: 'Acme Inc', accountId: 'acc-acme', field: 'ownerId', before: 'user-ana', after: 'user-ben' },
      { account: 'Acme Inc', accountId: 'acc-acme', field: 'renewalDate', before: null, after: '2026-06-30' },
    ]);
    expect(preview.unknownOwners).toEqual([{ account: 'Gamma', owner: 'Nobody', sheet: 'Accounts', row: 3 }]);
  });

  it('needs only ids, names and values of the existing data', () => {
    const bare = previewImport(table, {
      accounts: existing.accounts.map(({ id, name, _deleted }) => ({ id, name, _deleted })),
      measurements: existing.measurements,
    });
    expect(bare.changed).toEqual(preview.changed);
    expect(bare.accountChanges).toEqual([]);
    expect(bare.unknownOwners.map((o) => o.owner)).toEqual(['ben@example.com', 'Nobody']);
  });

  it('matches the lower id of two live accounts with one name, whatever their order', () => {
    const twins = [
      { id: 'b-2', name: 'Twin', _deleted: false },
      { id: 'a-1', name: 'twin', _deleted: false },
    ];
    const twinTable = readWorkbook([{ name: 'Mar 2025', rows: [['Account', 'NPS'], ['Twin', 1]] }]);
    for (const accounts of [twins, [...twins].reverse()]) {
      expect(previewImport(twinTable, { accounts, measurements: [] }).changed[0]!.accountId).toBe('a-1');
    }
  });

  it('keeps an account named __proto__ a normal account', () => {
    const hostile = readWorkbook([{ name: 'Mar 2025', rows: [['Account', 'NPS'], ['__proto__', 1], ['constructor', 2]] }]);
    const result = previewImport(hostile, { accounts: [{ id: 'acc-x', name: 'constructor', _deleted: false }], measurements: [] });
    expect(result.newAccounts).toEqual(['__proto__']);
    expect(result.changed.map((c) => [c.account, c.accountId])).toEqual([
      ['__proto__', null],
      ['constructor', 'acc-x'],
    ]);
  });
});
