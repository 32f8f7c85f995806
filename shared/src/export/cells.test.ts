import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutralizeFormula, safeCell } from './cells';

describe('formula neutralisation', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['@SUM(1)', "'@SUM(1)"],
    ['-2+3', "'-2+3"],
    ['\t=1+1', "'\t=1+1"],
    ['\rcalc', "'\rcalc"],
    ['  =1+1', "'  =1+1"],
    ['\u00a0@SUM(1)', "'\u00a0@SUM(1)"],
    ['\n-1', "'\n-1"],
  ])('puts a quote before %j', (text, expected) => {
    expect(isFormulaLike(text)).toBe(true);
    expect(neutralizeFormula(text)).toBe(expected);
  });

  it.each(['Acme', 'A-1 Logistics', 'Acme = best', 'O’Brien & Sons', '2025-09', "'=already quoted", '', '  Acme'])(
    'leaves %j as it is',
    (text) => {
      expect(isFormulaLike(text)).toBe(false);
      expect(neutralizeFormula(text)).toBe(text);
    },
  );

  it('keeps numbers, negative ones included, as numbers', () => {
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(0)).toBe(0);
    expect(safeCell(12.5)).toBe(12.5);
    expect(safeCell(true)).toBe(true);
    expect(safeCell(null)).toBeNull();
  });

  it('refuses numbers a spreadsheet cannot hold instead of writing an empty cell', () => {
    expect(() => safeCell(Number.NaN)).toThrow(RangeError);
    expect(() => safeCell(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
