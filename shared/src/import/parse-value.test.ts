import { describe, expect, it } from 'vitest';
import { parseNumericValue } from './parse-value';

describe('parseNumericValue', () => {
  it.each([
    ['85%', 85],
    ['85 %', 85],
    ['$1,200,000', 1_200_000],
    ['1.2M', 1_200_000],
    ['1.5k', 1500],
    ['€ 2.5m', 2_500_000],
    ['12 days', 12],
    ['1 day', 1],
    ['4.5 hours', 4.5],
    ['-10', -10],
    ['\u221210', -10],
    ['(500)', -500],
    ['+7', 7],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['1e3', 1000],
    [42, 42],
    ['USD 1,000', 1000],
  ] as const)('reads %j as %d', (input, expected) => {
    expect(parseNumericValue(input)).toEqual({ ok: true, value: expected });
  });

  it.each([['abc'], ['1,2'], ['12..5'], ['N/A'], ['1.2.3'], ['$'], [Number.NaN], [Number.POSITIVE_INFINITY], [{}]])(
    'refuses %j',
    (input) => {
      expect(parseNumericValue(input)).toEqual({ ok: false, reason: 'not-a-number' });
    },
  );

  it.each([[''], ['   '], [null], [undefined]])('treats %j as empty', (input) => {
    expect(parseNumericValue(input)).toEqual({ ok: false, reason: 'empty' });
  });
});
