/**
 * What meeting mode shows, derived from the same reactive tenant data as every other screen: each account
 * with its health, in the order the room walks through them (critical first, weakest score first).
 */
import {
  daysBetween,
  emptyCounts,
  isIsoDate,
  lastDayOfMonth,
  portfolioHealth,
  type AccountDoc,
  type AccountHealth,
  type Catalog,
  type HealthStatus,
  type KpiId,
  type PortfolioHealth,
  type StatusCounts,
} from '@vitals/shared';
import { createMemo, type Accessor } from 'solid-js';
import type { TenantData } from '../../state/tenant-data';

export const STATUS_ORDER: readonly HealthStatus[] = ['red', 'yellow', 'green', 'unknown'];
const ARR = 'arr' as KpiId;

export interface MeetingEntry {
  readonly account: AccountDoc;
  readonly health: AccountHealth | null;
  readonly status: HealthStatus;
  /** ARR in cents in the latest month. */
  readonly arr: number | null;
  /** Days from the end of the latest month to the renewal date. */
  readonly renewalDays: number | null;
  readonly ownerName: string | null;
}

export interface MeetingData {
  readonly health: Accessor<PortfolioHealth | null>;
  readonly entries: Accessor<MeetingEntry[]>;
  readonly counts: Accessor<{ now: StatusCounts; before: StatusCounts }>;
}

/** A KPI's name without its parenthetical ("Executive sponsor meetings"), short enough to read across a room. */
export function shortKpiName(catalog: Catalog, kpi: KpiId): string {
  return catalog.byId[kpi].name.replace(/\s*\(.*\)$/, '');
}

export function compareEntries(a: MeetingEntry, b: MeetingEntry): number {
  return (
    STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
    (a.health?.score ?? Number.POSITIVE_INFINITY) - (b.health?.score ?? Number.POSITIVE_INFINITY) ||
    a.account.name.localeCompare(b.account.name)
  );
}

export function createMeetingData(data: TenantData): MeetingData {
  const health = createMemo(() => {
    const month = data.latest();
    return month ? portfolioHealth(data.series(), month, data.catalog) : null;
  });
  const entries = createMemo(() => {
    const month = data.latest();
    const byId = new Map((health()?.accounts ?? []).map((h) => [h.accountId, h]));
    const arr = new Map(
      data.series().map((s) => [s.accountId, month ? s.months.get(month)?.[ARR] : undefined]),
    );
    const names = new Map(data.members().map((m) => [m.id, m.name]));
    const asOf = month ? lastDayOfMonth(month) : null;
    return data
      .accounts()
      .filter((a) => !a._deleted)
      .map((account): MeetingEntry => {
        const h = byId.get(account.id) ?? null;
        return {
          account,
          health: h,
          status: h?.status ?? 'unknown',
          arr: arr.get(account.id) ?? null,
          renewalDays:
            asOf && account.renewalDate && isIsoDate(account.renewalDate)
              ? daysBetween(asOf, account.renewalDate)
              : null,
          ownerName: account.ownerId ? (names.get(account.ownerId) ?? null) : null,
        };
      })
      .sort(compareEntries);
  });
  const counts = createMemo(() => {
    const now = emptyCounts();
    const before = emptyCounts();
    for (const e of entries()) {
      now[e.status]++;
      before[e.health?.previousStatus ?? 'unknown']++;
    }
    return { now, before };
  });
  return { health, entries, counts };
}
