/**
 * `vitals check <file> [--json]`: what the import would make of a spreadsheet, without importing it —
 * the layout it was read in, how much it holds, and every problem with its sheet, row and column as a
 * person sees them in Excel. A file with errors makes the command exit non-zero, so a script can gate
 * an upload on it.
 */
import type { ImportIssue, ImportLayout, ImportedTable, KpiId, Month } from '@vitals/shared';
import { readSpreadsheetFile, type ReadOptions } from '../read-table';
import { errorsOf, plural, renderIssueTable, warningsOf } from '../report-issues';
import { paint, printable, type Style } from '../style';

/** An issue as `--json` prints it: the location a person finds in Excel, and the reason. */
export interface CheckIssue {
  readonly sheet: string;
  /** Excel row, the header row included; `null` for a problem of the whole sheet or file. */
  readonly row: number | null;
  /** Column letter; `null` for a problem of a whole row or sheet. */
  readonly column: string | null;
  readonly message: string;
}

export interface CheckReport {
  readonly layout: ImportLayout;
  /** How many accounts the file names. */
  readonly accounts: number;
  /** The months it holds values for, oldest first. */
  readonly months: Month[];
  /** The KPIs it holds values for, in catalog order. */
  readonly kpis: KpiId[];
  /** How many KPI values it holds (one per account, KPI and month). */
  readonly values: number;
  readonly errors: CheckIssue[];
  readonly warnings: CheckIssue[];
}

const toCheckIssue = ({ sheet, row, column, message }: ImportIssue): CheckIssue => ({ sheet, row, column, message });

export function checkReport(table: ImportedTable): CheckReport {
  return {
    layout: table.layout,
    accounts: table.accounts.length,
    months: [...table.months],
    kpis: [...table.kpis],
    values: table.values.length,
    errors: errorsOf(table).map(toCheckIssue),
    warnings: warningsOf(table).map(toCheckIssue),
  };
}

export interface CheckResult {
  readonly fileName: string;
  readonly report: CheckReport;
  /** Issues in sheet, row and column order, errors and warnings together (for the table). */
  readonly issues: readonly ImportIssue[];
}

export async function buildCheckReport(file: string, read?: ReadOptions): Promise<CheckResult> {
  const { fileName, table } = await readSpreadsheetFile(file, read);
  return { fileName, report: checkReport(table), issues: table.issues };
}

function monthSpan(months: readonly Month[]): string {
  if (months.length === 0) return '0 months';
  if (months.length === 1) return `1 month (${months[0]})`;
  return `${months.length} months (${months[0]} … ${months[months.length - 1]})`;
}

export function renderCheckReport(result: CheckResult, style: Style): string {
  const { report, issues } = result;
  const summary = [
    `${printable(result.fileName)}: ${report.layout} layout`,
    `${plural(report.accounts, 'account')}, ${monthSpan(report.months)}, ${plural(report.kpis.length, 'KPI')}, ${plural(report.values, 'value')}`,
  ].join('\n');
  const counts = `${plural(report.errors.length, 'error')}, ${plural(report.warnings.length, 'warning')}`;
  if (issues.length === 0) return `${summary}\n\n${paint(style, 'green', '● No problems found')}: the file can be imported as it is.\n`;
  const verdict =
    report.errors.length > 0
      ? `${paint(style, 'red', `■ ${counts}`)}: nothing can be imported until the errors are fixed, or their rows left out (vitals import --exclude-errors).`
      : `${paint(style, 'yellow', `▲ ${counts}`)}: the file can be imported; the warnings say what will be skipped or assumed.`;
  return `${summary}\n\n${verdict}\n\n${renderIssueTable(issues, style)}\n`;
}
