import { describe, expect, it } from 'vitest';
import type { SheetData } from './sheet';
import { hasBlockingErrors } from './table';
import { readWorkbook } from './workbook';

const LONG: SheetData = { name: 'data.csv', rows: [['account', 'kpi', 'month', 'value'], ['Acme', 'nps', '2025-03', '10']] };
const WIDE: SheetData = { name: 'KPIs', rows: [['Account', 'KPI', 'Mar 2025'], ['Acme', 'NPS', 10]] };
const MARCH: SheetData = { name: 'Mar 2025', rows: [['Account', 'NPS'], ['Acme', 10]] };

describe('readWorkbook', () => {
  it.each([
    ['long', [LONG]],
    ['wide', [WIDE]],
    ['sheet-per-month', [MARCH]],
  ] as const)('detects the %s layout without configuration', (layout, sheets) => {
    const table = readWorkbook(sheets);
    expect(table.layout).toBe(layout);
    expect(table.issues).toEqual([]);
    expect(table.values.map((v) => [v.account, v.kpi, v.month, v.value])).toEqual([['Acme', 'nps', '2025-03', 10]]);
  });

  it('skips a sheet that is neither data nor accounts with a warning, and empty sheets quietly', () => {
    const table = readWorkbook([
      { name: 'Read me', rows: [['This workbook holds our KPIs.'], ['Questions: ops@example.com']] },
      { name: 'Sheet3', rows: [] },
      WIDE,
    ]);
    expect(table.values).toHaveLength(1);
    expect(table.issues).toEqual([
      {
        severity: 'warning',
        code: 'unrecognised-sheet',
        sheet: 'Read me',
        row: null,
        column: null,
        message:
          'The sheet "Read me" is neither KPI values nor account attributes (no header row names an account column with KPI, month or account attribute columns); it is skipped.',
      },
    ]);
    expect(hasBlockingErrors(table)).toBe(false);
    expect(table.sheets?.map((s) => s.role)).toEqual(['skipped', 'skipped', 'values']);
  });

  it('reports an empty file, and a file without KPI values', () => {
    expect(readWorkbook([]).issues.map((i) => i.code)).toEqual(['empty-file']);
    expect(readWorkbook([{ name: 'Sheet1', rows: [[null], []] }]).issues.map((i) => i.code)).toEqual(['empty-file']);
    const notes = readWorkbook([{ name: 'Notes', rows: [['hello']] }]);
    expect(notes.issues.map((i) => [i.severity, i.code])).toEqual([
      ['warning', 'unrecognised-sheet'],
      ['error', 'no-data'],
    ]);
    const onlyAccounts = readWorkbook([{ name: 'Accounts', rows: [['Name', 'Segment'], ['Acme', 'SMB']] }]);
    expect(onlyAccounts.issues.map((i) => i.code)).toEqual(['no-data']);
    expect(hasBlockingErrors(onlyAccounts)).toBe(true);
  });

  it('reads sheets in different layouts, says so, and names the layout with the most values', () => {
    const table = readWorkbook([WIDE, { name: 'Apr 2025', rows: [['Account', 'NPS', 'CSAT'], ['Acme', 11, 80], ['Beta', 3, 70]] }]);
    expect(table.layout).toBe('sheet-per-month');
    expect(table.values).toHaveLength(5);
    expect(table.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'mixed-layouts']]);
  });

  it('warns when every value of a percentage KPI is a fraction (cells formatted as %), once per sheet and KPI', () => {
    const table = readWorkbook([
      { name: 'KPIs', rows: [['Account', 'KPI', 'Mar 2025', 'Apr 2025'], ['Acme', 'License utilization', 0.85, 0.9], ['Beta', 'License utilization', 1, 0.7], ['Acme', 'NRR', 1.05, 1.1], ['Acme', 'NPS', 0.5, 0.4]] },
    ]);
    // Whole numbers, or any value above 1, are percentages as Vitals stores them.
    const fine = readWorkbook([{ name: 'Mar 2025', rows: [['Account', 'SLA breach rate', 'CSAT', 'QBR attendance'], ['Acme', 0, 85, 1], ['Beta', 2.5, 90.5, 0]] }]);
    expect(fine.issues).toEqual([]);
    expect(table.issues.map((i) => [i.severity, i.code, i.sheet, i.row, i.column])).toEqual([
      ['warning', 'percent-as-fraction', 'KPIs', 2, 'C'],
      ['warning', 'percent-as-fraction', 'KPIs', 4, 'C'],
    ]);
    expect(table.issues[0]!.message).toBe(
      'Every License utilization value on this sheet is a fraction (here 0.85): Excel stores a cell shown as 85% as 0.85. Percentages are stored as 0…100, so 0.85 would read as 0.85%; if these cells are percentages, type them as 85 or "85%".',
    );
    expect(hasBlockingErrors(table)).toBe(false);
  });

  it('adds the file reader’s issues to the table’s', () => {
    const fileIssue = { severity: 'error', code: 'malformed-file', sheet: 'KPIs', row: 2, column: 'C', message: 'The cell holds #DIV/0!.' } as const;
    const table = readWorkbook([WIDE], { fileIssues: [fileIssue] });
    expect(table.issues).toEqual([fileIssue]);
    expect(hasBlockingErrors(table)).toBe(true);
  });

  it('takes the tenant catalog', () => {
    const table = readWorkbook([WIDE], { catalog: undefined });
    expect(table.kpis).toEqual(['nps']);
  });

  describe('hostile names stay plain data', () => {
    const HOSTILE = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

    it('as account names, sheet names and headers', () => {
      const table = readWorkbook([
        { name: '__proto__', rows: [['Account', 'KPI', 'Mar 2025', '__proto__', 'constructor'], ...HOSTILE.map((name) => [name, 'NPS', 10, 1, 2])] },
        { name: 'constructor', rows: [['Name', 'Segment', 'prototype'], ['__proto__', 'Enterprise', 'x']] },
        { name: 'prototype', rows: [['__proto__', 'constructor'], ['prototype', 'valueOf']] },
      ]);
      expect(table.accounts).toEqual(HOSTILE);
      expect(table.values.map((v) => v.account)).toEqual(HOSTILE);
      expect(table.values.every((v) => v.sheet === '__proto__' && v.kpi === 'nps')).toBe(true);
      expect(table.accountAttributes).toEqual([
        { name: '__proto__', segment: 'Enterprise', owner: null, renewalDate: null, sheet: 'constructor', row: 2 },
      ]);
      expect(table.issues.map((i) => [i.code, i.sheet, i.column])).toEqual([
        ['ignored-column', '__proto__', 'D'],
        ['ignored-column', '__proto__', 'E'],
        ['ignored-column', 'constructor', 'C'],
        ['unrecognised-sheet', 'prototype', null],
      ]);
      expect(Object.getPrototypeOf(table.values[0])).toBe(Object.prototype);
    });

    it('and never reach Object.prototype', () => {
      const before = Object.getOwnPropertyNames(Object.prototype).sort();
      readWorkbook([
        { name: '__proto__', rows: [['Account', 'KPI', 'Month', 'Value'], ['__proto__', 'nps', '2025-03', 1], ['constructor', '__proto__', '2025-03', 1]] },
      ]);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      expect(({} as Record<string, unknown>).nps).toBeUndefined();
      expect(({} as Record<string, unknown>).Enterprise).toBeUndefined();
    });
  });

  it('reads hostile 100k-character cells in linear time', () => {
    const hostile = ['1'.repeat(50_000) + 'x', '$'.repeat(100_000), 'a'.repeat(100_000) + ' 2025', ' '.repeat(100_000) + '1x'];
    const started = performance.now();
    const table = readWorkbook([
      { name: 'KPIs', rows: [['Account', 'KPI', 'Mar 2025', ...hostile], ...hostile.map((cell) => [cell, cell, cell, cell])] },
      { name: 'Data', rows: [['Account', 'KPI', 'Month', 'Value'], ...hostile.map((cell) => ['Acme', cell, cell, cell])] },
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(hasBlockingErrors(table)).toBe(true);
    for (const issue of table.issues) expect(issue.message.length).toBeLessThan(400);
  });

  it('reads 42,000 values quickly', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
    const rows = [['Account', 'KPI', ...months]];
    for (let a = 0; a < 500; a++) for (const kpi of ['NPS', 'CSAT', 'License utilization', 'ARR', 'Escalations', 'QBR attendance', 'Days since last CSM touch'])
      rows.push([`Account ${a}`, kpi, ...months.map((_, m) => String((a + m) % 100))]);
    const started = performance.now();
    const table = readWorkbook([{ name: 'KPIs', rows }]);
    expect(table.values).toHaveLength(500 * 7 * 12);
    expect(table.issues).toEqual([]);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
