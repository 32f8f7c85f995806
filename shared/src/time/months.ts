import type { IsoDate, Month } from '../units';

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH_PATTERN.test(value);
}

/** Returns the month, or `null` when the text is not `YYYY-MM`. */
export function parseMonth(text: string): Month | null {
  return isMonth(text) ? text : null;
}

/** Asserts `YYYY-MM`; for literals and trusted data. */
export function month(text: string): Month {
  const parsed = parseMonth(text);
  if (!parsed) throw new RangeError(`Not a month (YYYY-MM): ${JSON.stringify(text)}`);
  return parsed;
}

export function monthFromParts(year: number, monthNumber: number): Month {
  const index = year * 12 + (monthNumber - 1);
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}` as Month;
}

/** Months since year 0, so differences and additions are plain integer arithmetic. */
export function monthIndex(m: Month): number {
  return Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
}

export function monthFromIndex(index: number): Month {
  return monthFromParts(Math.floor(index / 12), (index % 12) + 1);
}

export function addMonths(m: Month, count: number): Month {
  return monthFromIndex(monthIndex(m) + count);
}

export function previousMonth(m: Month): Month {
  return addMonths(m, -1);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): number {
  return monthIndex(to) - monthIndex(from);
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

export function compareMonths(a: Month, b: Month): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const probe = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return probe.getUTCDate() === Number(d);
}

export function isoDate(text: string): IsoDate {
  if (!isIsoDate(text)) throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return text;
}

export function monthOfDate(date: IsoDate): Month {
  return date.slice(0, 7) as Month;
}

const DAY_MS = 86_400_000;

function dayNumber(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10) as IsoDate;
}

/** The last calendar day of a month: KPI values describe a month "as of" its end. */
export function lastDayOfMonth(m: Month): IsoDate {
  const next = addMonths(m, 1);
  return addDays(`${next}-01` as IsoDate, -1);
}

export function firstDayOfMonth(m: Month): IsoDate {
  return `${m}-01` as IsoDate;
}
