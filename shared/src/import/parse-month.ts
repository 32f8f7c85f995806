/**
 * Month headers and cells as spreadsheets hold them: "2025-03", "Mar 2025", "March 2025", "Sep-25",
 * "Sept 25", "3/2025", "2025/03", "2025-03-15", "3/1/2025", Excel date serials (45717 → 2025-03) and real
 * dates converted by a reader.
 *
 * Every pattern is anchored with unambiguous character classes, and text longer than any month is refused
 * before a pattern runs, so a hostile 100k-character cell costs one length check.
 */
import { monthFromParts } from '../time/months';
import type { Month } from '../units';

export const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['january', 1], ['feb', 2], ['february', 2], ['mar', 3], ['march', 3], ['apr', 4], ['april', 4],
  ['may', 5], ['jun', 6], ['june', 6], ['jul', 7], ['july', 7], ['aug', 8], ['august', 8], ['sep', 9], ['sept', 9],
  ['september', 9], ['oct', 10], ['october', 10], ['nov', 11], ['november', 11], ['dec', 12], ['december', 12],
]);

/** Excel serial 25569 is 1970-01-01; the window keeps ordinary numbers (e.g. a value of 85) from reading as dates. */
export const EXCEL_EPOCH_OFFSET = 25569;
export const SERIAL_MIN = 18264; // 1950-01-01
export const SERIAL_MAX = 73051; // 2100-01-01

/** "September 2025-03-15T00:00:00.000+02:00" is about the longest honest month text. */
const MONTH_TEXT_MAX_LENGTH = 40;

export function fullYear(text: string): number {
  const n = Number(text);
  return text.length <= 2 ? 2000 + n : n;
}

function valid(year: number, monthNumber: number): Month | null {
  if (!Number.isInteger(year) || !Number.isInteger(monthNumber)) return null;
  if (monthNumber < 1 || monthNumber > 12 || year < 1900 || year > 2199) return null;
  return monthFromParts(year, monthNumber);
}

/** The UTC date of an Excel serial (the fraction is the time of day), or `null` outside 1950…2099. */
export function excelSerialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial >= SERIAL_MAX) return null;
  return new Date(Math.floor(serial - EXCEL_EPOCH_OFFSET) * 86_400_000);
}

export function excelSerialToMonth(serial: number): Month | null {
  const date = excelSerialToDate(serial);
  return date === null ? null : valid(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

function daysIn(year: number, monthNumber: number): number {
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

/**
 * The month of a day/month/year date whose order is not written down ("3/1/2025", "01.03.2025"). A month
 * header is almost always the first or the last day of its month, so the reading that gives such a day wins;
 * failing that, dots mean day.month (European) and slashes month/day (US).
 */
function monthOfNumericDate(first: number, second: number, year: number, separator: string): Month | null {
  const readings: { month: number; day: number }[] = [];
  for (const [m, d] of [[first, second], [second, first]] as const) {
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysIn(year, m)) readings.push({ month: m, day: d });
  }
  if (readings.length === 0) return null;
  const edge = readings.filter((r) => r.day === 1 || r.day === daysIn(year, r.month));
  const pick = edge.length === 1 ? edge[0]! : separator === '.' ? (readings[1] ?? readings[0]!) : readings[0]!;
  return valid(year, pick.month);
}

const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => Month | null][] = [
  // 2025-03, 2025/3, 2025.03, optionally with a day: 2025-03-15, 2025-03-15T00:00:00Z
  [/^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2}(?:[t ].*)?)?$/, (m) => valid(Number(m[1]), Number(m[2]))],
  // 3/2025, 03-2025, 3.2025
  [/^(\d{1,2})[-/.](\d{4})$/, (m) => valid(Number(m[2]), Number(m[1]))],
  // 3/1/2025, 01.03.2025, 1-3-25
  [
    /^(\d{1,2})([-/.])(\d{1,2})[-/.](\d{4}|\d{2})$/,
    (m) => monthOfNumericDate(Number(m[1]), Number(m[3]), fullYear(m[4]!), m[2]!),
  ],
  // Mar 2025, March-2025, Sep-25, sept. 25, Sep '25
  [/^([a-z]+)\.?[\s\-/']*(\d{2}|\d{4})$/, (m) => monthByName(m[1]!, m[2]!)],
  // 2025 Mar, 2025-March
  [/^(\d{4})[\s\-/]*([a-z]+)\.?$/, (m) => monthByName(m[2]!, m[1]!)],
  // 202503
  [/^(\d{4})(\d{2})$/, (m) => valid(Number(m[1]), Number(m[2]))],
];

function monthByName(name: string, year: string): Month | null {
  const monthNumber = MONTH_NUMBERS.get(name);
  return monthNumber === undefined ? null : valid(fullYear(year), monthNumber);
}

/** The month a cell or header names, or `null` when it names none. */
export function parseMonthText(input: unknown): Month | null {
  if (typeof input === 'number') return excelSerialToMonth(input);
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : valid(input.getUTCFullYear(), input.getUTCMonth() + 1);
  if (typeof input !== 'string') return null;
  const text = input.trim().toLowerCase();
  if (text === '' || text.length > MONTH_TEXT_MAX_LENGTH) return null;
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return excelSerialToMonth(Number(text));
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return build(match);
  }
  return null;
}
