/**
 * CSV export: RFC 4180 (fields quoted only where needed, `"` doubled, CRLF line ends) with a UTF-8 byte
 * order mark, without which Excel reads UTF-8 as the local code page and "Müller" arrives as "MÃ¼ller".
 * Every text cell goes through `safeCell` first, so no cell opens as a formula.
 */
import type { CellValue } from '../import/sheet';
import { safeCell } from './cells';

export const UTF8_BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;

function field(cell: CellValue): string {
  const safe = safeCell(cell);
  if (safe === null) return '';
  if (typeof safe === 'boolean') return safe ? 'TRUE' : 'FALSE';
  const text = typeof safe === 'number' ? String(safe) : safe;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows → CSV text, starting with the BOM and ending with a line break. Encode as UTF-8 to save it. */
export function toCsv(rows: readonly (readonly CellValue[])[]): string {
  let out = UTF8_BOM;
  for (const row of rows) out += `${row.map(field).join(',')}\r\n`;
  return out;
}
