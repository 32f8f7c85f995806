/** Reading raw cells (`CellValue`) the same way in every layout. */

/** A cell as text: strings trimmed, numbers as JavaScript writes them, empty for null/undefined. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
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
