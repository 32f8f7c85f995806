/**
 * What reading a spreadsheet file gives: its sheets, or one refusal with a reason code and a message for
 * a person that names the limit or the problem. Codes are a const object so callers switch on names.
 */
import type { ImportIssue } from '../issues';
import type { SheetData } from '../sheet';

export const SPREADSHEET_ERRORS = {
  /** The file, or what it unpacks to, is bigger than the limits (or the worker ran out of memory). */
  tooLarge: 'too-large',
  tooManySheets: 'too-many-sheets',
  tooManyRows: 'too-many-rows',
  tooManyCells: 'too-many-cells',
  /** Not .xlsx, .xls or .csv (e.g. a PDF, an .ods, a password-protected workbook). */
  unsupportedType: 'unsupported-type',
  /** Looks like a workbook but cannot be read: damaged, truncated, or sizes that contradict each other. */
  malformedFile: 'malformed-file',
  /** An .xlsx whose declared contents compress absurdly well: refused before anything is unpacked. */
  zipBomb: 'zip-bomb',
  emptyFile: 'empty-file',
  /** Only from the worker wrappers: the read took longer than its time limit and was stopped. */
  timeout: 'timeout',
} as const;

export type SpreadsheetWorkerErrorCode = (typeof SPREADSHEET_ERRORS)[keyof typeof SPREADSHEET_ERRORS];
/** The codes `readSpreadsheet` itself returns; the worker wrappers add `timeout`. */
export type SpreadsheetErrorCode = Exclude<SpreadsheetWorkerErrorCode, 'timeout'>;

export type SpreadsheetKind = 'xlsx' | 'xls' | 'csv';

export interface SpreadsheetSuccess {
  readonly ok: true;
  readonly kind: SpreadsheetKind;
  readonly sheets: SheetData[];
  /** Problems that did not stop the read (bad CSV quotes, Excel error cells, a guessed text encoding). */
  readonly issues: ImportIssue[];
}

export interface SpreadsheetFailure<Code extends SpreadsheetWorkerErrorCode = SpreadsheetErrorCode> {
  readonly ok: false;
  readonly error: { readonly code: Code; readonly message: string };
}

export type SpreadsheetResult = SpreadsheetSuccess | SpreadsheetFailure;
export type SpreadsheetWorkerResult = SpreadsheetSuccess | SpreadsheetFailure<SpreadsheetWorkerErrorCode>;

export function spreadsheetFailure<Code extends SpreadsheetWorkerErrorCode>(code: Code, message: string): SpreadsheetFailure<Code> {
  return { ok: false, error: { code, message } };
}

/** The same words on the device and the server when a worker is stopped. */
export function spreadsheetTimeout(fileName: string, timeoutMs: number): SpreadsheetFailure<'timeout'> {
  const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  return spreadsheetFailure(
    SPREADSHEET_ERRORS.timeout,
    `Reading ${fileName} took longer than the limit of ${seconds} and was stopped. The file may be damaged or very large: save it again from Excel, split it, or save it as CSV.`,
  );
}

export function spreadsheetOutOfMemory(fileName: string, memoryMb: number): SpreadsheetFailure<'too-large'> {
  return spreadsheetFailure(
    SPREADSHEET_ERRORS.tooLarge,
    `Reading ${fileName} needed more than the ${memoryMb} MB of memory an import may use and was stopped. Split the workbook into smaller files.`,
  );
}
