/**
 * Leaving rows out of an import: "an import with errors imports nothing until the user fixes the file or
 * excludes the bad rows". An excluded row loses its values, its account attributes and its issues; duplicates
 * are settled again, so excluding the later of two rows brings the earlier value back.
 *
 * Excluding a header row drops the issues about that header (an unknown KPI column, a sheet without a month):
 * what those issues are about is then skipped, which is what the person chose.
 */
import { DEFAULT_CATALOG, type Catalog } from '../kpi/overrides';
import { TABLE_ISSUES, buildTable, type ImportedTable } from './table';

export interface RowRef {
  readonly sheet: string;
  readonly row: number;
}

export interface ExcludeRowsOptions {
  /** The catalog the table was read with (KPI order of `kpis`). */
  readonly catalog?: Catalog;
}

export function excludeRows(table: ImportedTable, rows: readonly RowRef[], options: ExcludeRowsOptions = {}): ImportedTable {
  const excluded = new Set(rows.map((r) => `${r.row}\u0000${r.sheet}`));
  const kept = (item: { readonly sheet: string; readonly row: number | null }): boolean =>
    item.row === null || !excluded.has(`${item.row}\u0000${item.sheet}`);
  const sheets = table.sheets ?? [...new Set([...table.values, ...table.issues].map((i) => i.sheet))].map((name) => ({
    name,
    role: 'values' as const,
    layout: table.layout,
    headerRow: null,
  }));
  return buildTable(
    table.layout,
    {
      values: (table.readValues ?? table.values).filter(kept),
      accounts: (table.readAccounts ?? table.accountAttributes ?? []).filter(kept),
      // Duplicates (and fraction warnings) are found again by `buildTable`, among the rows that are left.
      issues: table.issues.filter((issue) => kept(issue) && !TABLE_ISSUES.has(issue.code)),
    },
    sheets,
    options.catalog ?? DEFAULT_CATALOG,
  );
}
