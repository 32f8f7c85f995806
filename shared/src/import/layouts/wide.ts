/**
 * The wide layout: one row per account and KPI, one column per month (`Account | KPI | Mar 2025 | Apr 2025`).
 * On a sheet named after a KPI ("NPS") the KPI column may be left out: every row is that KPI.
 * Empty cells are months without a value; a row whose month cells are all empty is skipped silently.
 */
import type { Catalog } from '../../kpi/overrides';
import { cellText, isEmptyCell, isEmptyRow } from '../cells';
import { checkValue } from '../check-value';
import { matchKpi } from '../headers';
import { IMPORT_ISSUES, columnLetter } from '../issues';
import type { SheetData } from '../sheet';
import type { KpiId } from '../../kpi/catalog';
import type { HeaderCell, MonthColumn } from './detect';
import { readAccountName, reportHeaderlessColumns, reportIgnoredColumns, startReading, unknownKpiMessage, type SheetReading } from './reading';

export interface WidePlan {
  readonly headerIndex: number;
  readonly account: number;
  /** The KPI column, or `null` on a sheet named after its KPI (`sheetKpi`). */
  readonly kpi: number | null;
  readonly sheetKpi: KpiId | null;
  readonly months: readonly MonthColumn[];
  readonly other: readonly HeaderCell[];
}

export function readWideSheet(sheet: SheetData, plan: WidePlan, catalog: Catalog): SheetReading {
  const { reading, report } = startReading(sheet.name);
  const { rows } = sheet;
  const headerRow = plan.headerIndex + 1;
  reportIgnoredColumns(plan.other, headerRow, report, { catalog, kpiColumns: false });
  const used = new Set([plan.account, ...(plan.kpi === null ? [] : [plan.kpi]), ...plan.months.map((m) => m.index), ...plan.other.map((o) => o.index)]);
  reportHeaderlessColumns(rows, plan.headerIndex, used, report);

  for (let r = plan.headerIndex + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const excelRow = r + 1;
    if (isEmptyRow(row) || plan.months.every((m) => isEmptyCell(row[m.index]))) continue;
    const account = readAccountName(row[plan.account], excelRow, plan.account, report);
    let kpi = plan.sheetKpi;
    if (plan.kpi !== null) {
      const kpiText = cellText(row[plan.kpi]);
      kpi = matchKpi(kpiText);
      if (!kpi) report('error', IMPORT_ISSUES.unknownKpi, excelRow, plan.kpi, unknownKpiMessage(kpiText, catalog));
    }
    if (account === null || kpi === null) continue;
    for (const { index, month } of plan.months) {
      const check = checkValue(row[index], kpi, catalog);
      if (check.kind === 'error') report('error', check.code, excelRow, index, check.message);
      if (check.kind === 'value') {
        reading.values.push({ account, kpi, month, value: check.value, sheet: sheet.name, row: excelRow, column: columnLetter(index) });
      }
    }
  }
  return reading;
}
