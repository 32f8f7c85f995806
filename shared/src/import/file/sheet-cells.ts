/**
 * A SheetJS worksheet → `CellValue[][]`, cell by cell, taking only the stored value: numbers stay numbers,
 * booleans booleans, text is text (formula-looking text such as "=1+1" included: it is data, never run),
 * a formula cell gives the result Excel saved with it, dates are Excel serial numbers, and Excel errors
 * are empty. Cell objects are never copied, so nothing a file names can become an object key.
 */
import type { CellObject, WorkSheet } from 'xlsx';
import type { CellValue } from '../sheet';

/** Excel's error codes as SheetJS stores them (BIFF numbering). */
const ERROR_TEXT = new Map<number, string>([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
  [0x2b, '#GETTING_DATA'],
]);

/** Serial 0 is 1899-12-30 in Excel's 1900 date system (its leap-year bug makes that the working epoch). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export interface UnreadableCell {
  /** 0-based, as in `SheetData.rows`. */
  readonly row: number;
  readonly column: number;
  /** "#DIV/0!", or a description when the file saved no result for a formula. */
  readonly text: string;
}

export interface ConvertedSheet {
  readonly rows: CellValue[][];
  readonly cells: number;
  /** Cells that hold an Excel error or a formula without a saved result; they read as `null`. */
  readonly unreadable: number;
  readonly firstUnreadable: UnreadableCell | null;
}

type CellRead = { readonly value: CellValue } | { readonly value: null; readonly unreadable: string };

function readCell(cell: CellObject | undefined): CellRead {
  if (!cell || typeof cell !== 'object') return { value: null };
  const v: unknown = cell.v;
  switch (cell.t) {
    case 'n':
      if (typeof v !== 'number') return { value: null };
      return Number.isFinite(v) ? { value: v } : { value: null, unreadable: 'a number Excel cannot store' };
    case 'b':
      return { value: v === true };
    case 's':
      return { value: typeof v === 'string' ? v : v === undefined || v === null ? null : String(v) };
    case 'd':
      if (v instanceof Date && !Number.isNaN(v.getTime())) return { value: (v.getTime() - EXCEL_EPOCH_MS) / DAY_MS };
      return { value: typeof v === 'string' ? v : null };
    case 'e':
      return { value: null, unreadable: typeof v === 'number' ? (ERROR_TEXT.get(v) ?? 'an Excel error') : 'a formula without a saved result' };
    default:
      // 'z' (a stub: formatting but no value) and anything unknown.
      return { value: null };
  }
}

function isEmptyCell(cell: CellObject | undefined): boolean {
  return readCell(cell).value === null;
}

/**
 * The sheet's rows, each cut after its last non-empty cell, trailing empty rows dropped. Stops with
 * `null` as soon as the cells would exceed `cellBudget`, before allocating them.
 */
export function convertSheet(sheet: WorkSheet, cellBudget: number): ConvertedSheet | null {
  const data: unknown = sheet['!data'];
  // Chart and dialog sheets carry no cells.
  if (!Array.isArray(data)) return { rows: [], cells: 0, unreadable: 0, firstUnreadable: null };
  const rows: CellValue[][] = [];
  let cells = 0;
  let unreadable = 0;
  let firstUnreadable: UnreadableCell | null = null;
  let lastNonEmptyRow = -1;
  for (let r = 0; r < data.length; r++) {
    const source: unknown = data[r];
    if (!Array.isArray(source)) {
      rows.push([]);
      continue;
    }
    const cellsOfRow = source as (CellObject | undefined)[];
    let width = cellsOfRow.length;
    while (width > 0 && isEmptyCell(cellsOfRow[width - 1])) width--;
    if (cells + width > cellBudget) return null;
    cells += width;
    const row: CellValue[] = new Array<CellValue>(width);
    for (let c = 0; c < width; c++) {
      const read = readCell(cellsOfRow[c]);
      row[c] = read.value;
      if ('unreadable' in read) {
        unreadable++;
        firstUnreadable ??= { row: r, column: c, text: read.unreadable };
      }
    }
    // Errors after the last value still count, though the row is cut before them.
    for (let c = width; c < cellsOfRow.length; c++) {
      const read = readCell(cellsOfRow[c]);
      if ('unreadable' in read) {
        unreadable++;
        firstUnreadable ??= { row: r, column: c, text: read.unreadable };
      }
    }
    rows.push(row);
    if (width > 0) lastNonEmptyRow = r;
  }
  rows.length = lastNonEmptyRow + 1;
  return { rows, cells, unreadable, firstUnreadable };
}
