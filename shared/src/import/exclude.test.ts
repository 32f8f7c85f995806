import { describe, expect, it } from 'vitest';
import { excludeRows } from './exclude';
import { hasBlockingErrors, type ImportedTable } from './table';
import { readLongLayout } from './layouts/long';
import { readWorkbook } from './workbook';

const table = readWorkbook([
  {
    name: 'KPIs',
    rows: [
      ['Account', 'KPI', 'Mar 2025', 'Apr 2025'],
      ['Acme', 'NPS', 10, 12],
      ['Acme', 'CSAT', 'great', 80], // error in C3
      ['Beta', 'nsp', 5, 6], // unknown KPI
      ['Acme', 'NPS', 11], // duplicate of C2: the later value wins
    ],
  },
  { name: 'Accounts', rows: [['Account', 'Renewal date'], ['Acme', 'soon'], ['Beta', '2026-01-31']] },
]);

describe('excludeRows', () => {
  it('starts from a table with errors that imports nothing', () => {
    expect(hasBlockingErrors(table)).toBe(true);
    expect(table.issues.map((i) => [i.severity, i.sheet, i.row])).toEqual([
      ['error', 'KPIs', 3],
      ['error', 'KPIs', 4],
      ['warning', 'KPIs', 5],
      ['error', 'Accounts', 2],
    ]);
  });

  it('drops the rows’ values and issues, so the rest can be imported', () => {
    const fixed = excludeRows(table, [
      { sheet: 'KPIs', row: 3 },
      { sheet: 'KPIs', row: 4 },
      { sheet: 'Accounts', row: 2 },
    ]);
    expect(hasBlockingErrors(fixed)).toBe(false);
    expect(fixed.values.map((v) => [v.account, v.kpi, v.month, v.value, v.row])).toEqual([
      ['Acme', 'nps', '2025-04', 12, 2],
      ['Acme', 'nps', '2025-03', 11, 5],
    ]);
    expect(fixed.issues.map((i) => [i.code, i.row])).toEqual([['duplicate-row', 5]]);
    expect(fixed.accounts).toEqual(['Acme', 'Beta']);
    expect(fixed.accountAttributes?.map((a) => a.name)).toEqual(['Beta']);
    expect(fixed.kpis).toEqual(['nps']);
  });

  it('brings back the earlier of two duplicates when the later row is excluded', () => {
    const fixed = excludeRows(table, [{ sheet: 'KPIs', row: 5 }]);
    expect(fixed.values.filter((v) => v.month === '2025-03' && v.kpi === 'nps').map((v) => [v.value, v.row])).toEqual([[10, 2]]);
    expect(fixed.issues.some((i) => i.code === 'duplicate-row')).toBe(false);
  });

  it('matches rows by sheet too', () => {
    expect(excludeRows(table, [{ sheet: 'Accounts', row: 3 }]).values).toEqual(table.values);
    expect(excludeRows(table, [{ sheet: 'KPIs', row: 2 }]).values.map((v) => v.row)).toEqual([3, 5]);
    expect(excludeRows(table, [])).toEqual(table);
  });

  it('takes a sheet’s header-row issues away when its header row is excluded', () => {
    const noMonth = readWorkbook([{ name: 'Data', rows: [['Account', 'NPS'], ['Acme', 1]] }]);
    expect(hasBlockingErrors(noMonth)).toBe(true);
    expect(hasBlockingErrors(excludeRows(noMonth, [{ sheet: 'Data', row: 1 }]))).toBe(false);
  });

  it('works on tables built by hand, as the CLI did before workbooks', () => {
    const legacy: ImportedTable = { layout: 'long', values: [], accounts: [], months: [], kpis: [], issues: [] };
    expect(excludeRows(legacy, [{ sheet: 'x', row: 1 }])).toMatchObject({ layout: 'long', values: [], issues: [] });
    const long = readLongLayout([['account', 'kpi', 'month', 'value'], ['Acme', 'nps', '2025-03', 'x']], 'data.csv');
    expect(hasBlockingErrors(excludeRows(long, [{ sheet: 'data.csv', row: 2 }]))).toBe(false);
  });
});
