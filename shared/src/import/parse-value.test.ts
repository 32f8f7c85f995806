import { describe, expect, it } from 'vitest';
import { parseNumericValue } from './parse-value';

describe('parseNumericValue', () => {
  it.each([
    ['85%', 85],
    ['85 %', 85],
    ['$1,200,000', 1_200_000],
    ['$1,200,000.50', 1_200_000.5],
    ['1.2M', 1_200_000],
    ['1.5k', 1500],
    ['€ 2.5m', 2_500_000],
    ['2bn', 2e9],
    ['12 days', 12],
    ['1 day', 1],
    ['4.5 hours', 4.5],
    ['-10', -10],
    ['\u221210', -10],
    ['(500)', -500],
    ['+7', 7],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['12.', 12],
    ['1e3', 1000],
    [42, 42],
    ['USD 1,000', 1000],
    ['1 000 €', 1000],
    // European forms: a decimal comma, spaces, apostrophes or dots grouping thousands.
    ['12,5', 12.5],
    ['1,2', 1.2],
    ['85,5 %', 85.5],
    ['1234,567', 1234.567],
    ['1 234,5', 1234.5],
    ['1\u00a0234\u00a0567', 1_234_567],
    ['1\u202f234,5', 1234.5],
    ["1'234.5", 1234.5],
    ['1.234,5', 1234.5],
    ['1.234.567', 1_234_567],
    // A comma before exactly three digits groups thousands, as Excel in English reads it.
    ['1,234', 1234],
    // …and a single dot before three digits is a decimal point.
    ['1.234', 1.234],
  ] as const)('reads %j as %d', (input, expected) => {
    expect(parseNumericValue(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['abc'],
    ['1,2,3'],
    ['12,34,567'],
    ['1.234,5.6'],
    ['12..5'],
    ['N/A'],
    ['1.2.3'],
    ['$'],
    ['--5'],
    ['1 23'],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [true],
    [{}],
  ])('refuses %j', (input) => {
    expect(parseNumericValue(input)).toEqual({ ok: false, reason: 'not-a-number' });
  });

  it.each([[''], ['   '], [null], [undefined]])('treats %j as empty', (input) => {
    expect(parseNumericValue(input)).toEqual({ ok: false, reason: 'empty' });
  });

  it.each([
    ['digits then a letter', '1'.repeat(50_000) + 'x'],
    ['dollar signs', '$'.repeat(100_000)],
    ['spaces between digits', '1' + ' '.repeat(100_000) + 'x'],
    ['commas', '1,'.repeat(50_000)],
    ['unit words', '1 day'.repeat(20_000)],
  ])('refuses a hostile 100k-character cell (%s) in linear time', (_label, input) => {
    const started = performance.now();
    expect(parseNumericValue(input)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(performance.now() - started).toBeLessThan(50);
  });
});
