/**
 * The long layout: one row per account, KPI, month and value, under a header row whose names may be
 * any of the synonyms in `headers.ts`. Every problem becomes an issue with its Excel location; nothing
 * is dropped silently.
 */
import { DEFAULT_CATALOG, type Catalog } from '../../kpi/overrides';
import type { KpiId } from '../../kpi/catalog';
import type { Month } from '../../units';
import { normalizeName } from '../../text/normalize';
import { COLUMN_SYNONYMS, matchKpi, matchLongColumn, suggestKpi, type LongColumn } from '../headers';
import { IMPORT_ISSUES, columnLetter, type ImportIssue, type ImportIssueCode } from '../issues';
import { parseMonthText } from '../parse-month';
import { parseNumericValue } from '../parse-value';

export interface ImportedValue {
  readonly account: string;
  readonly kpi: KpiId;
  readonly month: Month;
  readonly value: number;
  readonly sheet: string;
  /** Excel row of the value, the header row being row 1 in a sheet whose header is on top. */
  readonly row: number;
}

export interface ImportedTable {
  readonly layout: 'long';
  readonly values: ImportedValue[];
  /** Account names in the order first seen, spelled as first seen. */
  readonly accounts: string[];
  readonly months: Month[];
  readonly kpis: KpiId[];
  readonly issues: ImportIssue[];
}

const REQUIRED: readonly LongColumn[] = ['account', 'kpi', 'month', 'value'];

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'string' ? cell.trim() : String(cell);
}

function isEmptyRow(row: readonly unknown[] | undefined): boolean {
  return !row || row.every((cell) => cellText(cell) === '');
}

function describeRange(kpi: KpiId, catalog: Catalog): string {
  const { min, max } = catalog.byId[kpi].plausible;
  return Number.isFinite(max) ? `${min}…${max}` : `at least ${min}`;
}

export function readLongLayout(rows: readonly (readonly unknown[])[], sheet: string, catalog: Catalog = DEFAULT_CATALOG): ImportedTable {
  const issues: ImportIssue[] = [];
  const issue = (severity: 'error' | 'warning', code: ImportIssueCode, row: number | null, column: number | null, message: string): void => {
    issues.push({ severity, code, sheet, row, column: column === null ? null : columnLetter(column), message });
  };
  const empty: ImportedTable = { layout: 'long', values: [], accounts: [], months: [], kpis: [], issues };

  const headerIndex = rows.findIndex((row) => !isEmptyRow(row));
  if (headerIndex < 0) {
    issue('error', IMPORT_ISSUES.emptyFile, null, null, 'The file has no rows.');
    return empty;
  }
  const header = rows[headerIndex]!;
  const columns = new Map<LongColumn, number>();
  header.forEach((cell, i) => {
    const column = matchLongColumn(cellText(cell));
    if (column && !columns.has(column)) columns.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    for (const column of missing) {
      issue('error', IMPORT_ISSUES.missingColumn, headerIndex + 1, null,
        `No ${column} column in the header row (accepted names: ${COLUMN_SYNONYMS[column].join(', ')}).`);
    }
    return empty;
  }
  const at = (c: LongColumn): number => columns.get(c)!;

  const values: ImportedValue[] = [];
  const accounts = new Map<string, string>();
  const seen = new Map<string, { row: number; value: number }>();
  const months = new Set<Month>();
  const kpis = new Set<KpiId>();

  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const excelRow = r + 1;
    if (isEmptyRow(row)) continue;
    if (row.length > header.length && row.slice(header.length).some((cell) => cellText(cell) !== '')) {
      issue('error', IMPORT_ISSUES.wrongCellCount, excelRow, null,
        `The row has ${row.length} cells but the header has ${header.length}; a value may contain an unquoted comma.`);
      continue;
    }
    const accountName = cellText(row[at('account')]);
    const kpiText = cellText(row[at('kpi')]);
    const monthCell = row[at('month')];
    const valueCell = row[at('value')];
    let bad = false;

    if (accountName === '') {
      issue('error', IMPORT_ISSUES.missingAccount, excelRow, at('account'), 'The account name is empty.');
      bad = true;
    }
    const kpi = matchKpi(kpiText);
    if (!kpi) {
      const suggestion = kpiText ? suggestKpi(kpiText) : null;
      const hint = suggestion ? ` Did you mean "${suggestion}" (${catalog.byId[suggestion].name})?` : '';
      issue('error', IMPORT_ISSUES.unknownKpi, excelRow, at('kpi'),
        kpiText ? `"${kpiText}" is not a KPI in the catalog.${hint}` : 'The KPI is empty.');
      bad = true;
    }
    const month = parseMonthText(typeof monthCell === 'string' ? monthCell.trim() : monthCell);
    if (!month) {
      issue('error', IMPORT_ISSUES.badMonth, excelRow, at('month'),
        `"${cellText(monthCell)}" is not a month (use e.g. 2025-03 or Mar 2025).`);
      bad = true;
    }
    const parsed = parseNumericValue(valueCell);
    if (!parsed.ok) {
      if (parsed.reason === 'empty') {
        issue('warning', IMPORT_ISSUES.notANumber, excelRow, at('value'), 'The value is empty; the row is skipped.');
      } else {
        issue('error', IMPORT_ISSUES.notANumber, excelRow, at('value'), `"${cellText(valueCell)}" is not a number.`);
      }
      bad = true;
    } else if (kpi) {
      const { min, max } = catalog.byId[kpi].plausible;
      if (parsed.value < min || parsed.value > max) {
        issue('error', IMPORT_ISSUES.outOfRange, excelRow, at('value'),
          `${parsed.value} is outside the plausible range of ${catalog.byId[kpi].name} (${describeRange(kpi, catalog)}).`);
        bad = true;
      }
    }
    if (bad || !kpi || !month || !parsed.ok) continue;

    // One account however its name is capitalised or spaced; the first spelling is kept.
    const accountKey = normalizeName(accountName);
    if (!accounts.has(accountKey)) accounts.set(accountKey, accountName);
    const key = `${accountKey}\u0000${kpi}\u0000${month}`;
    const previous = seen.get(key);
    if (previous) {
      const same = previous.value === parsed.value;
      issue('warning', IMPORT_ISSUES.duplicateRow, excelRow, null,
        same
          ? `Duplicate of row ${previous.row} (same account, KPI, month and value).`
          : `Same account, KPI and month as row ${previous.row} with a different value (${previous.value} there, ${parsed.value} here); this later row is used.`);
      const index = values.findIndex((v) => v.row === previous.row && v.sheet === sheet);
      if (index >= 0) values.splice(index, 1);
    }
    seen.set(key, { row: excelRow, value: parsed.value });
    values.push({ account: accounts.get(accountKey)!, kpi, month, value: parsed.value, sheet, row: excelRow });
    months.add(month);
    kpis.add(kpi);
  }

  return {
    layout: 'long',
    values,
    accounts: [...accounts.values()],
    months: [...months].sort(),
    kpis: catalog.kpis.map((k) => k.id).filter((id) => kpis.has(id)),
    issues,
  };
}
