import { describe, expect, it } from 'vitest';
import { month } from '../../time/months';
import type { IsoDate } from '../../units';
import { findPeriod, findWindow } from './periods';

const ANCHOR = month('2025-09');
const TODAY = '2025-09-30' as IsoDate;
/** Questions arrive normalised: lower case, punctuation as spaces ("2025-06" → "2025 06"), padded. */
const period = (text: string) => findPeriod(` ${text} `, ANCHOR)?.value ?? null;

describe('findPeriod (relative periods count from the latest month with data, 2025-09 here)', () => {
  it.each([
    ['last 3 months', '2025-07', '2025-09'],
    ['over the past six months', '2025-04', '2025-09'],
    ['q3 2025', '2025-07', '2025-09'],
    ['2025 q2', '2025-04', '2025-06'],
    // Q4 2025 has not started by the data's latest month, so "Q4" is the last one that has.
    ['q4', '2024-10', '2024-12'],
    ['third quarter of 2024', '2024-07', '2024-09'],
    ['since june', '2025-06', '2025-09'],
    ['since 2025 04', '2025-04', '2025-09'],
    ['this year', '2025-01', '2025-09'],
    ['ytd', '2025-01', '2025-09'],
    ['last year', '2024-01', '2024-12'],
    ['the past year', '2024-10', '2025-09'],
    ['this quarter', '2025-07', '2025-09'],
    ['last quarter', '2025-04', '2025-06'],
    ['last month', '2025-08', '2025-08'],
    ['2025 06', '2025-06', '2025-06'],
    ['in march', '2025-03', '2025-03'],
    // A month after the data's latest is last year's.
    ['in november', '2024-11', '2024-11'],
    ['from march to may', '2025-03', '2025-05'],
    ['between 2025 02 and 2025 04', '2025-02', '2025-04'],
    ['h1 2025', '2025-01', '2025-06'],
    ['in 2024', '2024-01', '2024-12'],
  ])('"%s" → %s … %s', (text, from, to) => {
    expect(period(text)).toEqual({ from, to });
  });

  it.each(['top 5 accounts by nps', 'which accounts may churn', 'mid market accounts', 'decline in csat', 'renewals in the next 90 days'])(
    'finds no period in "%s"',
    (text) => {
      expect(period(text)).toBeNull();
    },
  );

  it('reports where the period was read, so its numbers are not taken for a count', () => {
    const found = findPeriod(' top 5 accounts over the last 3 months ', ANCHOR)!;
    const [[start, end]] = found.spans as [[number, number]];
    expect(' top 5 accounts over the last 3 months '.slice(start, end)).toBe('over the last 3 months');
  });
});

describe('findWindow (renewal windows count from today, 2025-09-30 here)', () => {
  it.each([
    ['next 90 days', 90],
    ['within 2 weeks', 14],
    ['in the next 3 months', 91],
    ['next month', 31],
    ['next quarter', 92],
    ['this year', 92],
  ])('"%s" is %i days', (text, days) => {
    expect(findWindow(` ${text} `, TODAY)?.value).toBe(days);
  });

  it('finds no window in a question without one', () => {
    expect(findWindow(' which accounts renew soon ', TODAY)).toBeNull();
  });
});
