/**
 * An uploaded file's bytes → its sheets as `SheetData`, or one refusal that says why. The one entry point
 * for .xlsx, .xls and .csv on the device, the server and the CLI. Run it inside a worker with a time
 * limit (`readSpreadsheetInWorker` on the server, `readSpreadsheetFile` in the browser), never on a
 * server's event loop or the UI thread: the checks here bound memory, but a damaged deflate stream can
 * make SheetJS's inflater spin forever (fixtures/endless-stream.xlsx), and only a worker can be stopped.
 *
 * Order of work: size → kind by content → (xlsx) zip-bomb check on the declared sizes → SheetJS with
 * nothing evaluated → our own conversion of each cell under the row and cell limits.
 */
import * as XLSX from 'xlsx';
import { parseCsv } from '../csv';
import { IMPORT_ISSUES, columnLetter, type ImportIssue } from '../issues';
import type { SheetData } from '../sheet';
import { decodeText } from './decode-text';
import { detectKind, extensionOf } from './detect';
import { formatBytes, formatCount, resolveLimits, type SpreadsheetLimits } from './limits';
import { SPREADSHEET_ERRORS, spreadsheetFailure, type SpreadsheetErrorCode, type SpreadsheetFailure, type SpreadsheetResult, type SpreadsheetSuccess } from './result';
import { convertSheet } from './sheet-cells';
import { checkZip, sealLocalSizes } from './zip-directory';

class Refusal extends Error {
  constructor(
    readonly code: SpreadsheetErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function readSpreadsheet(bytes: Uint8Array, fileName: string, limits?: Partial<SpreadsheetLimits>): SpreadsheetResult {
  const resolved = resolveLimits(limits);
  try {
    return read(bytes, fileName, resolved);
  } catch (error) {
    if (error instanceof Refusal) return spreadsheetFailure(error.code, error.message);
    throw error;
  }
}

/**
 * The refusals that need only the file's size, for callers that can refuse before reading the bytes
 * into memory (a browser `File`, a path on disk). `null` when the size is acceptable.
 */
export function checkSpreadsheetSize(size: number, fileName: string, limits?: Partial<SpreadsheetLimits>): SpreadsheetFailure | null {
  const { maxFileBytes } = resolveLimits(limits);
  if (size === 0) return spreadsheetFailure(SPREADSHEET_ERRORS.emptyFile, `${fileName} is empty (0 bytes).`);
  if (size > maxFileBytes) {
    return spreadsheetFailure(SPREADSHEET_ERRORS.tooLarge, `${fileName} is ${formatBytes(size)}; the limit is ${formatBytes(maxFileBytes)}. Split it into smaller files.`);
  }
  return null;
}

function read(bytes: Uint8Array, fileName: string, limits: SpreadsheetLimits): SpreadsheetResult {
  const sizeRefusal = checkSpreadsheetSize(bytes.length, fileName, limits);
  if (sizeRefusal) return sizeRefusal;
  const extension = extensionOf(fileName);
  const detected = detectKind(bytes);
  switch (detected.kind) {
    case 'zip':
      return readXlsx(bytes, fileName, limits);
    case 'cfb':
      return readWorkbook(bytes, fileName, 'xls', limits);
    case 'binary':
      if (detected.what) {
        throw new Refusal(SPREADSHEET_ERRORS.unsupportedType, `${fileName} is ${detected.what}. Upload an Excel workbook (.xlsx, .xls) or a CSV file.`);
      }
      if (WORKBOOK_EXTENSIONS.has(extension)) throw notAWorkbook(fileName, extension, 'holds neither');
      throw new Refusal(SPREADSHEET_ERRORS.unsupportedType, `${fileName} is not a spreadsheet. Upload an Excel workbook (.xlsx, .xls) or a CSV file.`);
    case 'text': {
      // Many "Export to Excel" buttons write CSV or tab-separated text under an .xls name; Excel opens those, so do we.
      if (extension === 'xlsx' || extension === 'xlsm') throw notAWorkbook(fileName, extension, 'holds plain text');
      const decoded = decodeText(bytes);
      const text = decoded.text.replace(/^\ufeff/, '');
      if (text.trim() === '') throw new Refusal(SPREADSHEET_ERRORS.emptyFile, `${fileName} has no text.`);
      if (text.trimStart().startsWith('<')) {
        throw new Refusal(
          SPREADSHEET_ERRORS.unsupportedType,
          `${fileName} is a web page or XML file, not a workbook (some "Export to Excel" buttons write these). Open it in Excel and save it as .xlsx or .csv.`,
        );
      }
      const result = readCsv(text, decoded.guessed, fileName, limits);
      if (extension === 'xls') {
        result.issues.push({
          severity: 'warning',
          code: IMPORT_ISSUES.malformedFile,
          sheet: fileName,
          row: null,
          column: null,
          message: `${fileName} is named like an Excel workbook but holds text; it was read as CSV.`,
        });
      }
      return result;
    }
  }
}

const WORKBOOK_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xls']);

/** A file named like a workbook whose first bytes are neither a zip archive nor an OLE2 (.xls) container. */
function notAWorkbook(fileName: string, extension: string, what: string): Refusal {
  const container = extension === 'xls' ? 'an Excel 97–2003 file' : 'a zip archive';
  return new Refusal(
    SPREADSHEET_ERRORS.malformedFile,
    `${fileName} is not a valid Excel workbook: an .${extension} file is ${container} and this one ${what}. It may be damaged, or another kind of file renamed; save it again from Excel.`,
  );
}

function readXlsx(bytes: Uint8Array, fileName: string, limits: SpreadsheetLimits): SpreadsheetResult {
  const zip = checkZip(bytes, limits);
  if (!zip.ok) {
    const refusal: Record<typeof zip.code, string> = {
      'malformed-file': `${fileName} cannot be read as an Excel workbook: ${zip.message}. Save it again from Excel and upload the new file.`,
      'unsupported-type': `${fileName} cannot be imported: ${zip.message}.`,
      'zip-bomb': `${fileName} was refused without unpacking it: ${zip.message}. Files like this are built to exhaust memory.`,
      'too-large': `${fileName} is too large: ${zip.message}. Split it into smaller files.`,
    };
    throw new Refusal(zip.code, refusal[zip.code]);
  }
  return readWorkbook(sealLocalSizes(bytes, zip.entries), fileName, 'xlsx', limits);
}

/** SheetJS's messages for files it recognises but will not read, in words for a person. */
function explainSheetJsError(error: unknown, fileName: string): Refusal {
  const detail = error instanceof Error ? error.message : String(error);
  if (/password|encrypt/i.test(detail)) {
    return new Refusal(SPREADSHEET_ERRORS.unsupportedType, `${fileName} is password-protected. Remove the password in Excel (File › Info › Protect Workbook) and upload it again.`);
  }
  if (/cannot find workbook/i.test(detail)) {
    return new Refusal(SPREADSHEET_ERRORS.unsupportedType, `${fileName} is an Office file but not an Excel workbook (a Word or PowerPoint file, perhaps).`);
  }
  return new Refusal(SPREADSHEET_ERRORS.malformedFile, `${fileName} cannot be read as an Excel workbook; it may be damaged. Save it again from Excel and upload the new file. (${detail})`);
}

function readWorkbook(bytes: Uint8Array, fileName: string, kind: 'xlsx' | 'xls', limits: SpreadsheetLimits): SpreadsheetResult {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      // Values only: no formula text, no HTML of rich text, no formatted text, dates as serial numbers.
      // SheetJS never evaluates formulas; keeping their text would only add parsing work.
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellDates: false,
      cellNF: false,
      cellStyles: false,
      bookVBA: false,
      bookFiles: false,
      bookDeps: false,
      // One row past the limit, to know that it was passed without reading the rest.
      sheetRows: limits.maxRowsPerSheet + 1,
      // One sheet past the limit, likewise (xlsx only: the xls reader ignores it).
      sheets: Array.from({ length: limits.maxSheets + 1 }, (_, i) => i),
    });
  } catch (error) {
    throw explainSheetJsError(error, fileName);
  }

  const names = workbook.SheetNames;
  if (names.length > limits.maxSheets) {
    throw new Refusal(SPREADSHEET_ERRORS.tooManySheets, `${fileName} has ${formatCount(names.length)} sheets; the limit is ${formatCount(limits.maxSheets)}.`);
  }

  const sheets: SheetData[] = [];
  const issues: ImportIssue[] = [];
  let cells = 0;
  for (const name of names) {
    const worksheet = sheetNamed(workbook, name);
    if (!worksheet) {
      sheets.push({ name, rows: [] });
      continue;
    }
    const converted = convertSheet(worksheet, limits.maxCells - cells);
    if (!converted) {
      throw new Refusal(SPREADSHEET_ERRORS.tooManyCells, `${fileName} has more than ${formatCount(limits.maxCells)} cells with data (the limit), counted up to sheet “${name}”.`);
    }
    if (converted.rows.length > limits.maxRowsPerSheet) {
      const total = totalRows(worksheet);
      throw new Refusal(
        SPREADSHEET_ERRORS.tooManyRows,
        `Sheet “${name}” of ${fileName} has ${total ? formatCount(total) : 'more than ' + formatCount(limits.maxRowsPerSheet)} rows; the limit is ${formatCount(limits.maxRowsPerSheet)} rows per sheet.`,
      );
    }
    cells += converted.cells;
    sheets.push({ name, rows: converted.rows });
    if (converted.firstUnreadable) {
      const first = converted.firstUnreadable;
      const where = `${columnLetter(first.column)}${first.row + 1}`;
      const count = converted.unreadable;
      issues.push({
        severity: 'warning',
        code: IMPORT_ISSUES.notANumber,
        sheet: name,
        row: first.row + 1,
        column: columnLetter(first.column),
        message:
          count === 1
            ? `${where} holds ${first.text}; it is read as empty.`
            : `${formatCount(count)} cells hold Excel errors or formulas without a saved result, the first at ${where} (${first.text}); they are read as empty.`,
      });
    }
  }
  if (cells === 0) {
    throw new Refusal(SPREADSHEET_ERRORS.emptyFile, `${fileName} has no cells with data. If it should have, it may be damaged: save it again from Excel and upload the new file.`);
  }
  return { ok: true, kind, sheets, issues };
}

/**
 * The worksheet SheetJS stored under `name`. Its `Sheets` is a plain object keyed by sheet name, so a
 * sheet named "__proto__" becomes that object's prototype rather than a key, and a name like "toString"
 * would find an inherited function: look only at own keys and that one case.
 */
function sheetNamed(workbook: XLSX.WorkBook, name: string): XLSX.WorkSheet | null {
  const table = workbook.Sheets;
  const found: unknown = name === '__proto__' ? Object.getPrototypeOf(table) : Object.prototype.hasOwnProperty.call(table, name) ? table[name] : null;
  if (typeof found !== 'object' || found === null || found === Object.prototype) return null;
  return found as XLSX.WorkSheet;
}

/** The sheet's real row count when SheetJS stopped at `sheetRows` (it keeps the full range as `!fullref`). */
function totalRows(worksheet: XLSX.WorkSheet): number | null {
  const full: unknown = worksheet['!fullref'];
  if (typeof full !== 'string') return null;
  try {
    return XLSX.utils.decode_range(full).e.r + 1;
  } catch {
    return null;
  }
}

function readCsv(text: string, guessedEncoding: boolean, fileName: string, limits: SpreadsheetLimits): SpreadsheetSuccess & { issues: ImportIssue[] } {
  const table = parseCsv(text, fileName);
  if (table.rows.length > limits.maxRowsPerSheet) {
    throw new Refusal(SPREADSHEET_ERRORS.tooManyRows, `${fileName} has ${formatCount(table.rows.length)} rows; the limit is ${formatCount(limits.maxRowsPerSheet)}.`);
  }
  const cells = table.rows.reduce((sum, row) => sum + row.length, 0);
  if (cells > limits.maxCells) {
    throw new Refusal(SPREADSHEET_ERRORS.tooManyCells, `${fileName} has ${formatCount(cells)} cells; the limit is ${formatCount(limits.maxCells)}.`);
  }
  const issues: ImportIssue[] = [...table.issues];
  if (guessedEncoding) {
    issues.push({
      severity: 'warning',
      code: IMPORT_ISSUES.malformedFile,
      sheet: fileName,
      row: null,
      column: null,
      message: `${fileName} is not UTF-8 text; it was read as Windows-1252 (Excel's plain "CSV"). If accented letters look wrong, save it from Excel as "CSV UTF-8".`,
    });
  }
  return { ok: true, kind: 'csv', sheets: [{ name: fileName, rows: table.rows }], issues };
}
