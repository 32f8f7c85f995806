/**
 * Everything the account screen shows, as reactive views over the local database: the account, its health
 * for the latest month, that month's measurement document (sources and history), names for source badges,
 * and whether the signed-in person may edit. Edits land in the database and flow back through here, so the
 * health recomputes the moment a value is saved.
 */
import {
  accountHealth,
  can,
  kpiReadings,
  measurementId,
  type AccountDoc,
  type AccountHealth,
  type AccountSeries,
  type KpiId,
  type KpiValues,
  type MeasurementDoc,
  type Month,
  type VersionDoc,
} from '@vitals/shared';
import { createMemo, from, type Accessor } from 'solid-js';
import { map } from 'rxjs';
import type { SourceNames } from '../../components/SourceBadge';
import { currentTenant, session } from '../../session/session';
import { useTenantData, type TenantData } from '../../state/tenant-data';

/** A stored KPI value with its source and clock, and a value it replaced (the shared schema's types). */
export type KpiCell = NonNullable<MeasurementDoc['values'][KpiId]>;
export type KpiHistoryEntry = MeasurementDoc['history'][number];

export interface AccountView {
  readonly data: TenantData;
  readonly account: Accessor<AccountDoc | undefined>;
  readonly series: Accessor<AccountSeries | undefined>;
  readonly latest: Accessor<Month | null>;
  readonly health: Accessor<AccountHealth | null>;
  /** The latest month's values (empty when the account has none that month). */
  readonly values: Accessor<KpiValues>;
  /** The latest month's document: each value's source, and the values it replaced. */
  readonly doc: Accessor<MeasurementDoc | undefined>;
  /** Σ weight of the scored KPIs with a value: turns a driver's weighted cost into score points. */
  readonly weightWithValues: Accessor<number>;
  readonly names: SourceNames;
  readonly ownerName: Accessor<string | null>;
  readonly userId: Accessor<string | null>;
  readonly canEdit: Accessor<boolean>;
}

const NO_VALUES: KpiValues = {};

/** Version file names by id; the tenant data has no view of versions, and only this screen needs them. */
function createVersionNames(data: TenantData): Accessor<ReadonlyMap<string, string>> {
  const names = from(
    data.db.versions
      .find()
      .$.pipe(
        map((docs) => new Map(docs.map((d) => [d.primary, (d.toJSON() as unknown as VersionDoc).fileName]))),
      ),
  );
  return () => names() ?? new Map();
}

export function createAccountView(accountId: Accessor<string>): AccountView {
  const data = useTenantData();
  const account = createMemo(() => data.accounts().find((a) => a.id === accountId()));
  const series = createMemo(() => data.series().find((s) => s.accountId === accountId()));
  const health = createMemo<AccountHealth | null>(() => {
    const month = data.latest();
    const s = series();
    return month && s ? accountHealth(s, month, data.catalog) : null;
  });
  const values = createMemo(() => {
    const month = data.latest();
    return (month && series()?.months.get(month)) || NO_VALUES;
  });
  const doc = createMemo(() => {
    const month = data.latest();
    if (!month) return undefined;
    const id = measurementId(accountId(), month);
    return data.measurements().find((m) => m.id === id && !m._deleted);
  });
  const weightWithValues = createMemo(() =>
    kpiReadings(values(), data.catalog).reduce((sum, r) => sum + r.weight, 0),
  );
  const versionNames = createVersionNames(data);
  const memberNames = createMemo(() => new Map(data.members().map((m) => [m.id, m.name])));
  const userId = (): string | null => session()?.user.id ?? null;
  const canEdit = createMemo(() => {
    const role = currentTenant()?.role;
    if (!role) return false;
    if (can(role, 'data.write')) return true;
    // A CSM edits their own accounts only; the server refuses the rest, so the button would only mislead.
    return can(role, 'data.write-own') && account()?.ownerId === userId();
  });
  return {
    data,
    account,
    series,
    latest: data.latest,
    health,
    values,
    doc,
    weightWithValues,
    names: { fileName: (id) => versionNames().get(id), memberName: (id) => memberNames().get(id) },
    ownerName: () => {
      const owner = account()?.ownerId;
      return owner ? (memberNames().get(owner) ?? null) : null;
    },
    userId,
    canEdit,
  };
}
