/** Reading raw cells (`CellValue`) the same way in every layout. */

/**
 * The `'` our exports put before formula-like text (export/cells.ts `neutralizeFormula`): a quote followed by
 * what would start a formula — `=`, `+`, `-`, `@` after optional whitespace, or a tab or carriage return. Only
 * that exact prefix is undone, so a name that merely starts with a quote (`'t Hoekje`) keeps it.
 */
const NEUTRALIZED_FORMULA = /^'(?=[\t\r]|\s*[=+\-@])/;

/**
 * Text as our own export wrote it before neutralising it, so an account named `=HYPERLINK("x")` survives an
 * export and re-import unchanged. It stays text: the import never evaluates anything.
 */
export function unneutralizeFormula(text: string): string {
  return NEUTRALIZED_FORMULA.test(text) ? text.slice(1) : text;
}

/** A cell as text: strings trimmed (and an export's formula quote undone), numbers as JavaScript writes them, empty for null/undefined. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return unneutralizeFormula(cell).trim();
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return '';
}

export function isEmptyCell(cell: unknown): boolean {
  return cellText(cell) === '';
}

export function isEmptyRow(row: readonly unknown[] | undefined): boolean {
  return !row || row.every(isEmptyCell);
}

/**
 * Account names that are a sheet's summary line, not a customer ("Total", "Grand total", "Average"):
 * reading them as accounts would create an account called Total.
 */
const SUMMARY_NAMES: ReadonlySet<string> = new Set([
  'total',
  'totals',
  'grand total',
  'subtotal',
  'sub total',
  'sum',
  'average',
  'avg',
  'mean',
  'median',
  'overall',
  'all accounts',
]);

export function isSummaryName(key: string): boolean {
  return SUMMARY_NAMES.has(key);
}
