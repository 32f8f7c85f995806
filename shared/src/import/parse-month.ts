/**
 * Month headers and cells as spreadsheets hold them: "2025-03", "Mar 2025", "March 2025", "Sep-25",
 * "3/2025", "2025-03-15", Excel date serials (45717 → 2025-03) and real dates converted by a reader.
 */
import { monthFromParts } from '../time/months';
import type { Month } from '../units';

const MONTH_NAMES: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

/** Excel serial 25569 is 1970-01-01; the window keeps ordinary numbers (e.g. a value of 85) from reading as dates. */
const EXCEL_EPOCH_OFFSET = 25569;
const SERIAL_MIN = 18264; // 1950-01-01
const SERIAL_MAX = 73051; // 2100-01-01

function fullYear(text: string): number {
  const n = Number(text);
  return text.length <= 2 ? 2000 + n : n;
}

function valid(year: number, monthNumber: number): Month | null {
  if (!Number.isInteger(year) || !Number.isInteger(monthNumber)) return null;
  if (monthNumber < 1 || monthNumber > 12 || year < 1900 || year > 2199) return null;
  return monthFromParts(year, monthNumber);
}

export function excelSerialToMonth(serial: number): Month | null {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial >= SERIAL_MAX) return null;
  const date = new Date(Math.floor(serial - EXCEL_EPOCH_OFFSET) * 86_400_000);
  return valid(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => Month | null][] = [
  // 2025-03, 2025/3, 2025.03, optionally with a day: 2025-03-15, 2025-03-15T00:00:00Z
  [/^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2}(?:[t ].*)?)?$/, (m) => valid(Number(m[1]), Number(m[2]))],
  // 3/2025, 03-2025, 3.2025
  [/^(\d{1,2})[-/.](\d{4})$/, (m) => valid(Number(m[2]), Number(m[1]))],
  // Mar 2025, March-2025, Sep-25, sept. 25
  [/^([a-z]+)\.?[\s\-/']*(\d{2}|\d{4})$/, (m) => monthByName(m[1]!, m[2]!)],
  // 2025 Mar, 2025-March
  [/^(\d{4})[\s\-/]*([a-z]+)\.?$/, (m) => monthByName(m[2]!, m[1]!)],
  // 202503
  [/^(\d{4})(\d{2})$/, (m) => valid(Number(m[1]), Number(m[2]))],
];

function monthByName(name: string, year: string): Month | null {
  const monthNumber = MONTH_NAMES[name];
  return monthNumber === undefined ? null : valid(fullYear(year), monthNumber);
}

/** The month a cell or header names, or `null` when it names none. */
export function parseMonthText(input: unknown): Month | null {
  if (typeof input === 'number') return excelSerialToMonth(input);
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : valid(input.getUTCFullYear(), input.getUTCMonth() + 1);
  if (typeof input !== 'string') return null;
  const text = input.trim().toLowerCase();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text) && text.length === 5) return excelSerialToMonth(Number(text));
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return build(match);
  }
  return null;
}
