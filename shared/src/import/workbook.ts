/**
 * A workbook (or a CSV, one sheet) → the imported table: each sheet's layout detected from its header
 * (`layouts/detect.ts`), read by its layout's reader, and the readings settled into one table. A sheet that
 * is neither KPI data nor account attributes is skipped with a warning; an empty sheet is skipped quietly.
 */
import { DEFAULT_CATALOG, type Catalog } from '../kpi/overrides';
import type { ImportLayout } from '../schemas/versions';
import { IMPORT_ISSUES, quoteCell, type ImportIssue } from './issues';
import { readAccountsSheet } from './layouts/accounts';
import { planSheet, type SheetPlan } from './layouts/detect';
import { readLongSheet, reportMissingLongColumns } from './layouts/long';
import { startReading, type SheetReading } from './layouts/reading';
import { readSheetPerMonth } from './layouts/sheet-per-month';
import { readWideSheet } from './layouts/wide';
import type { SheetData } from './sheet';
import { buildTable, type ImportedAccount, type ImportedTable, type ImportedValue, type SheetSummary } from './table';

export interface ReadWorkbookOptions {
  /** The tenant's catalog; its plausible ranges are the catalog's (overrides change bounds and weights only). */
  readonly catalog?: Catalog;
  /**
   * Problems the file reader found (bad CSV quotes, Excel error cells): they join the table's issues, so
   * they block the import, sort and can be excluded like any other.
   */
  readonly fileIssues?: readonly ImportIssue[];
}

interface SheetResult {
  readonly reading: SheetReading;
  readonly summary: SheetSummary;
}

function readSheet(sheet: SheetData, plan: SheetPlan, catalog: Catalog): SheetResult {
  const summary = (role: SheetSummary['role'], layout: ImportLayout | null, headerIndex: number | null): SheetSummary => ({
    name: sheet.name,
    role,
    layout,
    headerRow: headerIndex === null ? null : headerIndex + 1,
  });
  switch (plan.kind) {
    case 'long':
      return { reading: readLongSheet(sheet, plan, catalog), summary: summary('values', 'long', plan.headerIndex) };
    case 'wide':
      return { reading: readWideSheet(sheet, plan, catalog), summary: summary('values', 'wide', plan.headerIndex) };
    case 'sheet-per-month':
      return { reading: readSheetPerMonth(sheet, plan, catalog), summary: summary('values', 'sheet-per-month', plan.headerIndex) };
    case 'accounts':
      return { reading: readAccountsSheet(sheet, plan, catalog), summary: summary('accounts', null, plan.headerIndex) };
    case 'incomplete':
    case 'incomplete-long': {
      // The header says this is KPI data, so skipping it quietly would lose values: an error at the header row.
      const { reading, report } = startReading(sheet.name);
      if (plan.kind === 'incomplete-long') reportMissingLongColumns(plan.missing, plan.headerIndex + 1, report);
      else report('error', IMPORT_ISSUES.missingColumn, plan.headerIndex + 1, null, plan.message);
      return { reading, summary: summary('skipped', null, plan.headerIndex) };
    }
    case 'unrecognised': {
      const { reading, report } = startReading(sheet.name);
      report('warning', IMPORT_ISSUES.unrecognisedSheet, null, null,
        `The sheet ${quoteCell(sheet.name)} is neither KPI values nor account attributes (no header row names an account column with KPI, month or account attribute columns); it is skipped.`);
      return { reading, summary: summary('skipped', null, null) };
    }
    case 'empty':
      return { reading: startReading(sheet.name).reading, summary: summary('skipped', null, null) };
  }
}

/** The layout most values were read in (the first sheet's on a tie); `long` when there are none. */
function mainLayout(results: readonly SheetResult[]): { layout: ImportLayout; mixed: boolean } {
  const counts = new Map<ImportLayout, number>();
  for (const { summary, reading } of results) {
    if (summary.role === 'values' && summary.layout) counts.set(summary.layout, (counts.get(summary.layout) ?? 0) + reading.values.length);
  }
  let layout: ImportLayout = 'long';
  let best = -1;
  for (const [candidate, count] of counts) {
    if (count > best) [layout, best] = [candidate, count];
  }
  return { layout, mixed: counts.size > 1 };
}

export function readWorkbook(sheets: readonly SheetData[], options: ReadWorkbookOptions = {}): ImportedTable {
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const results = sheets.map((sheet) => readSheet(sheet, planSheet(sheet), catalog));
  const values: ImportedValue[] = [];
  const accounts: ImportedAccount[] = [];
  const issues: ImportIssue[] = [...(options.fileIssues ?? [])];
  // Loops, not push(...spread): a sheet of 250k values would overflow the argument limit.
  for (const { reading } of results) {
    for (const v of reading.values) values.push(v);
    for (const a of reading.accounts) accounts.push(a);
    for (const i of reading.issues) issues.push(i);
  }
  const summaries = results.map((r) => r.summary);
  const fileName = sheets[0]?.name ?? 'file';
  const whole = (message: string, code: ImportIssue['code'], severity: ImportIssue['severity'] = 'error'): void => {
    issues.push({ severity, code, sheet: fileName, row: null, column: null, message });
  };

  const dataSheets = summaries.filter((s) => s.role === 'values');
  const nothingRead = results.every((r) => r.summary.role === 'skipped' && r.summary.headerRow === null && r.reading.issues.length === 0);
  if (nothingRead) {
    whole('The file has no rows.', IMPORT_ISSUES.emptyFile);
  } else if (dataSheets.length === 0 && !issues.some((i) => i.severity === 'error')) {
    whole('No sheet holds KPI values: expected columns account, KPI, month and value; or account and KPI with one column per month; or one sheet per month with a column per KPI.', IMPORT_ISSUES.noData);
  }
  const { layout, mixed } = mainLayout(results);
  if (mixed) {
    const described = dataSheets.map((s) => `${quoteCell(s.name)} (${s.layout})`).join(', ');
    whole(`The sheets are in different layouts: ${described}. All were read; check that each is meant as KPI data.`, IMPORT_ISSUES.mixedLayouts, 'warning');
  }
  return buildTable(layout, { values, accounts, issues }, summaries, catalog);
}
