import { describe, expect, it } from 'vitest';
import { seriesFromValues } from './series';
import { readWorkbook } from './workbook';

describe('seriesFromValues', () => {
  it('turns any layout’s values into one series per account', () => {
    const table = readWorkbook([
      { name: 'Mar 2025', rows: [['Account', 'NPS', 'CSAT'], ['Acme', 10, 80], ['__proto__', 5, null]] },
      { name: 'Apr 2025', rows: [['Account', 'NPS'], ['acme', 12]] },
    ]);
    const series = seriesFromValues(table.values);
    expect(series.map((s) => [s.accountId, [...s.months]])).toEqual([
      ['Acme', [['2025-03', { nps: 10, csat: 80 }], ['2025-04', { nps: 12 }]]],
      ['__proto__', [['2025-03', { nps: 5 }]]],
    ]);
  });
});
