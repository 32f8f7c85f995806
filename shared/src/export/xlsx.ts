/**
 * Excel export with SheetJS. Every cell is built here with its type set explicitly (`n`, `s`, `b`), never
 * as a formula, and text goes through `safeCell`, so a hostile account name stays inert even if someone
 * later saves the workbook as CSV. SheetJS is loaded on first use: it is large, and most sessions never
 * export (the device keeps it out of its start-up code; the server and CLI out of their start-up time).
 */
import type * as Xlsx from 'xlsx';
import type { CellObject, WorkSheet } from 'xlsx';
import type { CellValue, SheetData } from '../import/sheet';
import { safeCell } from './cells';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel refuses sheet names longer than 31 characters or containing any of these. */
const BAD_SHEET_NAME = /[\\/?*[\]:]/;
const MAX_SHEET_NAME = 31;
/** Column widths in characters: wide enough for the content, within reason. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

function checkSheetNames(sheets: readonly SheetData[]): void {
  if (sheets.length === 0) throw new RangeError('A workbook needs at least one sheet.');
  const seen = new Set<string>();
  for (const { name } of sheets) {
    if (name.trim() === '' || name.length > MAX_SHEET_NAME || BAD_SHEET_NAME.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new RangeError(`"${name}" cannot be an Excel sheet name (1 to 31 characters, none of \\ / ? * [ ] :, no quote at either end).`);
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw new RangeError(`Two sheets are called "${name}"; Excel needs unique names.`);
    seen.add(key);
  }
}

function cellObject(cell: CellValue): CellObject | null {
  const safe = safeCell(cell);
  if (safe === null) return null;
  if (typeof safe === 'number') return { t: 'n', v: safe };
  if (typeof safe === 'boolean') return { t: 'b', v: safe };
  return { t: 's', v: safe };
}

function worksheet(XLSX: typeof Xlsx, sheet: SheetData): WorkSheet {
  const ws: WorkSheet = {};
  const widths: number[] = [];
  let lastColumn = 0;
  sheet.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      const object = cellObject(cell);
      if (!object) return;
      ws[XLSX.utils.encode_cell({ r, c })] = object;
      lastColumn = Math.max(lastColumn, c);
      widths[c] = Math.max(widths[c] ?? 0, String(object.v).length);
    });
  });
  const lastRow = Math.max(sheet.rows.length - 1, 0);
  const range = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: lastRow, c: lastColumn } });
  ws['!ref'] = range;
  ws['!cols'] = Array.from({ length: lastColumn + 1 }, (_, c) => ({
    wch: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, (widths[c] ?? 0) + 2)),
  }));
  // The first row is a header: offer Excel's filter buttons on it.
  if (sheet.rows.length > 1) ws['!autofilter'] = { ref: range };
  return ws;
}

/** Sheets → the bytes of an .xlsx workbook, in sheet order. */
export async function toXlsx(sheets: readonly SheetData[]): Promise<Uint8Array<ArrayBuffer>> {
  checkSheetNames(sheets);
  const XLSX = await import('xlsx');
  const workbook = XLSX.utils.book_new();
  for (const sheet of sheets) XLSX.utils.book_append_sheet(workbook, worksheet(XLSX, sheet), sheet.name);
  // Shared strings: account and KPI names repeat on every row, so the file is a fraction of the size.
  const bytes: unknown = XLSX.write(workbook, { type: 'array', bookType: 'xlsx', compression: true, bookSST: true });
  if (!(bytes instanceof ArrayBuffer)) throw new TypeError('SheetJS did not return the workbook as bytes.');
  return new Uint8Array(bytes);
}
