/**
 * Calendar days as the accounts sheet holds them (renewal dates): "2026-03-15", "3/15/2026", "15.03.2026",
 * "15 Mar 2026", "Mar 15, 2026" and Excel date serials (46096). Whether "05/03/2026" is 3 May or 5 March
 * cannot be told from one cell, so the reader decides per column (`detectDayOrder`): a column where some
 * first number is above 12 is day/month, as is a column written with dots; otherwise month/day, the way
 * Excel writes dates in its default (US) locale.
 */
import { isIsoDate } from '../time/months';
import type { IsoDate } from '../units';
import { cellText } from './cells';
import { MONTH_NUMBERS, excelSerialToDate, fullYear } from './parse-month';

export type DayOrder = 'month-first' | 'day-first';

const DATE_TEXT_MAX_LENGTH = 40;
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})[-/.](\d{4}|\d{2})$/;

function isoOf(year: number, monthNumber: number, day: number): IsoDate | null {
  const text = `${String(year).padStart(4, '0')}-${String(monthNumber).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return year >= 1900 && year <= 2199 && isIsoDate(text) ? text : null;
}

function byName(name: string, day: string, year: string): IsoDate | null {
  const monthNumber = MONTH_NUMBERS.get(name);
  return monthNumber === undefined ? null : isoOf(fullYear(year), monthNumber, Number(day));
}

const PATTERNS: readonly [RegExp, (m: RegExpExecArray, order: DayOrder) => IsoDate | null][] = [
  // 2026-03-15, 2026/3/15, 2026-03-15T00:00:00Z
  [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ].*)?$/, (m) => isoOf(Number(m[1]), Number(m[2]), Number(m[3]))],
  // 3/15/2026, 15.03.2026, 3-15-26
  [
    NUMERIC,
    (m, order) => {
      const [a, b] = [Number(m[1]), Number(m[3])];
      const year = fullYear(m[4]!);
      return order === 'day-first' ? isoOf(year, b, a) : isoOf(year, a, b);
    },
  ],
  // 15 Mar 2026, 15-March-2026, 15. März is not English and not supported
  [/^(\d{1,2})[\s\-/]*([a-z]+)\.?[\s\-/,]*(\d{4})$/, (m) => byName(m[2]!, m[1]!, m[3]!)],
  // Mar 15, 2026 / March 15 2026
  [/^([a-z]+)\.?[\s\-/]*(\d{1,2}),?[\s\-/]*(\d{4})$/, (m) => byName(m[1]!, m[2]!, m[3]!)],
];

function fromSerial(serial: number): IsoDate | null {
  const date = excelSerialToDate(serial);
  return date === null ? null : isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The day a cell names, or `null`. Empty cells are `null` too: the caller tells them apart. */
export function parseDateCell(cell: unknown, order: DayOrder = 'month-first'): IsoDate | null {
  if (typeof cell === 'number') return fromSerial(cell);
  if (typeof cell !== 'string') return null;
  const text = cell.trim().toLowerCase();
  if (text === '' || text.length > DATE_TEXT_MAX_LENGTH) return null;
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return fromSerial(Number(text));
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return build(match, order);
  }
  return null;
}

/** The order of a column's numeric dates: day-first when any first number exceeds 12 or dots separate them. */
export function detectDayOrder(cells: Iterable<unknown>): DayOrder {
  for (const cell of cells) {
    const text = cellText(cell);
    if (text.length > DATE_TEXT_MAX_LENGTH) continue;
    const match = NUMERIC.exec(text);
    if (match && (Number(match[1]) > 12 || match[2] === '.')) return 'day-first';
  }
  return 'month-first';
}
