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

/** "Sheet1!D5" style location, for messages. */
export function describeLocation(issue: Pick<ImportIssue, 'sheet' | 'row' | 'column'>): string {
  const cell = `${issue.column ?? ''}${issue.row ?? ''}`;
  if (!cell) return issue.sheet;
  return issue.column ? `${issue.sheet}!${cell}` : `${issue.sheet} row ${issue.row}`;
}
