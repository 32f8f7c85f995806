/**
 * Which layout a sheet is in, from its header row alone, without configuration:
 * - **long**: account, KPI, month and value columns;
 * - **wide**: account and KPI columns, then one column per month (or no KPI column on a sheet named after
 *   its KPI: "NPS" with `Account | Mar 2025 | Apr 2025`);
 * - **sheet-per-month**: an account column and one column per KPI, on a sheet named after its month
 *   ("Mar 2025", "2025-03", "Sep-25"), or with a Month column instead;
 * - **accounts**: an account (or "Name") column and at least one of segment, owner / CSM, renewal date.
 * The header is the first row, among the first 20, that fits one of these (title rows above it are fine).
 */
import type { KpiId } from '../../kpi/catalog';
import type { Month } from '../../units';
import { cellText, isEmptyCell } from '../cells';
import { matchAccountColumn, matchKpi, matchLongColumn, type AccountColumn, type LongColumn } from '../headers';
import { parseMonthText } from '../parse-month';
import type { SheetData } from '../sheet';
import type { AccountsPlan } from './accounts';
import type { LongPlan } from './long';
import { withoutExtension } from './reading';
import type { SheetPerMonthPlan } from './sheet-per-month';
import type { WidePlan } from './wide';

export const HEADER_SEARCH_ROWS = 20;

export interface HeaderCell {
  readonly index: number;
  readonly text: string;
}

interface Classified extends HeaderCell {
  readonly long: LongColumn | null;
  readonly attribute: AccountColumn | null;
  readonly kpi: KpiId | null;
  readonly month: Month | null;
}

export interface MonthColumn {
  readonly index: number;
  readonly month: Month;
}

export interface KpiColumn {
  readonly index: number;
  readonly kpi: KpiId;
}

/** What a sheet's header says it is; each layout's reader takes its own part (without `kind`). */
export type SheetPlan =
  | ({ readonly kind: 'long' } & LongPlan)
  | ({ readonly kind: 'wide' } & WidePlan)
  | ({ readonly kind: 'sheet-per-month' } & SheetPerMonthPlan)
  | ({ readonly kind: 'accounts' } & AccountsPlan)
  /** A header that says what it is but lacks a part (no month anywhere, a long layout without its value column). */
  | { readonly kind: 'incomplete'; readonly headerIndex: number; readonly message: string }
  /** Some long-layout columns (a KPI or value column among them) but not all four. */
  | { readonly kind: 'incomplete-long'; readonly headerIndex: number; readonly missing: readonly LongColumn[] }
  | { readonly kind: 'unrecognised' }
  | { readonly kind: 'empty' };

function classify(row: readonly unknown[]): Classified[] {
  return row.map((cell, index) => ({
    index,
    text: cellText(cell),
    long: matchLongColumn(cell),
    attribute: matchAccountColumn(cell),
    kpi: matchKpi(cell),
    month: parseMonthText(cell),
  }));
}

function firstIndexes<TColumn extends string>(cells: readonly Classified[], pick: (c: Classified) => TColumn | null): Map<TColumn, number> {
  const columns = new Map<TColumn, number>();
  for (const cell of cells) {
    const column = pick(cell);
    if (column !== null && !columns.has(column)) columns.set(column, cell.index);
  }
  return columns;
}

function others(cells: readonly Classified[], used: ReadonlySet<number>): HeaderCell[] {
  return cells.filter((c) => c.text !== '' && !used.has(c.index)).map(({ index, text }) => ({ index, text }));
}

const LONG_COLUMNS: readonly LongColumn[] = ['account', 'kpi', 'month', 'value'];

function planHeader(row: readonly unknown[], headerIndex: number, sheetName: string): SheetPlan | null {
  const cells = classify(row);
  const long = firstIndexes(cells, (c) => c.long);
  const named = withoutExtension(sheetName);

  if (LONG_COLUMNS.every((c) => long.has(c))) {
    return { kind: 'long', headerIndex, columns: long, other: others(cells, new Set(long.values())) };
  }

  const usedByLong = new Set(long.values());
  const months = cells.filter((c) => c.month !== null && !usedByLong.has(c.index)).map((c) => ({ index: c.index, month: c.month! }));
  const kpis = cells.filter((c) => c.kpi !== null && c.long === null).map((c) => ({ index: c.index, kpi: c.kpi! }));
  // A blank top-left cell above the names is how many people lay out a grid.
  const account =
    long.get('account') ?? (row.length > 1 && isEmptyCell(row[0]) && (months.length > 0 || kpis.length > 0) ? 0 : null);

  if (account !== null) {
    const kpiColumn = long.get('kpi') ?? null;
    const sheetKpi = kpiColumn === null ? matchKpi(named) : null;
    if (months.length > 0 && (kpiColumn !== null || sheetKpi !== null)) {
      const used = new Set([account, ...(kpiColumn === null ? [] : [kpiColumn]), ...months.map((m) => m.index)]);
      return { kind: 'wide', headerIndex, account, kpi: kpiColumn, sheetKpi, months, other: others(cells, used) };
    }
    const sheetMonth = parseMonthText(named);
    const monthColumn = long.get('month') ?? null;
    if (kpis.length > 0 && (sheetMonth !== null || monthColumn !== null)) {
      const used = new Set([account, ...(monthColumn === null ? [] : [monthColumn]), ...kpis.map((k) => k.index)]);
      return { kind: 'sheet-per-month', headerIndex, account, sheetMonth, monthColumn, kpis, other: others(cells, used) };
    }
  }

  const attributes = firstIndexes(cells, (c) => c.attribute);
  if (attributes.has('account') && (attributes.has('segment') || attributes.has('owner') || attributes.has('renewalDate'))) {
    return { kind: 'accounts', headerIndex, columns: attributes, other: others(cells, new Set(attributes.values())) };
  }

  if (account !== null && kpis.length > 0) {
    return {
      kind: 'incomplete',
      headerIndex,
      message: 'The sheet has accounts in rows and KPIs in columns but no month: name the sheet after its month (e.g. "Mar 2025") or add a Month column.',
    };
  }
  if (account !== null && months.length > 0) {
    return {
      kind: 'incomplete',
      headerIndex,
      message: 'The sheet has months in columns but no KPI column: add a KPI column, or name the sheet after its KPI (e.g. "NPS").',
    };
  }
  const present = LONG_COLUMNS.filter((c) => long.has(c));
  if (present.length >= 2 && (long.has('kpi') || long.has('value'))) {
    return { kind: 'incomplete-long', headerIndex, missing: LONG_COLUMNS.filter((c) => !long.has(c)) };
  }
  return null;
}

export function planSheet(sheet: SheetData): SheetPlan {
  let seen = 0;
  let any = false;
  for (let r = 0; r < sheet.rows.length && seen < HEADER_SEARCH_ROWS; r++) {
    const row = sheet.rows[r]!;
    if (row.every(isEmptyCell)) continue;
    any = true;
    seen++;
    const plan = planHeader(row, r, sheet.name);
    if (plan) return plan;
  }
  return any ? { kind: 'unrecognised' } : { kind: 'empty' };
}
