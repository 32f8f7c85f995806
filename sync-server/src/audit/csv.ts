/**
 * CSV export that a spreadsheet cannot turn against its reader: a cell starting with `=`, `+`, `-`, `@`
 * (or a tab or carriage return, which some spreadsheets skip before looking) would run as a formula when
 * opened, so it gets a leading `'` (OWASP's advice), and then ordinary RFC 4180 quoting.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | null;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  // Numbers are written by us, not typed by a user: -5 stays a number.
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
