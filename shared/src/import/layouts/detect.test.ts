import { describe, expect, it } from 'vitest';
import type { CellValue } from '../sheet';
import { planSheet } from './detect';

const kindOf = (name: string, rows: CellValue[][]): string => planSheet({ name, rows }).kind;

describe('planSheet: the layout from the header, without configuration', () => {
  it.each([
    ['long', 'Data', [['Account', 'KPI', 'Month', 'Value']]],
    ['long', 'Data', [['value', 'period', 'metric', 'client']]],
    ['wide', 'Data', [['Account', 'KPI', 'Mar 2025', 'Apr 2025']]],
    ['wide', 'Data', [['Customer', 'Metric', 45717, 45748]]],
    ['wide', 'Data', [[null, 'KPI', '2025-03']]],
    ['wide', 'NPS', [['Account', 'Mar 2025', 'Apr 2025']]],
    ['wide', 'nps.csv', [['Account', '2025-03']]],
    ['sheet-per-month', 'Mar 2025', [['Account', 'NPS', 'CSAT']]],
    ['sheet-per-month', '2025-03', [['Client', 'Net Promoter Score']]],
    ['sheet-per-month', 'Sep-25', [[null, 'NPS']]],
    ['sheet-per-month', '2025-03.csv', [['Account', 'NPS']]],
    ['sheet-per-month', 'Data', [['Account', 'Month', 'NPS', 'CSAT']]],
    ['accounts', 'Accounts', [['Name', 'Segment', 'CSM', 'Renewal date']]],
    ['accounts', 'Sheet2', [['Account', 'Renewal']]],
    ['incomplete', 'Data', [['Account', 'NPS', 'CSAT']]],
    ['incomplete', 'Data', [['Account', 'Mar 2025', 'Apr 2025']]],
    ['incomplete-long', 'Data', [['Account', 'KPI', 'Value']]],
    ['unrecognised', 'Notes', [['Remember to call Acme']]],
    ['unrecognised', 'Data', [['Name', 'Notes']]],
    ['unrecognised', '__proto__', [['__proto__', 'constructor', 'prototype']]],
    ['empty', 'Sheet3', []],
    ['empty', 'Sheet3', [[null, ''], ['  ']]],
  ] as const)('%s: %s %j', (kind, name, rows) => {
    expect(kindOf(name, rows.map((r) => [...r]))).toBe(kind);
  });

  it('looks for the header below title rows, within the first 20 rows', () => {
    const title: CellValue[][] = [['Quarterly KPIs'], ['Prepared by CS Ops'], []];
    expect(planSheet({ name: 'Data', rows: [...title, ['Account', 'KPI', 'Month', 'Value']] })).toMatchObject({ kind: 'long', headerIndex: 3 });
    const deep: CellValue[][] = [...Array.from({ length: 20 }, (_, i) => [`note ${i}`]), ['Account', 'KPI', 'Month', 'Value']];
    expect(planSheet({ name: 'Data', rows: deep }).kind).toBe('unrecognised');
  });

  it('names the columns each layout reads', () => {
    expect(planSheet({ name: 'Data', rows: [['Account', 'KPI', 'Notes', 'Mar 2025', 'Apr 2025']] })).toEqual({
      kind: 'wide',
      headerIndex: 0,
      account: 0,
      kpi: 1,
      sheetKpi: null,
      months: [
        { index: 3, month: '2025-03' },
        { index: 4, month: '2025-04' },
      ],
      other: [{ index: 2, text: 'Notes' }],
    });
  });
});
