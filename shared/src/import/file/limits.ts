/**
 * How much of a spreadsheet Vitals agrees to read. Uploads are untrusted: every limit bounds memory or
 * time before the expensive step that would spend it, and every refusal names the limit it hit.
 */
export interface SpreadsheetLimits {
  /** Size of the uploaded file. */
  readonly maxFileBytes: number;
  readonly maxSheets: number;
  /** Rows of one sheet, counted to the last row Excel would show. */
  readonly maxRowsPerSheet: number;
  /** Cells of all sheets together, each row counted to its last non-empty cell. */
  readonly maxCells: number;
  /** Files inside an .xlsx (a zip archive); a workbook has a few dozen. */
  readonly maxZipEntries: number;
  /** Sum of the sizes an .xlsx declares its files unpack to. */
  readonly maxUncompressedBytes: number;
  /** Unpacked ÷ packed size of one file inside an .xlsx (checked for files of 1 MiB or more). */
  readonly maxCompressionRatio: number;
}

const MiB = 1024 * 1024;

/**
 * Ten times the import budget's 10,000-row spreadsheet, and more than any KPI workbook we have seen,
 * while a file at the limits still reads well inside the worker's 10 s time limit:
 * - 20 MiB file: a 100,000-row long-layout workbook is about 3 MiB, as CSV about 4 MiB.
 * - 1,000,000 cells (100,000 rows × 10 columns): SheetJS keeps an object per cell; measured on the
 *   2-core dev machine, 1,000,000 cells read in 3–5 s with under 256 MiB of heap, 2,000,000 in 8–10 s,
 *   too close to the time limit (and phones are slower).
 * - 100,000 rows per sheet, 50 sheets (a sheet per month for four years is 48).
 * - 200 MiB unpacked: sheet XML costs 30–80 bytes per cell (more with styles and formulas).
 * - ratio 200: real sheet XML compresses 3–12× (row and cell references change on every cell); a run
 *   of zeros compresses ~1,030×, which is what zip bombs are made of.
 * - 2,000 files in the archive: a workbook has a few dozen (four per sheet at most, plus media).
 */
export const DEFAULT_SPREADSHEET_LIMITS: SpreadsheetLimits = {
  maxFileBytes: 20 * MiB,
  maxSheets: 50,
  maxRowsPerSheet: 100_000,
  maxCells: 1_000_000,
  maxZipEntries: 2_000,
  maxUncompressedBytes: 200 * MiB,
  maxCompressionRatio: 200,
};

/** Entries smaller than this are not ratio-checked: tiny files have odd ratios and cannot hurt. */
export const RATIO_CHECK_MIN_BYTES = MiB;

export function resolveLimits(limits: Partial<SpreadsheetLimits> | undefined): SpreadsheetLimits {
  return { ...DEFAULT_SPREADSHEET_LIMITS, ...limits };
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Bytes as a person reads them: "20 MB", "256.3 MB", "912 KB". Binary units, named as Excel users expect. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) {
    const tenths = Math.round((bytes / MiB) * 10);
    return `${formatCount(Math.floor(tenths / 10))}${tenths % 10 ? `.${tenths % 10}` : ''} MB`;
  }
  return `${formatCount(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
