/**
 * The tenant's data as spreadsheet rows that the import reads back: KPI values in the long layout
 * (`Account, KPI, Month, Value`) and the account attributes beside them (`Account, Segment, CSM,
 * Renewal date`). KPIs are written by their catalog name, which people can read and `matchKpi` maps back
 * to the id; ARR is written in currency units, as customers' spreadsheets hold it (stored in cents).
 */
import type { Catalog } from '../kpi/overrides';
import type { KpiId } from '../kpi/catalog';
import type { CellValue, SheetData } from '../import/sheet';
import type { AccountDoc } from '../schemas/accounts';
import type { MeasurementDoc } from '../schemas/measurements';

export const VALUES_HEADER = ['Account', 'KPI', 'Month', 'Value'] as const;
export const ACCOUNTS_HEADER = ['Account', 'Segment', 'CSM', 'Renewal date'] as const;
export const VALUES_SHEET = 'KPI values';
export const ACCOUNTS_SHEET = 'Accounts';

/** The account fields the export needs; `AccountDoc` has them. */
export type ExportAccount = Pick<AccountDoc, 'id' | 'name' | 'segment' | 'ownerId' | 'renewalDate' | '_deleted'>;
/** The measurement fields the export needs; `MeasurementDoc` has them. */
export type ExportMeasurement = Pick<MeasurementDoc, 'accountId' | 'month' | 'values' | '_deleted'>;

export interface DataRowsOptions {
  /** Members (id → name) for the CSM column; an owner not found is written as an empty cell. */
  readonly members?: readonly { readonly id: string; readonly name: string }[];
}

export interface DataExport {
  /** The long layout: header row, then one row per stored value. */
  readonly values: SheetData;
  /** One row per account: header row, then the accounts by name. */
  readonly accounts: SheetData;
}

/** Money is stored in integer cents; spreadsheets (and the import) speak currency units. */
function exportedValue(kpi: KpiId, value: number): number {
  return kpi === 'arr' ? value / 100 : value;
}

const byName = (a: ExportAccount, b: ExportAccount): number => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1);

/**
 * Rows for the accounts that are not deleted: values by account name, month (oldest first) and catalog
 * order; cleared values and values of deleted or unknown accounts are left out.
 */
export function dataRows(
  accounts: readonly ExportAccount[],
  measurements: readonly ExportMeasurement[],
  catalog: Catalog,
  options: DataRowsOptions = {},
): DataExport {
  const live = accounts.filter((a) => !a._deleted).sort(byName);
  const memberNames = new Map((options.members ?? []).map((m) => [m.id, m.name]));

  const byAccount = new Map<string, ExportMeasurement[]>();
  for (const m of measurements) {
    if (m._deleted) continue;
    const list = byAccount.get(m.accountId);
    if (list) list.push(m);
    else byAccount.set(m.accountId, [m]);
  }

  const valueRows: CellValue[][] = [[...VALUES_HEADER]];
  for (const account of live) {
    const months = [...(byAccount.get(account.id) ?? [])].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    for (const m of months) {
      for (const kpi of catalog.kpis) {
        const value = m.values[kpi.id]?.value;
        if (value === null || value === undefined) continue;
        valueRows.push([account.name, kpi.name, m.month, exportedValue(kpi.id, value)]);
      }
    }
  }

  const accountRows: CellValue[][] = [
    [...ACCOUNTS_HEADER],
    ...live.map((a) => [
      a.name,
      a.segment.trim() === '' ? null : a.segment,
      a.ownerId === null ? null : (memberNames.get(a.ownerId) ?? null),
      a.renewalDate,
    ]),
  ];

  return {
    values: { name: VALUES_SHEET, rows: valueRows },
    accounts: { name: ACCOUNTS_SHEET, rows: accountRows },
  };
}
