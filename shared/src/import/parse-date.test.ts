import { describe, expect, it } from 'vitest';
import { detectDayOrder, parseDateCell } from './parse-date';

describe('parseDateCell', () => {
  it.each([
    ['2026-03-15', 'month-first', '2026-03-15'],
    ['2026-3-5', 'month-first', '2026-03-05'],
    ['2026/03/15', 'month-first', '2026-03-15'],
    ['2026-03-15T00:00:00.000Z', 'month-first', '2026-03-15'],
    ['3/15/2026', 'month-first', '2026-03-15'],
    ['03/05/2026', 'month-first', '2026-03-05'],
    ['03/05/2026', 'day-first', '2026-05-03'],
    ['15.03.2026', 'day-first', '2026-03-15'],
    ['3/15/26', 'month-first', '2026-03-15'],
    ['15 Mar 2026', 'month-first', '2026-03-15'],
    ['15-March-2026', 'month-first', '2026-03-15'],
    ['Mar 15, 2026', 'month-first', '2026-03-15'],
    ['March 15 2026', 'month-first', '2026-03-15'],
    [46096, 'month-first', '2026-03-15'],
    ['46096', 'month-first', '2026-03-15'],
    ['2028-02-29', 'month-first', '2028-02-29'],
  ] as const)('%j (%s) → %s', (input, order, expected) => {
    expect(parseDateCell(input, order)).toBe(expected);
  });

  it.each([['2026-02-30'], ['15/3/2026'], ['2026-13-01'], ['soon'], [''], [12], [null], [true], ['Foo 15, 2026'], ['x'.repeat(100_000)]])(
    'refuses %j',
    (input) => {
      expect(parseDateCell(input)).toBeNull();
    },
  );
});

describe('detectDayOrder', () => {
  it.each([
    [['3/15/2026', '4/1/2026'], 'month-first'],
    [['03/05/2026', '15/03/2026'], 'day-first'],
    [['01.03.2026'], 'day-first'],
    [['2026-03-15', 46096, null], 'month-first'],
    [[], 'month-first'],
  ] as const)('%j → %s', (cells, order) => {
    expect(detectDayOrder(cells)).toBe(order);
  });
});
