/** What the sheet readers share: collecting issues located in one sheet, and reading the account cell. */
import type { Catalog } from '../../kpi/overrides';
import { accountKey } from '../account-key';
import { cellText, isEmptyCell, isSummaryName } from '../cells';
import { IMPORT_ISSUES, columnLetter, quoteCell, type ImportIssue, type ImportIssueCode, type IssueSeverity } from '../issues';
import { matchKpi, suggestKpi } from '../headers';
import type { ImportedAccount, ImportedValue } from '../table';
import type { HeaderCell } from './detect';

/** The stored account name's limit (`accountSchema`). */
export const ACCOUNT_NAME_MAX_LENGTH = 200;

export interface SheetReading {
  readonly values: ImportedValue[];
  readonly accounts: ImportedAccount[];
  readonly issues: ImportIssue[];
}

export type Report = (
  severity: IssueSeverity,
  code: ImportIssueCode,
  row: number | null,
  column: number | null,
  message: string,
) => void;

export function startReading(sheet: string): { reading: SheetReading; report: Report } {
  const reading: SheetReading = { values: [], accounts: [], issues: [] };
  const report: Report = (severity, code, row, column, message) => {
    reading.issues.push({ severity, code, sheet, row, column: column === null ? null : columnLetter(column), message });
  };
  return { reading, report };
}

/**
 * The account a data row is about, or `null` when the row must be skipped (the reason reported): an empty
 * name, one too long to store, or a "Total" line.
 */
export function readAccountName(cell: unknown, excelRow: number, column: number, report: Report): string | null {
  const name = cellText(cell);
  if (name === '') {
    report('error', IMPORT_ISSUES.missingAccount, excelRow, column, 'The account name is empty.');
    return null;
  }
  if (name.length > ACCOUNT_NAME_MAX_LENGTH) {
    report('error', IMPORT_ISSUES.tooLong, excelRow, column,
      `The account name ${quoteCell(name)} is longer than ${ACCOUNT_NAME_MAX_LENGTH} characters.`);
    return null;
  }
  if (isSummaryName(accountKey(name))) {
    report('warning', IMPORT_ISSUES.summaryRow, excelRow, column, `${quoteCell(name)} looks like a summary row, not an account; the row is skipped.`);
    return null;
  }
  return name;
}

/** A file name's extension is not part of what it names ("2025-03.csv" is the month 2025-03). */
export function withoutExtension(name: string): string {
  return name.replace(/\.(?:csv|tsv|txt|xlsx|xlsm|xls)$/i, '');
}

/** "nsp" is not a KPI in the catalog. Did you mean "nps" (Net Promoter Score)? */
export function unknownKpiMessage(text: string, catalog: Catalog): string {
  if (text === '') return 'The KPI is empty.';
  const suggestion = suggestKpi(text);
  const hint = suggestion ? ` Did you mean "${suggestion}" (${catalog.byId[suggestion].name})?` : '';
  return `${quoteCell(text)} is not a KPI in the catalog.${hint}`;
}

export function badMonthMessage(text: string): string {
  return `${quoteCell(text)} is not a month (use e.g. 2025-03 or Mar 2025).`;
}

/**
 * Header cells no reader uses: each is skipped with a warning, so an unexpected column never goes unnoticed.
 * Where columns are KPIs (`kpiColumns`), a header one slip away from a KPI's name is an error instead: it is
 * probably a typo, and its values would be lost.
 */
export function reportIgnoredColumns(
  other: readonly HeaderCell[],
  headerRow: number,
  report: Report,
  options: { readonly catalog: Catalog; readonly kpiColumns: boolean },
): void {
  for (const cell of other) {
    if (matchKpi(cell.text) !== null) {
      report('warning', IMPORT_ISSUES.ignoredColumn, headerRow, cell.index,
        `The column ${quoteCell(cell.text)} names a KPI, but a sheet in this layout has no month for it; its cells are skipped.`);
    } else if (options.kpiColumns && suggestKpi(cell.text) !== null) {
      report('error', IMPORT_ISSUES.unknownKpi, headerRow, cell.index, unknownKpiMessage(cell.text, options.catalog));
    } else {
      report('warning', IMPORT_ISSUES.ignoredColumn, headerRow, cell.index, `The column ${quoteCell(cell.text)} is not read; its cells are skipped.`);
    }
  }
}

/** Values in a column without a header are skipped: one warning per such column, at its first value. */
export function reportHeaderlessColumns(
  rows: readonly (readonly unknown[])[],
  headerIndex: number,
  used: ReadonlySet<number>,
  report: Report,
): void {
  const header = rows[headerIndex] ?? [];
  const warned = new Set<number>();
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < row.length; c++) {
      if (used.has(c) || warned.has(c) || !isEmptyCell(header[c]) || isEmptyCell(row[c])) continue;
      warned.add(c);
      report('warning', IMPORT_ISSUES.ignoredColumn, r + 1, c, `Column ${columnLetter(c)} has values but no header; they are skipped.`);
    }
  }
}
