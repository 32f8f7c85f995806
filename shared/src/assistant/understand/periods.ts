/**
 * Periods and windows in a question, read from its normalised text ("2025-06" arrives as "2025 06").
 *
 * Periods ("last 3 months", "Q3 2025", "since June", "this year", "2025-06") count from the latest month with
 * data, not from today: KPI data lags the calendar (September's values are uploaded in October), and "this
 * month" means the month the numbers are about. A month or quarter named without a year is the latest one
 * not after the data. Renewal windows ("next 90 days", "this quarter") count from today: a renewal is a date.
 */
import { addDays, addMonths, daysBetween, lastDayOfMonth, monthFromParts, monthIndex } from '../../time/months';
import type { IsoDate, Month } from '../../units';
import type { Period } from '../query';
import { numberWord } from './lexicon';

export interface Found<T> {
  readonly value: T;
  /** Character ranges of the text it was read from, so their numbers are not taken for "top N". */
  readonly spans: readonly (readonly [number, number])[];
}

const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];
const MONTH_WORD = MONTH_NAMES.flat().join('|');
const NUMBER = '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty four|twenty|thirty|sixty|ninety|couple|few)';
/** One month: "2025 06", "june 2025", "jun", "6 2025" is left out (ambiguous with counts). */
const MONTH_EXPR = `(?:(20\\d\\d) (0?[1-9]|1[0-2])(?!\\d)|(${MONTH_WORD})\\b(?: (20\\d\\d))?)`;

function monthNumber(word: string): number {
  return MONTH_NAMES.findIndex((names) => names.includes(word)) + 1;
}

/** The latest month with this calendar month number not after `anchor`. */
function latestNamed(monthNo: number, anchor: Month): Month {
  const year = Number(anchor.slice(0, 4));
  const candidate = monthFromParts(year, monthNo);
  return candidate <= anchor ? candidate : monthFromParts(year - 1, monthNo);
}

/** Reads the month out of MONTH_EXPR's four groups. */
function monthOf(groups: readonly (string | undefined)[], anchor: Month): Month | null {
  const [year, number, name, nameYear] = groups;
  if (year !== undefined && number !== undefined) return monthFromParts(Number(year), Number(number));
  if (name === undefined) return null;
  const monthNo = monthNumber(name);
  return nameYear !== undefined ? monthFromParts(Number(nameYear), monthNo) : latestNamed(monthNo, anchor);
}

function quarter(year: number, q: number): Period {
  return { from: monthFromParts(year, (q - 1) * 3 + 1), to: monthFromParts(year, q * 3) };
}

function countOf(word: string): number | null {
  return word === 'twenty four' ? 24 : numberWord(word);
}

function quarterOfMonth(m: Month): { year: number; q: number } {
  return { year: Number(m.slice(0, 4)), q: Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1 };
}

/** Latest quarter `q` not starting after the anchor. */
function latestQuarter(q: number, anchor: Month, year: string | undefined): Period {
  if (year !== undefined) return quarter(Number(year), q);
  const own = quarter(Number(anchor.slice(0, 4)), q);
  return own.from <= anchor ? own : quarter(Number(anchor.slice(0, 4)) - 1, q);
}

type Rule = readonly [RegExp, (m: RegExpExecArray, anchor: Month) => Period | null];

const ORDINAL: Readonly<Record<string, number>> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4 };

/** Tried in order; the first that matches wins, so ranges come before the single months inside them. */
const PERIOD_RULES: readonly Rule[] = [
  [
    new RegExp(`\\b(?:from|between) ${MONTH_EXPR} (?:to|through|until|till|and) ${MONTH_EXPR}`),
    (m, anchor) => {
      const from = monthOf([m[1], m[2], m[3], m[4]], anchor);
      const to = monthOf([m[5], m[6], m[7], m[8]], anchor);
      return from && to && from <= to ? { from, to } : null;
    },
  ],
  [
    new RegExp(`\\b${MONTH_EXPR} (?:to|through|until|till) ${MONTH_EXPR}`),
    (m, anchor) => {
      const from = monthOf([m[1], m[2], m[3], m[4]], anchor);
      const to = monthOf([m[5], m[6], m[7], m[8]], anchor);
      return from && to && from <= to ? { from, to } : null;
    },
  ],
  [
    new RegExp(`\\b(?:since|from|after) (?:the (?:start|beginning) of )?${MONTH_EXPR}`),
    (m, anchor) => {
      const from = monthOf([m[1], m[2], m[3], m[4]], anchor);
      return from && from <= anchor ? { from, to: anchor } : null;
    },
  ],
  [
    /\b(?:since|from) (?:the (?:start|beginning) of )?(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th) quarter)(?: (?:of )?(20\d\d))?/,
    (m, anchor) => {
      const q = m[1] !== undefined ? Number(m[1]) : ORDINAL[m[2]!]!;
      const from = latestQuarter(q, anchor, m[3]).from;
      return from <= anchor ? { from, to: anchor } : null;
    },
  ],
  [
    new RegExp(`\\b(?:last|past|previous|trailing|over the last|over the past|in the last|in the past) ${NUMBER} months?\\b`),
    (m, anchor) => {
      const n = countOf(m[1]!);
      return n === null || n < 1 ? null : { from: addMonths(anchor, -(n - 1)), to: anchor };
    },
  ],
  [
    new RegExp(`\\b(?:last|past|previous|trailing) ${NUMBER} quarters?\\b`),
    (m, anchor) => {
      const n = countOf(m[1]!);
      return n === null || n < 1 ? null : { from: addMonths(anchor, -(3 * n - 1)), to: anchor };
    },
  ],
  [
    new RegExp(`\\b(?:last|past|previous|trailing) ${NUMBER} years?\\b`),
    (m, anchor) => {
      const n = countOf(m[1]!);
      return n === null || n < 1 ? null : { from: addMonths(anchor, -(12 * n - 1)), to: anchor };
    },
  ],
  [/\b(?:the (?:last|past)|past|trailing|over the last|in the last) (?:year|12 months|twelve months)\b/, (_, anchor) => ({ from: addMonths(anchor, -11), to: anchor })],
  [/\b(?:ytd|year to date|this year|so far this year|current year)\b/, (_, anchor) => ({ from: monthFromParts(Number(anchor.slice(0, 4)), 1), to: anchor })],
  [/\blast year\b|\bprevious year\b|\bprior year\b/, (_, anchor) => {
    const year = Number(anchor.slice(0, 4)) - 1;
    return { from: monthFromParts(year, 1), to: monthFromParts(year, 12) };
  }],
  [/\b(?:this|current) quarter\b|\bqtd\b|\bquarter to date\b/, (_, anchor) => {
    const { year, q } = quarterOfMonth(anchor);
    return { from: quarter(year, q).from, to: anchor };
  }],
  [/\b(?:last|previous|prior) quarter\b/, (_, anchor) => {
    const { year, q } = quarterOfMonth(addMonths(anchor, -3));
    return quarter(year, q);
  }],
  [/\bq([1-4])(?: (?:of )?(20\d\d))?\b|\b(20\d\d) q([1-4])\b/, (m, anchor) => {
    const q = Number(m[1] ?? m[4]);
    return latestQuarter(q, anchor, m[2] ?? m[3]);
  }],
  [/\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: (?:of )?(20\d\d))?\b/, (m, anchor) => latestQuarter(ORDINAL[m[1]!]!, anchor, m[2])],
  [/\bh([12])(?: (20\d\d))?\b|\b(first|second) half(?: (?:of )?(20\d\d))?\b/, (m, anchor) => {
    const half = m[1] !== undefined ? Number(m[1]) : m[3] === 'first' ? 1 : 2;
    const yearText = m[2] ?? m[4];
    let year = yearText !== undefined ? Number(yearText) : Number(anchor.slice(0, 4));
    if (yearText === undefined && monthFromParts(year, half === 1 ? 1 : 7) > anchor) year--;
    return { from: monthFromParts(year, half === 1 ? 1 : 7), to: monthFromParts(year, half === 1 ? 6 : 12) };
  }],
  [/\b(?:last|previous|prior) month\b/, (_, anchor) => ({ from: addMonths(anchor, -1), to: addMonths(anchor, -1) })],
  [/\b(?:this|current) month\b/, (_, anchor) => ({ from: anchor, to: anchor })],
  [new RegExp(`\\b${MONTH_EXPR}`), (m, anchor) => {
    const month = monthOf([m[1], m[2], m[3], m[4]], anchor);
    return month ? { from: month, to: month } : null;
  }],
  [/\b(?:in|for|during|of) (20\d\d)\b|\b(20\d\d)\b/, (m) => {
    const year = Number(m[1] ?? m[2]);
    return { from: monthFromParts(year, 1), to: monthFromParts(year, 12) };
  }],
];

/**
 * The period a question names, or `null`. "may" is a month only next to a year or after "in/since/of":
 * "which accounts may churn" is not about May.
 */
export function findPeriod(text: string, anchor: Month): Found<Period> | null {
  const guarded = text.replace(/\bmay\b(?! 20\d\d)/g, (word, offset: number) =>
    /\b(?:in|since|from|of|during|for|to|through|until|and) $/.test(text.slice(0, offset)) ? word : 'm_y',
  );
  for (const [pattern, read] of PERIOD_RULES) {
    const match = pattern.exec(guarded);
    if (!match) continue;
    const period = read(match, anchor);
    if (period) return { value: period, spans: [[match.index, match.index + match[0].length]] };
  }
  return null;
}

const DAY_UNITS: Readonly<Record<string, number>> = { day: 1, days: 1, week: 7, weeks: 7 };

/** A renewal window from today in days: "next 90 days", "within 2 weeks", "next 3 months", "this quarter". */
export function findWindow(text: string, today: IsoDate): Found<number> | null {
  const counted = new RegExp(`\\b(?:next|coming|within|in|upcoming|over the next|in the next|within the next)? ?${NUMBER} (days?|weeks?|months?)\\b`).exec(text);
  if (counted) {
    const n = countOf(counted[1]!);
    const unit = counted[2]!;
    if (n !== null && n > 0) {
      const days = unit.startsWith('month') ? daysBetween(today, lastDayOfSameDay(today, n)) : n * DAY_UNITS[unit]!;
      return { value: days, spans: [[counted.index, counted.index + counted[0].length]] };
    }
  }
  const named: readonly (readonly [RegExp, () => IsoDate])[] = [
    [/\b(?:this|current) month\b/, () => lastDayOfMonth(today.slice(0, 7) as Month)],
    [/\bnext month\b/, () => lastDayOfMonth(addMonths(today.slice(0, 7) as Month, 1))],
    [/\b(?:this|current) quarter\b/, () => endOfQuarter(today, 0)],
    [/\bnext quarter\b/, () => endOfQuarter(today, 1)],
    [/\b(?:this year|end of (?:the )?year|year end|by year end)\b/, () => `${today.slice(0, 4)}-12-31` as IsoDate],
    [/\bnext year\b/, () => addDays(today, 365)],
  ];
  for (const [pattern, end] of named) {
    const match = pattern.exec(text);
    if (match) return { value: Math.max(1, daysBetween(today, end())), spans: [[match.index, match.index + match[0].length]] };
  }
  return null;
}

/** The same day n months later (clamped to the month's end): "next 3 months" from 2025-09-30 ends 2025-12-30. */
function lastDayOfSameDay(today: IsoDate, months: number): IsoDate {
  const target = addMonths(today.slice(0, 7) as Month, months);
  const last = lastDayOfMonth(target);
  const day = Math.min(Number(today.slice(8, 10)), Number(last.slice(8, 10)));
  return `${target}-${String(day).padStart(2, '0')}` as IsoDate;
}

function endOfQuarter(today: IsoDate, ahead: number): IsoDate {
  const index = monthIndex(today.slice(0, 7) as Month);
  const quarterEnd = index - (index % 3) + 2 + ahead * 3;
  return lastDayOfMonth(addMonths(today.slice(0, 7) as Month, quarterEnd - index));
}
