import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { formatKpiValue, formatMoney, formatRatio, listText, shortList, signed } from './format';

describe('format', () => {
  it.each([
    [125_000_000, '$1.25M'],
    [42_000_000, '$420k'],
    [1_250_000, '$12.5k'],
    [950_000, '$9,500'],
    [0, '$0'],
    [-4_000_000, '−$40k'],
  ])('money %i cents → %s', (amount, text) => {
    expect(formatMoney(amount)).toBe(text);
  });

  it('writes ratios as percentages with one decimal', () => {
    expect([formatRatio(1.0523), formatRatio(1), formatRatio(null)]).toEqual(['105.2%', '100%', 'n/a']);
  });

  it('writes KPI values in their unit', () => {
    const v = (kpi: Parameters<typeof formatKpiValue>[0], value: number): string => formatKpiValue(kpi, value, DEFAULT_CATALOG);
    expect([v('csat', 88.25), v('days_since_last_touch', 1), v('time_to_value_days', 40), v('first_response_hours', 9.5), v('tickets_per_100_users', 8), v('nps', -12)]).toEqual([
      '88.3%',
      '1 day',
      '40 days',
      '9.5 h',
      '8 per 100 users',
      '-12',
    ]);
  });

  it('joins lists as a sentence, and formats only the items it shows', () => {
    expect([listText([]), listText(['a']), listText(['a', 'b']), listText(['a', 'b', 'c'])]).toEqual(['', 'a', 'a and b', 'a, b and c']);
    const formatted: number[] = [];
    const text = shortList([1, 2, 3, 4, 5, 6, 7], (n) => (formatted.push(n), `#${n}`), 3);
    expect(text).toBe('#1, #2, #3 and 4 more');
    expect(formatted).toEqual([1, 2, 3]);
  });

  it('signs changes with a real minus', () => {
    expect([signed(5, 0), signed(-3.25), signed(0)]).toEqual(['+5', '−3.3', '0']);
  });
});
