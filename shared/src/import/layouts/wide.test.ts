import { describe, expect, it } from 'vitest';
import type { SheetData } from '../sheet';
import { readWorkbook } from '../workbook';

const WIDE: SheetData = {
  name: 'KPIs',
  rows: [
    ['Account', 'KPI', 'Mar 2025', 'Apr 2025', 'May 2025'],
    ['Acme', 'NPS', 10, '12', null],
    ['Acme', 'License utilization', '85%', 0.9, ''],
    ['Beta', 'ARR', '$1,200,000', '1.2M', 1_250_000],
    ['Beta', 'Time to first value', '12 days', null, null],
    [],
    ['Gamma', 'CSAT', null, null, null],
  ],
};

const values = (sheet: SheetData) => readWorkbook([sheet]).values.map((v) => [v.account, v.kpi, v.month, v.value, v.row, v.column]);

describe('the wide layout', () => {
  it('reads one row per account and KPI, one column per month; empty cells are absent', () => {
    const table = readWorkbook([WIDE]);
    expect(table.layout).toBe('wide');
    expect(table.issues).toEqual([]);
    expect(values(WIDE)).toEqual([
      ['Acme', 'nps', '2025-03', 10, 2, 'C'],
      ['Acme', 'nps', '2025-04', 12, 2, 'D'],
      ['Acme', 'license_utilization', '2025-03', 85, 3, 'C'],
      ['Acme', 'license_utilization', '2025-04', 0.9, 3, 'D'],
      ['Beta', 'arr', '2025-03', 1_200_000, 4, 'C'],
      ['Beta', 'arr', '2025-04', 1_200_000, 4, 'D'],
      ['Beta', 'arr', '2025-05', 1_250_000, 4, 'E'],
      ['Beta', 'time_to_value_days', '2025-03', 12, 5, 'C'],
    ]);
    expect(table.accounts).toEqual(['Acme', 'Beta']);
    expect(table.months).toEqual(['2025-03', '2025-04', '2025-05']);
    expect(table.kpis).toEqual(['license_utilization', 'time_to_value_days', 'nps', 'arr']);
  });

  it.each([
    ['Mar 2025', 'Apr 2025'],
    ['March 2025', 'April 2025'],
    ['2025-03', '2025-04'],
    ['3/2025', '4/2025'],
    ['03/2025', '04/2025'],
    ['2025/03', '2025/04'],
    ['Mar-25', 'Apr-25'],
    ['Sept 25', 'Oct 25'],
    ['Sep 2025', 'Oct 2025'],
    ['3/1/2025', '4/1/2025'],
    [45717, 45748], // header cells that are dates: Excel serials of 2025-03-01 and 2025-04-01
  ] as const)('reads month headers %j, %j', (first, second) => {
    const table = readWorkbook([{ name: 'KPIs', rows: [['Account', 'KPI', first, second], ['Acme', 'NPS', 1, 2]] }]);
    expect(table.issues).toEqual([]);
    expect(table.values.map((v) => v.month)).toEqual([
      typeof first === 'number' ? '2025-03' : first.startsWith('Sep') ? '2025-09' : '2025-03',
      typeof second === 'number' ? '2025-04' : second.startsWith('Oct') ? '2025-10' : '2025-04',
    ]);
  });

  it('reads a sheet named after its KPI without a KPI column, and a blank top-left cell', () => {
    const table = readWorkbook([{ name: 'Net Promoter Score', rows: [[null, 'Mar 2025', 'Apr 2025'], ['Acme', 10, 20]] }]);
    expect(table.issues).toEqual([]);
    expect(table.values.map((v) => [v.account, v.kpi, v.month, v.value])).toEqual([
      ['Acme', 'nps', '2025-03', 10],
      ['Acme', 'nps', '2025-04', 20],
    ]);
  });

  it('reports each bad cell with its sheet, row, column and reason, and keeps the good ones', () => {
    const table = readWorkbook([
      {
        name: 'KPIs',
        rows: [
          ['Account', 'KPI', 'Mar 2025', 'Apr 2025', 'Total'],
          ['Acme', 'nsp', 10, 12],
          ['Acme', 'CSAT', 'great', 120],
          [null, 'NPS', 5],
          ['Total', 'NPS', 15, 12],
          ['Beta', 'NPS', 20, 30, 50, 'stray'],
        ],
      },
    ]);
    expect(table.issues.map((i) => [i.severity, i.code, i.sheet, i.row, i.column])).toEqual([
      ['warning', 'ignored-column', 'KPIs', 1, 'E'],
      ['error', 'unknown-kpi', 'KPIs', 2, 'B'],
      ['error', 'not-a-number', 'KPIs', 3, 'C'],
      ['error', 'out-of-range', 'KPIs', 3, 'D'],
      ['error', 'missing-account', 'KPIs', 4, 'A'],
      ['warning', 'summary-row', 'KPIs', 5, 'A'],
      ['warning', 'ignored-column', 'KPIs', 6, 'F'],
    ]);
    expect(table.issues[1]!.message).toBe('"nsp" is not a KPI in the catalog. Did you mean "nps" (Net Promoter Score)?');
    expect(table.issues[6]!.message).toBe('Column F has values but no header; they are skipped.');
    expect(table.values.map((v) => [v.account, v.kpi, v.month, v.value])).toEqual([
      ['Beta', 'nps', '2025-03', 20],
      ['Beta', 'nps', '2025-04', 30],
    ]);
  });

  it('warns about the same account, KPI and month twice, and keeps the later value', () => {
    const table = readWorkbook([
      {
        name: 'KPIs',
        rows: [
          ['Account', 'KPI', 'Mar 2025', 'Mar 2025'],
          ['Acme', 'NPS', 10, 15],
          ['ACME', 'nps', 20],
        ],
      },
    ]);
    expect(table.issues.map((i) => [i.code, i.row, i.column, i.message])).toEqual([
      ['duplicate-row', 2, 'D', 'Same account, KPI and month as cell C2 with a different value (10 there, 15 here); this later cell is used.'],
      ['duplicate-row', 3, 'C', 'Same account, KPI and month as row 2 with a different value (15 there, 20 here); this later row is used.'],
    ]);
    expect(table.values.map((v) => [v.account, v.value, v.row])).toEqual([['Acme', 20, 3]]);
  });
});
