/**
 * Reads a spreadsheet file into the shared import model. CSV in the long layout for now; workbooks
 * (.xlsx, .xls) and the wide and sheet-per-month layouts arrive with the import issue.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseCsv, readLongLayout, type ImportedTable } from '@vitals/shared';
import { CliError } from './errors';

/** Spreadsheets are untrusted: refuse anything larger before reading it into memory. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export async function readTable(path: string): Promise<ImportedTable> {
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx' || extension === '.xls') {
    throw new CliError(`${basename(path)}: Excel workbooks are not supported by this version yet; save the sheet as CSV (long layout: account, kpi, month, value).`);
  }
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new CliError(`Cannot read ${path}: ${reason}.`);
  }
  if (buffer.byteLength > MAX_FILE_BYTES) {
    throw new CliError(`${basename(path)} is ${(buffer.byteLength / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  }
  const sheet = basename(path);
  const csv = parseCsv(buffer.toString('utf8'), sheet);
  if (csv.issues.length > 0) return { layout: 'long', values: [], accounts: [], months: [], kpis: [], issues: csv.issues };
  return readLongLayout(csv.rows, sheet);
}
