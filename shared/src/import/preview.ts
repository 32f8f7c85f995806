/**
 * What an import would do, before it is committed (DOMAIN.md: "new accounts, changed values (old → new),
 * unchanged count"). Values are compared as stored: `before` and `after` are in stored units (ARR in cents),
 * like every other screen that shows stored values.
 */
import type { KpiId } from '../kpi/catalog';
import type { Month } from '../units';
import { resolveImport, type AccountChange, type ExistingData, type UnknownOwner } from './resolve';
import type { ImportedTable } from './table';

export interface ValueChange {
  readonly account: string;
  /** `null` for an account the import creates. */
  readonly accountId: string | null;
  readonly month: Month;
  readonly kpi: KpiId;
  /** `null` where there is no value yet. */
  readonly before: number | null;
  readonly after: number;
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
}

export interface ImportPreview {
  /** Names of the accounts the import creates, in the file's order. */
  readonly newAccounts: string[];
  /** New and changed values, in the file's order. */
  readonly changed: ValueChange[];
  /** Values equal to what is stored: not written again. */
  readonly unchanged: number;
  /** Every value the import holds (changed + unchanged). */
  readonly values: number;
  /** Every account the import names (new and existing). */
  readonly accounts: number;
  /** Segment, owner and renewal date changes of existing accounts (only where `existing` carries them). */
  readonly accountChanges: AccountChange[];
  readonly unknownOwners: UnknownOwner[];
}

export function previewImport(table: ImportedTable, existing: ExistingData): ImportPreview {
  const resolution = resolveImport(table, existing);
  return {
    newAccounts: resolution.accounts.filter((a) => a.existing === null).map((a) => a.name),
    changed: resolution.changed.map(({ value, accountId, stored, before }) => ({
      account: value.account,
      accountId,
      month: value.month,
      kpi: value.kpi,
      before,
      after: stored,
      sheet: value.sheet,
      row: value.row,
      column: value.column,
    })),
    unchanged: resolution.unchanged.length,
    values: table.values.length,
    accounts: table.accounts.length,
    accountChanges: resolution.accountChanges,
    unknownOwners: resolution.unknownOwners,
  };
}
