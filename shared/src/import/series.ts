/** Imported values → the health engine's input: one series of monthly KPI values per account. */
import type { KpiValues } from '../kpi/catalog';
import type { AccountSeries } from '../health/portfolio';
import type { Month } from '../units';
import type { ImportedValue } from './table';

/** Series keyed by account name, in the order the accounts first appear. */
export function seriesFromValues(values: readonly ImportedValue[]): AccountSeries[] {
  const byAccount = new Map<string, Map<Month, KpiValues>>();
  for (const v of values) {
    let months = byAccount.get(v.account);
    if (!months) byAccount.set(v.account, (months = new Map()));
    let cell = months.get(v.month);
    if (!cell) months.set(v.month, (cell = {}));
    cell[v.kpi] = v.value;
  }
  return [...byAccount].map(([accountId, months]) => ({ accountId, months }));
}
