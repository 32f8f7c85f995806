/**
 * The optional accounts sheet beside the KPI data: one row per account with its segment, owner (a CSM's email
 * or name) and renewal date (ISO text, "3/15/2026", "15.03.2026" or an Excel date). An empty cell leaves that
 * attribute as it is; a row with only a name still lists the account (it is created if new).
 */
import { cellText, isEmptyCell, isEmptyRow } from '../cells';
import type { AccountColumn } from '../headers';
import { IMPORT_ISSUES, quoteCell } from '../issues';
import { detectDayOrder, parseDateCell } from '../parse-date';
import type { SheetData } from '../sheet';
import type { HeaderCell } from './detect';
import type { Catalog } from '../../kpi/overrides';
import { readAccountName, reportHeaderlessColumns, reportIgnoredColumns, startReading, type Report, type SheetReading } from './reading';

/** The stored fields' limits (`accountSchema`, `memberSchema`). */
export const SEGMENT_MAX_LENGTH = 60;
export const OWNER_MAX_LENGTH = 254;

export interface AccountsPlan {
  readonly headerIndex: number;
  readonly columns: ReadonlyMap<AccountColumn, number>;
  readonly other: readonly HeaderCell[];
}

function text(cell: unknown, max: number, what: string, at: { row: number; column: number }, report: Report): string | null | false {
  const value = cellText(cell);
  if (value === '') return null;
  if (value.length <= max) return value;
  report('error', IMPORT_ISSUES.tooLong, at.row, at.column, `The ${what} ${quoteCell(value)} is longer than ${max} characters.`);
  return false;
}

export function readAccountsSheet(sheet: SheetData, plan: AccountsPlan, catalog: Catalog): SheetReading {
  const { reading, report } = startReading(sheet.name);
  const { rows } = sheet;
  reportIgnoredColumns(plan.other, plan.headerIndex + 1, report, { catalog, kpiColumns: false });
  reportHeaderlessColumns(rows, plan.headerIndex, new Set([...plan.columns.values(), ...plan.other.map((o) => o.index)]), report);
  const column = (c: AccountColumn): number | null => plan.columns.get(c) ?? null;
  const renewal = column('renewalDate');
  const dayOrder = detectDayOrder(renewal === null ? [] : rows.slice(plan.headerIndex + 1).map((row) => row[renewal]));

  for (let r = plan.headerIndex + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const excelRow = r + 1;
    if (isEmptyRow(row)) continue;
    const nameColumn = column('account')!;
    const name = readAccountName(row[nameColumn], excelRow, nameColumn, report);
    const segmentColumn = column('segment');
    const ownerColumn = column('owner');
    const segment = segmentColumn === null ? null : text(row[segmentColumn], SEGMENT_MAX_LENGTH, 'segment', { row: excelRow, column: segmentColumn }, report);
    const owner = ownerColumn === null ? null : text(row[ownerColumn], OWNER_MAX_LENGTH, 'owner', { row: excelRow, column: ownerColumn }, report);
    let renewalDate = null;
    if (renewal !== null && !isEmptyCell(row[renewal])) {
      renewalDate = parseDateCell(row[renewal], dayOrder);
      if (renewalDate === null) {
        report('error', IMPORT_ISSUES.badDate, excelRow, renewal,
          `${quoteCell(cellText(row[renewal]))} is not a date (use e.g. 2026-03-15${dayOrder === 'day-first' ? ' or 15.03.2026' : ' or 3/15/2026'}).`);
        continue;
      }
    }
    if (name === null || segment === false || owner === false) continue;
    reading.accounts.push({ name, segment, owner, renewalDate, sheet: sheet.name, row: excelRow });
  }
  return reading;
}
