/**
 * Cells a spreadsheet cannot turn against its reader. Account names, segments and other text come from
 * users (and from uploaded files), so a name like `=HYPERLINK("http://evil","x")` must open as text, not
 * run as a formula. OWASP's advice: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'`. Spreadsheets skip leading spaces before deciding, so the check looks past them.
 * Numbers we write ourselves are not text: `-5` stays a number cell.
 */
import type { CellValue } from '../import/sheet';

/** A formula trigger at the start, or after leading whitespace (which Excel and LibreOffice skip). */
const FORMULA_START = /^[\t\r]|^\s*[=+\-@]/;

/** True when a spreadsheet could read this text as a formula (or DDE command). */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text as a spreadsheet will show it and never evaluate it: `'` in front of anything formula-like. */
export function neutralizeFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/**
 * A cell ready to write: text neutralised, numbers as numbers. A number that is not finite has no
 * spreadsheet form; writing it as an empty cell would lose data silently, so it is an error.
 */
export function safeCell(cell: CellValue): CellValue {
  if (typeof cell === 'string') return neutralizeFormula(cell);
  if (typeof cell === 'number' && !Number.isFinite(cell)) {
    throw new RangeError(`Cannot export ${cell}: a spreadsheet cell holds finite numbers only.`);
  }
  return cell;
}
