import { describe, expect, it } from 'vitest';
import { excelSerialToMonth, parseMonthText } from './parse-month';

describe('parseMonthText', () => {
  it.each([
    ['2025-03', '2025-03'],
    ['2025-3', '2025-03'],
    ['2025/03', '2025-03'],
    ['2025-03-15', '2025-03'],
    ['2025-03-01T00:00:00.000Z', '2025-03'],
    ['3/2025', '2025-03'],
    ['03/2025', '2025-03'],
    ['03-2025', '2025-03'],
    ['Mar 2025', '2025-03'],
    ['March 2025', '2025-03'],
    ['mar-2025', '2025-03'],
    ['Sep-25', '2025-09'],
    ['Sept 25', '2025-09'],
    ['Sep 2025', '2025-09'],
    ['Sept. 25', '2025-09'],
    ["Sep '25", '2025-09'],
    ['2025 Mar', '2025-03'],
    ['202503', '2025-03'],
    // Full dates as text: the first or last day of the month decides the order, then dots (d.m) or slashes (m/d).
    ['3/1/2025', '2025-03'],
    ['3/31/2025', '2025-03'],
    ['01/03/2025', '2025-03'],
    ['31/03/2025', '2025-03'],
    ['01.03.2025', '2025-03'],
    ['3/5/2025', '2025-03'],
    ['5.3.2025', '2025-03'],
    [45717, '2025-03'], // Excel serial of 2025-03-01
    [45930.75, '2025-09'], // a serial with a time of day
    ['45930', '2025-09'], // 2025-09-30 as text
    [new Date(Date.UTC(2025, 8, 30)), '2025-09'],
  ] as const)('%j → %s', (input, expected) => {
    expect(parseMonthText(input)).toBe(expected);
  });

  it.each([
    ['2025-13'],
    ['13/2025'],
    ['Foo 2025'],
    ['constructor 2025'],
    ['__proto__ 2025'],
    ['value'],
    [''],
    [85],
    [2025],
    [null],
    [true],
    ['12'],
    ['32/13/2025'],
    [new Date('nope')],
  ])('refuses %j', (input) => {
    expect(parseMonthText(input)).toBeNull();
  });

  it('keeps ordinary numbers from being read as dates', () => {
    expect(excelSerialToMonth(100)).toBeNull();
    expect(excelSerialToMonth(1_200_000)).toBeNull();
  });

  it.each([
    ['letters then digits', 'a'.repeat(100_000) + '1'],
    ['digits', '2'.repeat(100_000)],
    ['separators', '2025' + '-'.repeat(100_000) + 'x'],
  ])('refuses a hostile 100k-character header (%s) in linear time', (_label, input) => {
    const started = performance.now();
    expect(parseMonthText(input)).toBeNull();
    expect(performance.now() - started).toBeLessThan(50);
  });
});
