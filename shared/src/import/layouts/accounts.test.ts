import { describe, expect, it } from 'vitest';
import type { SheetData } from '../sheet';
import { readWorkbook } from '../workbook';

const KPIS: SheetData = { name: 'KPIs', rows: [['Account', 'KPI', 'Mar 2025'], ['Acme', 'NPS', 10], ['Beta', 'NPS', 20]] };

describe('the accounts sheet', () => {
  it('reads name, segment, owner and renewal date beside the KPI data', () => {
    const table = readWorkbook([
      KPIS,
      {
        name: 'Accounts',
        rows: [
          ['Name', 'Segment', 'CSM', 'Renewal date'],
          ['ACME', 'Enterprise', 'ana@example.com', '2026-03-15'],
          ['Beta', 'SMB', 'Ben Ortiz', '3/15/2026'],
          ['Gamma', null, null, 46096], // an Excel date
          ['Delta', 'Mid-Market', '', ''],
        ],
      },
    ]);
    expect(table.issues).toEqual([]);
    expect(table.accountAttributes).toEqual([
      { name: 'ACME', segment: 'Enterprise', owner: 'ana@example.com', renewalDate: '2026-03-15', sheet: 'Accounts', row: 2 },
      { name: 'Beta', segment: 'SMB', owner: 'Ben Ortiz', renewalDate: '2026-03-15', sheet: 'Accounts', row: 3 },
      { name: 'Gamma', segment: null, owner: null, renewalDate: '2026-03-15', sheet: 'Accounts', row: 4 },
      { name: 'Delta', segment: 'Mid-Market', owner: null, renewalDate: null, sheet: 'Accounts', row: 5 },
    ]);
    // The accounts sheet spells the names; accounts only there are listed after the KPI sheets'.
    expect(table.accounts).toEqual(['ACME', 'Beta', 'Gamma', 'Delta']);
    expect(table.values.map((v) => v.account)).toEqual(['ACME', 'Beta']);
    expect(table.sheets).toEqual([
      { name: 'KPIs', role: 'values', layout: 'wide', headerRow: 1 },
      { name: 'Accounts', role: 'accounts', layout: null, headerRow: 1 },
    ]);
  });

  it('reads a column of day-first dates as day-first', () => {
    const table = readWorkbook([KPIS, { name: 'Accounts', rows: [['Account', 'Renewal'], ['Acme', '05/03/2026'], ['Beta', '15/03/2026']] }]);
    expect(table.accountAttributes?.map((a) => a.renewalDate)).toEqual(['2026-03-05', '2026-03-15']);
  });

  it('reports bad dates, empty names and text too long to store', () => {
    const table = readWorkbook([
      KPIS,
      {
        name: 'Accounts',
        rows: [
          ['Account', 'Segment', 'Owner', 'Renewal date', 'ARR'],
          ['Acme', 'Enterprise', null, 'next spring', 100],
          [null, 'SMB'],
          ['Beta', 'S'.repeat(61)],
          ['Beta', 'SMB'],
        ],
      },
    ]);
    expect(table.issues.map((i) => [i.severity, i.code, i.sheet, i.row, i.column])).toEqual([
      ['warning', 'ignored-column', 'Accounts', 1, 'E'],
      ['error', 'bad-date', 'Accounts', 2, 'D'],
      ['error', 'missing-account', 'Accounts', 3, 'A'],
      ['error', 'too-long', 'Accounts', 4, 'B'],
    ]);
    expect(table.issues[1]!.message).toBe('"next spring" is not a date (use e.g. 2026-03-15 or 3/15/2026).');
    expect(table.accountAttributes).toEqual([{ name: 'Beta', segment: 'SMB', owner: null, renewalDate: null, sheet: 'Accounts', row: 5 }]);
  });

  it('warns about an account listed twice and keeps the later row', () => {
    const table = readWorkbook([KPIS, { name: 'Accounts', rows: [['Account', 'Segment'], ['Acme', 'SMB'], ['acme', 'Enterprise']] }]);
    expect(table.issues.map((i) => [i.code, i.row, i.message])).toEqual([
      ['duplicate-row', 3, 'The account "acme" is also on row 2; this later row is used.'],
    ]);
    expect(table.accountAttributes?.map((a) => [a.name, a.segment, a.row])).toEqual([['Acme', 'Enterprise', 3]]);
  });
});
