/**
 * The dashboard's inputs for shared/'s revenue and date rules: ARR series from the device's measurements,
 * the revenue period to show, and renewal windows. No UI here, so each rule can be read (and tested) alone.
 */
import {
  addMonths,
  cents,
  daysBetween,
  isIsoDate,
  lastDayOfMonth,
  monthsBetween,
  type AccountDoc,
  type AccountSeries,
  type Cents,
  type IsoDate,
  type KpiId,
  type Month,
  type RevenueAccount,
  type RevenuePeriod,
} from '@vitals/shared';

const ARR = 'arr' as KpiId;

/** One revenue input per live account: its current segment and CSM, and its ARR (cents) by month. */
export function revenueAccounts(
  accounts: readonly AccountDoc[],
  series: readonly AccountSeries[],
): RevenueAccount[] {
  const byId = new Map(series.map((s) => [s.accountId, s]));
  return accounts
    .filter((a) => !a._deleted)
    .map((a) => {
      const arr = new Map<Month, Cents>();
      for (const [month, values] of byId.get(a.id)?.months ?? []) {
        const value = values[ARR];
        // Measurements hold ARR in integer cents; anything else is not money and is left out, not rounded.
        if (value !== undefined && Number.isSafeInteger(value)) arr.set(month, cents(value));
      }
      return { accountId: a.id, segment: a.segment.trim() || null, ownerId: a.ownerId, arr };
    });
}

/** The earliest month with any value, or `null` for an empty portfolio. */
export function earliestMonth(series: readonly AccountSeries[]): Month | null {
  let earliest: Month | null = null;
  for (const s of series)
    for (const m of s.months.keys()) if (earliest === null || m < earliest) earliest = m;
  return earliest;
}

/** Period lengths the dashboard offers, in months. 12 is the default: the year a renewal cycle spans. */
export const PERIOD_CHOICES = [12, 6, 3, 1] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

export interface ShownPeriod extends RevenuePeriod {
  /** Months from start to end. */
  readonly months: number;
  /** True when the data starts later than the chosen length would reach, so the period is shorter. */
  readonly clipped: boolean;
}

/**
 * The trailing `length` months ending at the latest month, starting no earlier than the data does.
 * `null` when there are not two months to compare.
 */
export function trailingPeriod(
  earliest: Month | null,
  latest: Month | null,
  length: PeriodChoice,
): ShownPeriod | null {
  if (!earliest || !latest || earliest >= latest) return null;
  const wanted = addMonths(latest, -length);
  const start = wanted < earliest ? earliest : wanted;
  return { start, end: latest, months: monthsBetween(start, latest), clipped: wanted < earliest };
}

/** Renewal windows the filter offers, in days after the end of the latest month. */
export const RENEWAL_WINDOWS = [30, 60, 90, 120] as const;

/** The day the data describes: KPI values are "as of" the end of their month. */
export function asOfDate(latest: Month): IsoDate {
  return lastDayOfMonth(latest);
}

/** Days from `asOf` to the renewal; negative when it has passed, `null` without a date. */
export function daysToRenewal(renewalDate: string | null, asOf: IsoDate): number | null {
  return renewalDate && isIsoDate(renewalDate) ? daysBetween(asOf, renewalDate) : null;
}

/** Renews within `window` days after `asOf` (a renewal already passed is not "upcoming"). */
export function renewsWithin(days: number | null, window: number): boolean {
  return days !== null && days >= 0 && days <= window;
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export function formatDate(date: string): string {
  return isIsoDate(date) ? dateFormat.format(new Date(`${date}T00:00:00Z`)) : date;
}

/** "in 45 days", "today", "passed": relative to the as-of date, not to today's clock. */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days > 0) return `in ${days} day${days === 1 ? '' : 's'}`;
  return 'passed';
}
