import { describe, expect, it } from 'vitest';
import type { SheetData } from '../sheet';
import { readWorkbook } from '../workbook';

const month = (name: string, rows: SheetData['rows']): SheetData => ({ name, rows });

describe('one sheet per month', () => {
  it('reads the month from each sheet name, accounts in rows, KPIs in columns', () => {
    const table = readWorkbook([
      month('Mar 2025', [
        ['Account', 'NPS', 'CSAT', 'License utilization (%)'],
        ['Acme', 10, '85%', 70],
        ['Beta', -5, null, '62,5'],
      ]),
      month('2025-04', [
        ['Customer', 'Net Promoter Score', 'CSAT'],
        ['Acme', 12, 88],
      ]),
      month('Sep-25', [
        [null, 'ARR'],
        ['Beta', '$1.5M'],
      ]),
    ]);
    expect(table.layout).toBe('sheet-per-month');
    expect(table.issues).toEqual([]);
    expect(table.values.map((v) => [v.sheet, v.account, v.kpi, v.month, v.value, v.row, v.column])).toEqual([
      ['Mar 2025', 'Acme', 'nps', '2025-03', 10, 2, 'B'],
      ['Mar 2025', 'Acme', 'csat', '2025-03', 85, 2, 'C'],
      ['Mar 2025', 'Acme', 'license_utilization', '2025-03', 70, 2, 'D'],
      ['Mar 2025', 'Beta', 'nps', '2025-03', -5, 3, 'B'],
      ['Mar 2025', 'Beta', 'license_utilization', '2025-03', 62.5, 3, 'D'],
      ['2025-04', 'Acme', 'nps', '2025-04', 12, 2, 'B'],
      ['2025-04', 'Acme', 'csat', '2025-04', 88, 2, 'C'],
      ['Sep-25', 'Beta', 'arr', '2025-09', 1_500_000, 2, 'B'],
    ]);
    expect(table.months).toEqual(['2025-03', '2025-04', '2025-09']);
  });

  it.each([['Mar 2025'], ['March 2025'], ['2025-03'], ['3/2025'], ['2025/03'], ['Mar-25'], ['2025-03.csv']])('reads the sheet name %j as 2025-03', (name) => {
    const table = readWorkbook([month(name, [['Account', 'NPS'], ['Acme', 1]])]);
    expect(table.values.map((v) => v.month)).toEqual(['2025-03']);
  });

  it('takes each row’s month from a Month column where there is one', () => {
    const table = readWorkbook([
      month('Data', [
        ['Account', 'Month', 'NPS', 'CSAT'],
        ['Acme', 'Mar 2025', 10, 80],
        ['Acme', 45748, 12, 82],
        ['Beta', 'someday', 5, 5],
      ]),
    ]);
    expect(table.values.map((v) => [v.account, v.month, v.kpi, v.value])).toEqual([
      ['Acme', '2025-03', 'nps', 10],
      ['Acme', '2025-03', 'csat', 80],
      ['Acme', '2025-04', 'nps', 12],
      ['Acme', '2025-04', 'csat', 82],
    ]);
    expect(table.issues.map((i) => [i.code, i.row, i.column])).toEqual([['bad-month', 4, 'B']]);
  });

  it('refuses a KPI-like column it cannot place, and warns about others', () => {
    const table = readWorkbook([month('Mar 2025', [['Account', 'NPS', 'CSTA', 'Region'], ['Acme', 10, 80, 'EMEA']])]);
    expect(table.issues.map((i) => [i.severity, i.code, i.row, i.column])).toEqual([
      ['error', 'unknown-kpi', 1, 'C'],
      ['warning', 'ignored-column', 1, 'D'],
    ]);
    expect(table.issues[0]!.message).toBe('"CSTA" is not a KPI in the catalog. Did you mean "csat" (Customer satisfaction)?');
    expect(table.values.map((v) => [v.kpi, v.value])).toEqual([['nps', 10]]);
  });

  it('says where a sheet of KPIs has no month', () => {
    const table = readWorkbook([month('Data', [['Account', 'NPS'], ['Acme', 10]])]);
    expect(table.issues).toHaveLength(1);
    expect(table.issues[0]).toMatchObject({ severity: 'error', code: 'missing-column', sheet: 'Data', row: 1 });
    expect(table.issues[0]!.message).toMatch(/no month: name the sheet after its month/);
  });

  it('warns when two sheets hold the same account, KPI and month, and keeps the later sheet’s value', () => {
    const table = readWorkbook([month('Mar 2025', [['Account', 'NPS'], ['Acme', 10]]), month('2025-03', [['Account', 'NPS'], ['Acme', 11]])]);
    expect(table.issues.map((i) => [i.severity, i.code, i.sheet, i.row, i.column, i.message])).toEqual([
      [
        'warning',
        'duplicate-row',
        '2025-03',
        2,
        'B',
        'Same account, KPI and month as row 2 of sheet "Mar 2025" with a different value (10 there, 11 here); this later row is used.',
      ],
    ]);
    expect(table.values.map((v) => [v.sheet, v.value])).toEqual([['2025-03', 11]]);
  });
});
