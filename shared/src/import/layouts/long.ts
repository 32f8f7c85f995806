/**
 * The long layout: one row per account, KPI, month and value, under a header row whose names may be
 * any of the synonyms in `headers.ts`. Every problem becomes an issue with its Excel location; nothing
 * is dropped silently. A row whose value cell is empty holds no value and is skipped without a word.
 */
import { DEFAULT_CATALOG, type Catalog } from '../../kpi/overrides';
import { cellText, isEmptyCell, isEmptyRow } from '../cells';
import { checkValue } from '../check-value';
import { COLUMN_SYNONYMS, matchKpi, matchLongColumn, type LongColumn } from '../headers';
import { IMPORT_ISSUES, columnLetter, quoteCell } from '../issues';
import { parseMonthText } from '../parse-month';
import { parseNumericValue } from '../parse-value';
import type { SheetData } from '../sheet';
import { buildTable, type ImportedTable } from '../table';
import { planSheet } from './detect';
import { badMonthMessage, readAccountName, reportIgnoredColumns, startReading, unknownKpiMessage, type Report, type SheetReading } from './reading';

// Where these types lived before the other layouts arrived; importers of this module keep working.
export type { ImportedTable, ImportedValue } from '../table';

export interface LongPlan {
  readonly headerIndex: number;
  readonly columns: ReadonlyMap<LongColumn, number>;
  readonly other: readonly { readonly index: number; readonly text: string }[];
}

export function reportMissingLongColumns(missing: readonly LongColumn[], headerRow: number, report: Report): void {
  for (const column of missing) {
    report('error', IMPORT_ISSUES.missingColumn, headerRow, null,
      `No ${column} column in the header row (accepted names: ${COLUMN_SYNONYMS[column].join(', ')}).`);
  }
}

export function readLongSheet(sheet: SheetData, plan: LongPlan, catalog: Catalog): SheetReading {
  const { reading, report } = startReading(sheet.name);
  const { rows } = sheet;
  const header = rows[plan.headerIndex]!;
  const at = (c: LongColumn): number => plan.columns.get(c)!;
  reportIgnoredColumns(plan.other, plan.headerIndex + 1, report, { catalog, kpiColumns: false });

  for (let r = plan.headerIndex + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const excelRow = r + 1;
    if (isEmptyRow(row)) continue;
    if (row.length > header.length && row.slice(header.length).some((cell) => !isEmptyCell(cell))) {
      report('error', IMPORT_ISSUES.wrongCellCount, excelRow, null,
        `The row has ${row.length} cells but the header has ${header.length}; a value may contain an unquoted comma.`);
      continue;
    }
    const valueCell = row[at('value')];
    // An empty value is an empty cell: nothing to import, nothing to report.
    if (isEmptyCell(valueCell)) continue;

    const account = readAccountName(row[at('account')], excelRow, at('account'), report);
    const kpiText = cellText(row[at('kpi')]);
    const kpi = matchKpi(kpiText);
    if (!kpi) report('error', IMPORT_ISSUES.unknownKpi, excelRow, at('kpi'), unknownKpiMessage(kpiText, catalog));
    const monthCell = row[at('month')];
    const month = parseMonthText(monthCell);
    if (!month) report('error', IMPORT_ISSUES.badMonth, excelRow, at('month'), badMonthMessage(cellText(monthCell)));

    if (kpi) {
      const check = checkValue(valueCell, kpi, catalog);
      if (check.kind === 'error') report('error', check.code, excelRow, at('value'), check.message);
      if (check.kind === 'value' && account !== null && month) {
        reading.values.push({ account, kpi, month, value: check.value, sheet: sheet.name, row: excelRow, column: columnLetter(at('value')) });
      }
    } else if (!parseNumericValue(valueCell).ok) {
      // Without a KPI there is no range to check, but a value that is no number is still worth saying.
      report('error', IMPORT_ISSUES.notANumber, excelRow, at('value'), `${quoteCell(cellText(valueCell))} is not a number.`);
    }
  }
  return reading;
}

/**
 * One sheet in the long layout, its first non-empty row the header: what the CLI reads a CSV with.
 * `readWorkbook` detects this layout (and the others) by itself.
 */
export function readLongLayout(
  rows: readonly (readonly unknown[])[],
  sheet: string,
  catalog: Catalog = DEFAULT_CATALOG,
): ImportedTable {
  const data: SheetData = { name: sheet, rows: rows as SheetData['rows'] };
  const plan = planSheet(data);
  const { reading, report } = startReading(sheet);
  let result: SheetReading = reading;
  if (plan.kind === 'long') {
    result = readLongSheet(data, plan, catalog);
  } else if (plan.kind === 'empty') {
    report('error', IMPORT_ISSUES.emptyFile, null, null, 'The file has no rows.');
  } else {
    const headerIndex = rows.findIndex((row) => !isEmptyRow(row));
    const found = new Set(rows[headerIndex]!.map((cell) => matchLongColumn(cell)));
    reportMissingLongColumns((['account', 'kpi', 'month', 'value'] as const).filter((c) => !found.has(c)), headerIndex + 1, report);
  }
  const headerRow = plan.kind === 'long' ? plan.headerIndex + 1 : null;
  return buildTable('long', result, [{ name: sheet, role: plan.kind === 'long' ? 'values' : 'skipped', layout: 'long', headerRow }], catalog);
}
