/**
 * The portfolio health report's content, computed once with the health engine and then only laid out
 * (PDF today): headline counts against last month, the score trend with counts per status for each month,
 * and every account with its status, score, change, top drivers, ARR and renewal, worst first.
 */
import { scoreMonth, type HealthStatus, type KpiStatus } from '../health/health';
import { emptyCounts, portfolioHealth, type AccountHealth, type AccountSeries, type StatusCounts } from '../health/portfolio';
import { roundHalfAwayFromZero } from '../health/rounding';
import type { KpiId, KpiValues } from '../kpi/catalog';
import type { Catalog } from '../kpi/overrides';
import { addMonths, daysBetween, isIsoDate, lastDayOfMonth, monthRange } from '../time/months';
import type { IsoDate, Month } from '../units';
import type { ExportAccount } from './data';

/** Worst first: the order of the report's tiles and of its accounts table. */
export const REPORT_STATUS_ORDER: readonly HealthStatus[] = ['red', 'yellow', 'green', 'unknown'];
/** Months the trend covers by default: a year, the span of a renewal cycle. */
export const DEFAULT_TREND_MONTHS = 12;
/** Drivers listed per account: enough to say why, short enough for a table cell. */
export const REPORT_DRIVERS = 3;

export interface PortfolioReportSource {
  readonly tenantName: string;
  /** The month reported on, usually the latest month with data. */
  readonly month: Month;
  /** When the report is made (ISO 8601), from the caller's clock. */
  readonly generatedAt: string;
  /** IANA time zone to show `generatedAt` in; UTC when absent. */
  readonly timeZone?: string;
  /** Every account; deleted ones are left out. */
  readonly accounts: readonly ExportAccount[];
  readonly series: readonly AccountSeries[];
  readonly catalog: Catalog;
  /** For each account's CSM. */
  readonly members?: readonly { readonly id: string; readonly name: string }[];
  /** Months the trend covers, ending at `month`; it starts no earlier than the data. */
  readonly trendMonths?: number;
}

export interface ReportDriver {
  readonly kpi: KpiId;
  readonly name: string;
  readonly status: KpiStatus;
}

export interface ReportAccount {
  readonly id: string;
  readonly name: string;
  readonly segment: string;
  readonly owner: string | null;
  readonly status: HealthStatus;
  readonly score: number | null;
  /** Score change since the month before; `null` when either month has no score. */
  readonly delta: number | null;
  readonly drivers: readonly ReportDriver[];
  readonly arrCents: number | null;
  readonly renewalDate: IsoDate | null;
  /** Days from the end of the report month to the renewal; negative once it has passed. */
  readonly daysToRenewal: number | null;
}

export interface ReportMonth {
  readonly month: Month;
  /** Mean score of the accounts with a score that month, rounded; `null` when none has one. */
  readonly averageScore: number | null;
  /** Every live account counted every month; no values that month counts as `unknown`, as on the dashboard. */
  readonly counts: StatusCounts;
}

export interface PortfolioReport {
  readonly tenantName: string;
  readonly month: Month;
  /** `generatedAt`, normalised to UTC ISO 8601. */
  readonly generatedAt: string;
  readonly timeZone: string;
  readonly counts: StatusCounts;
  readonly previousCounts: StatusCounts;
  /** Oldest first, ending at `month`. */
  readonly months: readonly ReportMonth[];
  /** Worst first: by status (critical, at risk, healthy, no data), then lowest score, then name. */
  readonly accounts: readonly ReportAccount[];
}

const NO_VALUES: KpiValues = {};

function normalizeGeneratedAt(text: string): string {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new RangeError(`generatedAt must be an ISO timestamp, got ${JSON.stringify(text)}`);
  return new Date(ms).toISOString();
}

function checkTimeZone(timeZone: string): string {
  // Throws a RangeError naming the zone when the runtime does not know it: better now than mid-render.
  new Intl.DateTimeFormat('en', { timeZone });
  return timeZone;
}

function trendRange(series: readonly AccountSeries[], month: Month, length: number): Month[] {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`trendMonths must be a whole number ≥ 1, got ${length}`);
  let earliest: Month = month;
  for (const s of series) for (const m of s.months.keys()) if (m < earliest) earliest = m;
  const wanted = addMonths(month, -(length - 1));
  return monthRange(wanted > earliest ? wanted : earliest, month);
}

function compareAccounts(a: ReportAccount, b: ReportAccount): number {
  const rank = REPORT_STATUS_ORDER.indexOf(a.status) - REPORT_STATUS_ORDER.indexOf(b.status);
  if (rank !== 0) return rank;
  const score = (a.score ?? Number.POSITIVE_INFINITY) - (b.score ?? Number.POSITIVE_INFINITY);
  if (score !== 0 && !Number.isNaN(score)) return score;
  return a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function buildPortfolioReport(source: PortfolioReportSource): PortfolioReport {
  const { month, catalog } = source;
  const timeZone = checkTimeZone(source.timeZone ?? 'UTC');
  const generatedAt = normalizeGeneratedAt(source.generatedAt);
  const live = source.accounts.filter((a) => !a._deleted);
  const liveIds = new Set(live.map((a) => a.id));
  const seriesById = new Map(source.series.filter((s) => liveIds.has(s.accountId)).map((s) => [s.accountId, s]));
  const memberNames = new Map((source.members ?? []).map((m) => [m.id, m.name]));

  const portfolio = portfolioHealth([...seriesById.values()], month, catalog);
  const healthById = new Map<string, AccountHealth>(portfolio.accounts.map((h) => [h.accountId, h]));
  const asOf = lastDayOfMonth(month);

  // Counted over the account list, so an account without values yet still counts as "no data".
  const counts = emptyCounts();
  const previousCounts = emptyCounts();
  const accounts: ReportAccount[] = live.map((a) => {
    const health = healthById.get(a.id);
    counts[health?.status ?? 'unknown']++;
    previousCounts[health?.previousStatus ?? 'unknown']++;
    const arr = seriesById.get(a.id)?.months.get(month)?.arr;
    const renewalDate = a.renewalDate !== null && isIsoDate(a.renewalDate) ? a.renewalDate : null;
    return {
      id: a.id,
      name: a.name,
      segment: a.segment,
      owner: a.ownerId === null ? null : (memberNames.get(a.ownerId) ?? null),
      status: health?.status ?? 'unknown',
      score: health?.score ?? null,
      delta: health?.trend.delta ?? null,
      drivers: (health?.drivers ?? []).slice(0, REPORT_DRIVERS).map((d) => ({
        kpi: d.kpi,
        name: catalog.byId[d.kpi].name,
        status: d.status,
      })),
      arrCents: arr ?? null,
      renewalDate,
      daysToRenewal: renewalDate === null ? null : daysBetween(asOf, renewalDate),
    };
  });
  accounts.sort(compareAccounts);

  const months = trendRange([...seriesById.values()], month, source.trendMonths ?? DEFAULT_TREND_MONTHS).map((m): ReportMonth => {
    const monthCounts = emptyCounts();
    let total = 0;
    let scored = 0;
    for (const a of live) {
      const { score, status } = scoreMonth(seriesById.get(a.id)?.months.get(m) ?? NO_VALUES, catalog);
      monthCounts[status]++;
      if (score !== null) {
        total += score;
        scored++;
      }
    }
    return { month: m, averageScore: scored === 0 ? null : roundHalfAwayFromZero(total / scored), counts: monthCounts };
  });

  return {
    tenantName: source.tenantName,
    month,
    generatedAt,
    timeZone,
    counts,
    previousCounts,
    months,
    accounts,
  };
}
