/**
 * A version's snapshot (schemas/versions.ts) to and from a list of stored values. Accounts are listed in the
 * order first seen, months in order, KPIs in catalog order, and cells sorted by those indexes, so the same
 * values always give the same snapshot.
 */
import { KPI_IDS, type KpiId } from '../kpi/catalog';
import { MAX_SNAPSHOT_VALUES, SNAPSHOT_CELL_WIDTH, type VersionSnapshot } from '../schemas/versions';
import type { Month } from '../units';

/** One stored value (ARR in cents) of an account, by its id. */
export interface SnapshotValue {
  readonly accountId: string;
  readonly month: Month;
  readonly kpi: KpiId;
  readonly value: number;
}

/** The snapshot of these values, or `null` when there are more than MAX_SNAPSHOT_VALUES (a later value of the same cell wins). */
export function buildSnapshot(values: readonly SnapshotValue[]): VersionSnapshot | null {
  if (values.length > MAX_SNAPSHOT_VALUES) return null;
  const accounts = new Map<string, number>();
  const monthSet = new Set<Month>();
  const kpiSet = new Set<KpiId>();
  for (const v of values) {
    if (!accounts.has(v.accountId)) accounts.set(v.accountId, accounts.size);
    monthSet.add(v.month);
    kpiSet.add(v.kpi);
  }
  const months = [...monthSet].sort();
  const kpis = KPI_IDS.filter((k) => kpiSet.has(k));
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const kpiIndex = new Map(kpis.map((k, i) => [k, i]));
  const byCell = new Map<number, [number, number, number, number]>();
  for (const v of values) {
    const cell: [number, number, number, number] = [accounts.get(v.accountId)!, monthIndex.get(v.month)!, kpiIndex.get(v.kpi)!, v.value];
    byCell.set((cell[0] * months.length + cell[1]) * kpis.length + cell[2], cell);
  }
  const cells: number[] = [];
  for (const key of [...byCell.keys()].sort((a, b) => a - b)) for (const n of byCell.get(key)!) cells.push(n);
  return { accounts: [...accounts.keys()], months, kpis, cells };
}

/** The values a snapshot holds, in its cell order. */
export function snapshotValues(snapshot: VersionSnapshot): SnapshotValue[] {
  const values: SnapshotValue[] = [];
  const { accounts, months, kpis, cells } = snapshot;
  for (let i = 0; i + SNAPSHOT_CELL_WIDTH <= cells.length; i += SNAPSHOT_CELL_WIDTH) {
    const accountId = accounts[cells[i]!];
    const month = months[cells[i + 1]!];
    const kpi = kpis[cells[i + 2]!];
    // A validated snapshot always resolves; a hand-made one that does not is read as far as it does.
    if (accountId === undefined || month === undefined || kpi === undefined) continue;
    values.push({ accountId, month, kpi, value: cells[i + 3]! });
  }
  return values;
}
