/**
 * Reads a spreadsheet file (.xlsx, .xls, .csv; any layout) into the shared import model, the way the app
 * does: the bytes are parsed in a worker thread with a time and heap limit (`readSpreadsheetInWorker`), then
 * `readWorkbook` detects each sheet's layout and reads it. A file the reader refuses (too large, damaged,
 * a zip bomb, too slow) is a CliError with the reader's own words; problems inside a readable file are
 * issues of the table, for the command to report.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkSpreadsheetSize, readWorkbook, type ImportedTable, type SpreadsheetKind, type SpreadsheetLimits } from '@vitals/shared';
import { readSpreadsheetInWorker } from '../import/read-spreadsheet-in-worker';
import { CliError } from './errors';

export interface ReadOptions {
  /** How long parsing may take (default: the worker's 10 s). */
  readonly timeoutMs?: number;
  readonly limits?: Partial<SpreadsheetLimits>;
}

export interface SpreadsheetFile {
  /** The name the file's issues and the import version carry (no directories). */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly kind: SpreadsheetKind;
  readonly table: ImportedTable;
}

function cannotRead(path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  return new CliError(`Cannot read ${path}: ${reason}.`);
}

export async function readSpreadsheetFile(path: string, options: ReadOptions = {}): Promise<SpreadsheetFile> {
  const fileName = basename(path);
  // The size first, from the directory entry: a file over the limit is never read into memory.
  const info = await stat(path).catch((error: unknown) => {
    throw cannotRead(path, error);
  });
  if (info.isDirectory()) throw cannotRead(path, Object.assign(new Error(), { code: 'EISDIR' }));
  const refusal = checkSpreadsheetSize(info.size, fileName, options.limits);
  if (refusal) throw new CliError(refusal.error.message);
  const bytes = new Uint8Array(
    await readFile(path).catch((error: unknown) => {
      throw cannotRead(path, error);
    }),
  );
  const result = await readSpreadsheetInWorker(bytes, fileName, { timeoutMs: options.timeoutMs, limits: options.limits });
  if (!result.ok) throw new CliError(result.error.message);
  return { fileName, bytes, kind: result.kind, table: readWorkbook(result.sheets, { fileIssues: result.issues }) };
}

export async function readTable(path: string, options: ReadOptions = {}): Promise<ImportedTable> {
  return (await readSpreadsheetFile(path, options)).table;
}
