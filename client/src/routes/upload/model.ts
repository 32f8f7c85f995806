/**
 * The upload screen's words and groupings, apart from the components so they can be tested without a DOM:
 * layout names, issue groups, the rows an "exclude" leaves out, and what a restore would change.
 */
import {
  IMPORT_ISSUES,
  MAX_SNAPSHOT_VALUES,
  currentValue,
  measurementId,
  measurementsById,
  snapshotValues,
  type AccountDoc,
  type ImportIssue,
  type ImportIssueCode,
  type ImportLayout,
  type MeasurementDoc,
  type RowRef,
  type SheetSummary,
  type VersionDoc,
} from '@vitals/shared';

/** What the file picker offers; the reader decides by the bytes, so this is a hint, not a check. */
export const ACCEPTED_FILES = [
  '.xlsx',
  '.xls',
  '.csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'text/csv',
].join(',');

export const LAYOUTS: Record<ImportLayout, { readonly name: string; readonly description: string }> = {
  wide: { name: 'Wide', description: 'one row per account and KPI, one column per month' },
  long: { name: 'Long', description: 'columns for account, KPI, month and value' },
  'sheet-per-month': {
    name: 'One sheet per month',
    description: 'accounts in rows, KPIs in columns, a sheet (or a Month column) per month',
  },
};

/** Headings for groups of issues of one kind. */
const ISSUE_TITLES: Record<ImportIssueCode, string> = {
  [IMPORT_ISSUES.malformedFile]: 'File problems',
  [IMPORT_ISSUES.missingColumn]: 'Missing columns',
  [IMPORT_ISSUES.missingAccount]: 'Rows without an account',
  [IMPORT_ISSUES.unknownKpi]: 'Unknown KPIs',
  [IMPORT_ISSUES.badMonth]: 'Months not recognised',
  [IMPORT_ISSUES.notANumber]: 'Not a number',
  [IMPORT_ISSUES.outOfRange]: 'Outside the plausible range',
  [IMPORT_ISSUES.wrongCellCount]: 'Rows with the wrong number of cells',
  [IMPORT_ISSUES.duplicateRow]: 'Duplicates (the later one is used)',
  [IMPORT_ISSUES.emptyFile]: 'Empty file',
  [IMPORT_ISSUES.unrecognisedSheet]: 'Sheets skipped',
  [IMPORT_ISSUES.ignoredColumn]: 'Columns ignored',
  [IMPORT_ISSUES.summaryRow]: 'Total rows skipped',
  [IMPORT_ISSUES.badDate]: 'Dates not recognised',
  [IMPORT_ISSUES.tooLong]: 'Text too long',
  [IMPORT_ISSUES.noData]: 'No KPI values',
  [IMPORT_ISSUES.percentAsFraction]: 'Percentages stored as fractions',
  [IMPORT_ISSUES.mixedLayouts]: 'Sheets in different layouts',
};

export function issueTitle(code: ImportIssueCode): string {
  return ISSUE_TITLES[code] ?? 'Other problems';
}

export interface IssueGroup {
  readonly code: ImportIssueCode;
  readonly title: string;
  readonly issues: readonly ImportIssue[];
}

/** Issues of one kind together, kinds in the order their first issue appears (the table's sheet/row order). */
export function groupIssues(issues: readonly ImportIssue[]): IssueGroup[] {
  const groups = new Map<ImportIssueCode, ImportIssue[]>();
  for (const issue of issues) {
    const list = groups.get(issue.code);
    if (list) list.push(issue);
    else groups.set(issue.code, [issue]);
  }
  return [...groups].map(([code, list]) => ({ code, title: issueTitle(code), issues: list }));
}

/** The rows these issues are on, once each: what "exclude these rows" leaves out. Whole-sheet issues have none. */
export function rowsOf(issues: readonly ImportIssue[]): RowRef[] {
  const seen = new Set<string>();
  const rows: RowRef[] = [];
  for (const issue of issues) {
    if (issue.row === null) continue;
    const key = `${issue.row}\u0000${issue.sheet}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ sheet: issue.sheet, row: issue.row });
  }
  return rows;
}

/** "KPIs rows 4, 7 and 12; Accounts row 3": excluded rows for a sentence, sheet by sheet, at most `max` numbers. */
export function describeRows(rows: readonly RowRef[], max = 12): string {
  const bySheet = new Map<string, number[]>();
  for (const r of rows) {
    const list = bySheet.get(r.sheet);
    if (list) list.push(r.row);
    else bySheet.set(r.sheet, [r.row]);
  }
  let budget = max;
  const parts: string[] = [];
  for (const [sheet, list] of bySheet) {
    const sorted = [...list].sort((a, b) => a - b);
    const shown = sorted.slice(0, Math.max(1, budget));
    budget -= shown.length;
    const more = sorted.length - shown.length;
    const numbers = more > 0 ? `${shown.join(', ')} and ${more} more` : joinWords(shown.map(String));
    parts.push(`${sheet} ${sorted.length === 1 ? 'row' : 'rows'} ${numbers}`);
  }
  return parts.join('; ');
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "1 value", "2,898 values". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** How a sheet was read, in a few words: "values, long layout, header on row 1". */
export function describeSheet(sheet: SheetSummary): string {
  if (sheet.role === 'accounts')
    return `account details (segment, CSM, renewal), header on row ${sheet.headerRow ?? 1}`;
  if (sheet.role === 'skipped') return 'skipped';
  const layout = sheet.layout ? LAYOUTS[sheet.layout].name.toLowerCase() : 'unknown';
  return `KPI values, ${layout} layout, header on row ${sheet.headerRow ?? 1}`;
}

export interface RestoreImpact {
  /** Values that would be written back (they differ from what is stored now). */
  readonly change: number;
  /** Values already as the version had them. */
  readonly same: number;
  /** Values of accounts deleted since: not restored. */
  readonly skipped: number;
}

/** What restoring a version would do to the data on this device, before the person confirms it (as planRestore counts). */
export function restoreImpact(
  version: Pick<VersionDoc, 'snapshot'>,
  accounts: readonly Pick<AccountDoc, 'id' | '_deleted'>[],
  measurements: readonly MeasurementDoc[],
): RestoreImpact | null {
  if (!version.snapshot) return null;
  const live = new Set(accounts.filter((a) => !a._deleted).map((a) => a.id));
  const docs = measurementsById(measurements);
  let change = 0;
  let same = 0;
  let skipped = 0;
  for (const value of snapshotValues(version.snapshot)) {
    if (!live.has(value.accountId)) skipped++;
    else if (currentValue(docs.get(measurementId(value.accountId, value.month)), value.kpi) === value.value)
      same++;
    else change++;
  }
  return { change, same, skipped };
}

/** Why a version cannot be restored here, or `null` when it can. */
export function unrestorableReason(version: Pick<VersionDoc, 'snapshot' | 'counts'>): string | null {
  if (version.snapshot) return null;
  return version.counts.values > MAX_SNAPSHOT_VALUES
    ? 'Too large to restore on a device: it holds more values than a version keeps a copy of.'
    : 'Cannot be restored on a device: it was imported before versions kept a copy of their values.';
}

export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "12 KB", "1.4 MB", with a no-break space so the number and its unit stay on one line. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}\u00a0bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}\u00a0KB`;
  const tenths = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)}\u00a0MB`;
}
