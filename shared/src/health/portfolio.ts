/**
 * Health of whole accounts and portfolios: a score for every month (for trends and sparklines), and the
 * full explanation (categories, drivers) for the month on screen only, which keeps 2,000 accounts × 24
 * months well inside the 50 ms budget.
 */
import type { Category, KpiValues } from '../kpi/catalog';
import type { Catalog } from '../kpi/overrides';
import { previousMonth } from '../time/months';
import type { Month } from '../units';
import {
  categoryScores,
  drivers,
  scoreMonth,
  trend,
  type Driver,
  type HealthStatus,
  type ScorePoint,
  type Trend,
} from './health';

/** One account's KPI values by month. */
export interface AccountSeries {
  readonly accountId: string;
  readonly months: ReadonlyMap<Month, KpiValues>;
}

export interface AccountHealth {
  readonly accountId: string;
  readonly month: Month;
  readonly score: number | null;
  readonly status: HealthStatus;
  readonly critical: boolean;
  readonly coverage: number;
  readonly categories: Record<Category, number | null>;
  readonly drivers: Driver[];
  readonly trend: Trend;
  /** Score of every month with data, oldest first. */
  readonly history: ScorePoint[];
  /** Status one month earlier, for "changed since last month". */
  readonly previousStatus: HealthStatus;
}

const NO_VALUES: KpiValues = {};

export function accountHealth(series: AccountSeries, month: Month, catalog: Catalog): AccountHealth {
  const months = [...series.months.keys()].sort();
  const history: ScorePoint[] = [];
  let previousStatus: HealthStatus = 'unknown';
  const before = previousMonth(month);
  for (const m of months) {
    if (m > month) continue;
    const s = scoreMonth(series.months.get(m)!, catalog);
    history.push({ month: m, score: s.score });
    if (m === before) previousStatus = s.status;
  }
  const values = series.months.get(month) ?? NO_VALUES;
  const current = scoreMonth(values, catalog);
  return {
    accountId: series.accountId,
    month,
    score: current.score,
    status: current.status,
    critical: current.critical,
    coverage: current.coverage,
    categories: categoryScores(values, catalog),
    drivers: drivers(values, catalog),
    trend: trend(history, month),
    history,
    previousStatus,
  };
}

export type StatusCounts = Record<HealthStatus, number>;

export interface PortfolioHealth {
  readonly month: Month;
  readonly accounts: AccountHealth[];
  readonly counts: StatusCounts;
  /** The same counts one month earlier, for "change since last month". */
  readonly previousCounts: StatusCounts;
}

export function emptyCounts(): StatusCounts {
  return { green: 0, yellow: 0, red: 0, unknown: 0 };
}

export function portfolioHealth(
  portfolio: readonly AccountSeries[],
  month: Month,
  catalog: Catalog,
): PortfolioHealth {
  const counts = emptyCounts();
  const previousCounts = emptyCounts();
  const accounts = portfolio.map((series) => {
    const health = accountHealth(series, month, catalog);
    counts[health.status]++;
    previousCounts[health.previousStatus]++;
    return health;
  });
  return { month, accounts, counts, previousCounts };
}

/** The latest month with any value in a portfolio, or `null` when it is empty. */
export function latestMonth(portfolio: readonly AccountSeries[]): Month | null {
  let latest: Month | null = null;
  for (const series of portfolio) {
    for (const m of series.months.keys()) if (latest === null || m > latest) latest = m;
  }
  return latest;
}
