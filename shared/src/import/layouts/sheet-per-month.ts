/**
 * One sheet per month: the sheet's name is the month ("Mar 2025", "2025-03", "Sep-25"), rows are accounts and
 * columns KPIs (`Account | NPS | CSAT`). A sheet with a Month column instead (`Account | Month | NPS | CSAT`,
 * one row per account and month) is read the same way, each row's month from that column.
 */
import type { Catalog } from '../../kpi/overrides';
import type { Month } from '../../units';
import { cellText, isEmptyCell, isEmptyRow } from '../cells';
import { checkValue } from '../check-value';
import { IMPORT_ISSUES, columnLetter } from '../issues';
import { parseMonthText } from '../parse-month';
import type { SheetData } from '../sheet';
import type { HeaderCell, KpiColumn } from './detect';
import { badMonthMessage, readAccountName, reportHeaderlessColumns, reportIgnoredColumns, startReading, type SheetReading } from './reading';

export interface SheetPerMonthPlan {
  readonly headerIndex: number;
  readonly account: number;
  /** The month the sheet's name gives, if any. */
  readonly sheetMonth: Month | null;
  /** A Month column, if any: it gives each row's month (the sheet's month where it is empty). */
  readonly monthColumn: number | null;
  readonly kpis: readonly KpiColumn[];
  readonly other: readonly HeaderCell[];
}

export function readSheetPerMonth(sheet: SheetData, plan: SheetPerMonthPlan, catalog: Catalog): SheetReading {
  const { reading, report } = startReading(sheet.name);
  const { rows } = sheet;
  reportIgnoredColumns(plan.other, plan.headerIndex + 1, report, { catalog, kpiColumns: true });
  const used = new Set([
    plan.account,
    ...(plan.monthColumn === null ? [] : [plan.monthColumn]),
    ...plan.kpis.map((k) => k.index),
    ...plan.other.map((o) => o.index),
  ]);
  reportHeaderlessColumns(rows, plan.headerIndex, used, report);

  for (let r = plan.headerIndex + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const excelRow = r + 1;
    if (isEmptyRow(row) || plan.kpis.every((k) => isEmptyCell(row[k.index]))) continue;
    const account = readAccountName(row[plan.account], excelRow, plan.account, report);
    let month = plan.sheetMonth;
    if (plan.monthColumn !== null && !isEmptyCell(row[plan.monthColumn])) {
      month = parseMonthText(row[plan.monthColumn]);
      if (!month) report('error', IMPORT_ISSUES.badMonth, excelRow, plan.monthColumn, badMonthMessage(cellText(row[plan.monthColumn])));
    } else if (month === null && plan.monthColumn !== null) {
      report('error', IMPORT_ISSUES.badMonth, excelRow, plan.monthColumn, 'The month is empty.');
    }
    if (account === null || month === null) continue;
    for (const { index, kpi } of plan.kpis) {
      const check = checkValue(row[index], kpi, catalog);
      if (check.kind === 'error') report('error', check.code, excelRow, index, check.message);
      if (check.kind === 'value') {
        reading.values.push({ account, kpi, month, value: check.value, sheet: sheet.name, row: excelRow, column: columnLetter(index) });
      }
    }
  }
  return reading;
}
