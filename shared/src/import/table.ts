/**
 * What reading a workbook gives: every KPI value with its Excel location, the account attributes, and every
 * problem. `buildTable` is the last step of every reader and of `excludeRows`: it settles duplicates (the
 * later value wins, with a warning) and lists accounts, months and KPIs.
 */
import type { KpiId } from '../kpi/catalog';
import type { Catalog } from '../kpi/overrides';
import type { ImportLayout } from '../schemas/versions';
import type { IsoDate, Month } from '../units';
import { accountKey as keyOf } from './account-key';
import { IMPORT_ISSUES, compareColumns, quoteCell, type ImportIssue, type ImportIssueCode } from './issues';

export interface ImportedValue {
  /** The account's name as the file spells it (the first spelling, or the accounts sheet's). */
  readonly account: string;
  readonly kpi: KpiId;
  readonly month: Month;
  /** In the KPI's catalog unit; ARR in currency units, as spreadsheets hold it (stored as cents). */
  readonly value: number;
  readonly sheet: string;
  /** Excel row of the value, the header row being row 1 in a sheet whose header is on top. */
  readonly row: number;
  /** Excel column letter of the value's cell. */
  readonly column: string;
}

/** One row of the accounts sheet. `null` means the cell was empty: the attribute is left as it is. */
export interface ImportedAccount {
  readonly name: string;
  readonly segment: string | null;
  /** A member's email or name, as written; matched to a member when the import is planned. */
  readonly owner: string | null;
  readonly renewalDate: IsoDate | null;
  readonly sheet: string;
  readonly row: number;
}

export type SheetRole = 'values' | 'accounts' | 'skipped';

/** How each sheet was read, in workbook order, so a preview can say "Notes: skipped". */
export interface SheetSummary {
  readonly name: string;
  readonly role: SheetRole;
  readonly layout: ImportLayout | null;
  /** Excel row of the header, `null` for a skipped sheet without one. */
  readonly headerRow: number | null;
}

export interface ImportedTable {
  readonly layout: ImportLayout;
  /** One value per account, KPI and month: of duplicates, the later one. */
  readonly values: ImportedValue[];
  /** Account names in the order first seen (KPI values first, then accounts only in the accounts sheet). */
  readonly accounts: string[];
  /**
   * One entry per account of the accounts sheet (the later row of duplicates). Optional only so tables
   * built by hand before this field existed still type-check; `readWorkbook` always sets it.
   */
  readonly accountAttributes?: ImportedAccount[];
  readonly months: Month[];
  readonly kpis: KpiId[];
  /** Sorted by sheet, row and column. */
  readonly issues: ImportIssue[];
  readonly sheets?: SheetSummary[];
  /** Every valid value in reading order, duplicates included: what `excludeRows` rebuilds from. */
  readonly readValues?: ImportedValue[];
  /** Every valid accounts-sheet row in reading order, duplicates included. */
  readonly readAccounts?: ImportedAccount[];
}

/** What the sheet readers found, in reading order, before duplicates are settled. */
export interface Readings {
  readonly values: readonly ImportedValue[];
  readonly accounts: readonly ImportedAccount[];
  /** Every issue except those `buildTable` finds (TABLE_ISSUES). */
  readonly issues: readonly ImportIssue[];
}

/** The issues `buildTable` finds itself (the readers never report them), found afresh on every rebuild. */
export const TABLE_ISSUES: ReadonlySet<ImportIssueCode> = new Set([IMPORT_ISSUES.duplicateRow, IMPORT_ISSUES.percentAsFraction]);

/** "An import with errors imports nothing until the user fixes the file or excludes the bad rows." */
export function hasBlockingErrors(table: Pick<ImportedTable, 'issues'>): boolean {
  return table.issues.some((issue) => issue.severity === 'error');
}

function where(previous: { sheet: string; row: number; column?: string }, current: { sheet: string; row: number }): string {
  if (previous.sheet !== current.sheet) return `row ${previous.row} of sheet ${quoteCell(previous.sheet)}`;
  if (previous.row === current.row && previous.column) return `cell ${previous.column}${previous.row}`;
  return `row ${previous.row}`;
}

function duplicateValue(previous: ImportedValue, current: ImportedValue): ImportIssue {
  const same = previous.value === current.value;
  const later = previous.row === current.row && previous.sheet === current.sheet ? 'cell' : 'row';
  return {
    severity: 'warning',
    code: IMPORT_ISSUES.duplicateRow,
    sheet: current.sheet,
    row: current.row,
    column: current.column,
    message: same
      ? `Duplicate of ${where(previous, current)} (same account, KPI, month and value).`
      : `Same account, KPI and month as ${where(previous, current)} with a different value (${previous.value} there, ${current.value} here); this later ${later} is used.`,
  };
}

function duplicateAccount(previous: ImportedAccount, current: ImportedAccount): ImportIssue {
  return {
    severity: 'warning',
    code: IMPORT_ISSUES.duplicateRow,
    sheet: current.sheet,
    row: current.row,
    column: null,
    message: `The account ${quoteCell(current.name)} is also on ${where(previous, current)}; this later row is used.`,
  };
}

/**
 * Excel stores a cell shown as "85%" as 0.85. Where every value of a percentage KPI on a sheet is a fraction
 * (at most 1, NRR at most 3, at least one not a whole number), the file almost certainly holds such cells:
 * one warning per sheet and KPI, at the first value, because storing 0.85 for 85% would be silently wrong.
 * A warning, not an error: a support team can have an SLA breach rate of 0.5% every month.
 */
function fractionWarnings(values: readonly ImportedValue[], catalog: Catalog): ImportIssue[] {
  const groups = new Map<string, { first: ImportedValue; fractions: boolean; whole: boolean }>();
  for (const v of values) {
    const { unit } = catalog.byId[v.kpi];
    if (unit !== 'percent') continue;
    const key = `${v.sheet}\u0000${v.kpi}`;
    const group = groups.get(key) ?? { first: v, fractions: true, whole: true };
    group.fractions &&= v.value >= 0 && v.value <= (v.kpi === 'nrr' ? 3 : 1);
    group.whole &&= Number.isInteger(v.value);
    groups.set(key, group);
  }
  const issues: ImportIssue[] = [];
  for (const { first, fractions, whole } of groups.values()) {
    if (!fractions || whole) continue;
    const { name } = catalog.byId[first.kpi];
    issues.push({
      severity: 'warning',
      code: IMPORT_ISSUES.percentAsFraction,
      sheet: first.sheet,
      row: first.row,
      column: first.column,
      message: `Every ${name} value on this sheet is a fraction (here ${first.value}): Excel stores a cell shown as 85% as 0.85. Percentages are stored as 0…100, so ${first.value} would read as ${first.value}%; if these cells are percentages, type them as ${Math.round(first.value * 1000) / 10} or "${Math.round(first.value * 1000) / 10}%".`,
    });
  }
  return issues;
}

/** The later entry per key, in reading order, with a warning for each earlier one it replaces. */
function latestByKey<T>(items: readonly T[], keyOf: (item: T) => string, warn: (previous: T, current: T) => void): T[] {
  const latest = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    const previous = latest.get(key);
    if (previous !== undefined) warn(items[previous]!, item);
    latest.set(key, index);
  });
  return items.filter((item, index) => latest.get(keyOf(item)) === index);
}


export function buildTable(
  layout: ImportLayout,
  readings: Readings,
  sheets: readonly SheetSummary[],
  catalog: Catalog,
): ImportedTable {
  const issues: ImportIssue[] = [...readings.issues];
  // Names repeat on every value: normalise each once.
  const keys = new Map<string, string>();
  const accountKey = (name: string): string => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = keyOf(name)));
    return key;
  };
  const valueKey = (v: ImportedValue): string => `${accountKey(v.account)}\u0000${v.kpi}\u0000${v.month}`;
  // The accounts sheet is the list of accounts: its spelling wins over the KPI sheets'.
  const spelling = new Map<string, string>();
  for (const a of readings.accounts) if (!spelling.has(accountKey(a.name))) spelling.set(accountKey(a.name), a.name);
  const order = new Map<string, string>();
  for (const v of readings.values) {
    const key = accountKey(v.account);
    if (!spelling.has(key)) spelling.set(key, v.account);
    if (!order.has(key)) order.set(key, spelling.get(key)!);
  }
  for (const a of readings.accounts) if (!order.has(accountKey(a.name))) order.set(accountKey(a.name), spelling.get(accountKey(a.name))!);
  const named = (name: string): string => spelling.get(accountKey(name)) ?? name;

  const values = latestByKey(readings.values, valueKey, (p, c) => issues.push(duplicateValue(p, c))).map((v) =>
    v.account === named(v.account) ? v : { ...v, account: named(v.account) },
  );
  const accountAttributes = latestByKey(readings.accounts, (a) => accountKey(a.name), (p, c) =>
    issues.push(duplicateAccount(p, c)),
  ).map((a) => (a.name === named(a.name) ? a : { ...a, name: named(a.name) }));

  for (const issue of fractionWarnings(values, catalog)) issues.push(issue);
  const sheetOrder = new Map(sheets.map((s, i) => [s.name, i]));
  const rank = (issue: ImportIssue): number => sheetOrder.get(issue.sheet) ?? sheets.length;
  issues.sort((a, b) => rank(a) - rank(b) || (a.row ?? 0) - (b.row ?? 0) || compareColumns(a.column, b.column));

  const months = [...new Set(values.map((v) => v.month))].sort();
  const kpis = new Set(values.map((v) => v.kpi));
  return {
    layout,
    values,
    accounts: [...order.values()],
    accountAttributes,
    months,
    kpis: catalog.kpis.map((k) => k.id).filter((id) => kpis.has(id)),
    issues,
    sheets: [...sheets],
    readValues: [...readings.values],
    readAccounts: [...readings.accounts],
  };
}
