/**
 * Problems found in a spreadsheet, located the way a person sees them in Excel: rows counted from 1
 * including the header row, columns as letters.
 */
export type IssueSeverity = 'error' | 'warning';

export const IMPORT_ISSUES = {
  malformedFile: 'malformed-file',
  missingColumn: 'missing-column',
  missingAccount: 'missing-account',
  unknownKpi: 'unknown-kpi',
  badMonth: 'bad-month',
  notANumber: 'not-a-number',
  outOfRange: 'out-of-range',
  wrongCellCount: 'wrong-cell-count',
  duplicateRow: 'duplicate-row',
  emptyFile: 'empty-file',
  /** A sheet that is neither KPI data nor account attributes: skipped (a warning). */
  unrecognisedSheet: 'unrecognised-sheet',
  /** A column whose header names nothing the layout reads: skipped (a warning). */
  ignoredColumn: 'ignored-column',
  /** A "Total" / "Average" row under the accounts: not an account, skipped (a warning). */
  summaryRow: 'summary-row',
  /** A renewal date that is not a date. */
  badDate: 'bad-date',
  /** Text longer than the stored field allows (account name 200, segment 60, owner 254). */
  tooLong: 'too-long',
  /** Sheets were read, but none holds KPI values. */
  noData: 'no-data',
  /** Every value of a percentage KPI on a sheet is a fraction (0.85): probably cells formatted as %. A warning. */
  percentAsFraction: 'percent-as-fraction',
  /** KPI sheets in different layouts: all are read (a warning, in case one was not meant as data). */
  mixedLayouts: 'mixed-layouts',
} as const;
export type ImportIssueCode = (typeof IMPORT_ISSUES)[keyof typeof IMPORT_ISSUES];

export interface ImportIssue {
  readonly severity: IssueSeverity;
  readonly code: ImportIssueCode;
  readonly sheet: string;
  /** 1-based, the header row included; `null` for problems of the whole sheet. */
  readonly row: number | null;
  /** Column letter (A, B, …, AA); `null` for problems of a whole row or sheet. */
  readonly column: string | null;
  readonly message: string;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Cell text for a message: quoted, and cut short so a 100k-character cell cannot flood the report. */
export function quoteCell(text: string, max = 60): string {
  return `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;
}

/** Column letters in sheet order (B before AA), for sorting issues the way a person reads a sheet. */
export function compareColumns(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a.length - b.length || (a < b ? -1 : 1);
}

/** "Sheet1!D5" style location, for messages. */
export function describeLocation(issue: Pick<ImportIssue, 'sheet' | 'row' | 'column'>): string {
  const cell = `${issue.column ?? ''}${issue.row ?? ''}`;
  if (!cell) return issue.sheet;
  return issue.column ? `${issue.sheet}!${cell}` : `${issue.sheet} row ${issue.row}`;
}
